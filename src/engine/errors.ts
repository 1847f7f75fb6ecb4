/**
 * Bad input from the user (config field, unit, file, trace row). The message already names the
 * file, line or field path; the CLI prints it alone (no stack) and exits with code 2.
 */
export class InputError extends Error {
  override readonly name = "InputError";
}

/**
 * A command that worked as designed but could not complete its task (e.g. `cellsim merge` with
 * runs missing). The message says what to do next; the CLI prints it alone and exits with code 1.
 */
export class IncompleteError extends Error {
  override readonly name = "IncompleteError";
}
