import { rmSync } from "node:fs";

/** Exit code after a signal: 128 + its number, as shells report it. */
const SIGNAL_EXIT: Readonly<Record<"SIGINT" | "SIGTERM", number>> = { SIGINT: 130, SIGTERM: 143 };

/**
 * Runs `work`; if Ctrl-C (SIGINT) or SIGTERM arrives meanwhile, removes `files` — partial output
 * such as a temporary file being written — and exits with 130 (SIGINT) or 143 (SIGTERM). Node's
 * default would exit at once and leave them behind.
 */
export async function removingOnInterrupt<T>(files: readonly string[], work: () => Promise<T>): Promise<T> {
  const onSignal = (signal: "SIGINT" | "SIGTERM"): void => {
    for (const f of files) rmSync(f, { force: true });
    process.stderr.write(`cellsim: interrupted (${signal}); nothing written\n`);
    process.exit(SIGNAL_EXIT[signal]);
  };
  process.once("SIGINT", onSignal);
  process.once("SIGTERM", onSignal);
  try {
    return await work();
  } finally {
    process.off("SIGINT", onSignal);
    process.off("SIGTERM", onSignal);
  }
}
