// Types of ensure-built.mjs (plain JavaScript, so that it runs before anything is compiled), for
// the test that imports it.

/** Folders whose every file is an input of the build. */
export const INPUT_DIRS: readonly string[];
/** Single files that are inputs of the build. */
export const INPUT_FILES: readonly string[];
/** The stamp a finished build writes into dist/. */
export const STAMP_FILE: string;
/** The folder of dist/ that holds the bundled CLI (made from dist/src, not from an input folder). */
export const BUNDLE_DIR: string;
/** sha256 over every input file of the project at `root`. */
export function inputsHash(root: string): string;
/** Whether `root`/dist is the build of the inputs as they are now, and if not, why. */
export function buildState(root: string): Promise<{ current: true } | { current: false; reason: string }>;
/** Deletes dist/, compiles, writes build-info.json, bundles the CLI and writes the stamp. */
export function build(root: string): Promise<void>;
