/**
 * Bad input from the user (config field, unit, file, trace row). The message already names the
 * file, line or field path; the CLI prints it alone (no stack) and exits with code 2.
 */
export class InputError extends Error {
  override readonly name = "InputError";
}
