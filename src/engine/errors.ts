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

/**
 * Whether `e` is an error of the class named `name` ("InputError", "IncompleteError"), also one
 * thrown by another copy of cellsim's code: a plug-in imports the classes from the package's API
 * (dist/src) while the `cellsim` binary runs the bundle (dist/bundle), so there are two classes of
 * each name and `instanceof` alone would take a plug-in's bad-input error for a crash.
 */
export function isErrorNamed(e: unknown, name: "InputError" | "IncompleteError"): e is Error {
  return e instanceof Error && e.name === name;
}
