/**
 * Progress on stderr: a redrawn bar with runs done/total and ETA when stderr is a terminal,
 * one plain line per finished run otherwise (CI logs, pipes).
 */

/** Receives progress events from runAll. */
export interface ProgressReporter {
  /** Before the first run: runs to execute now, and runs skipped because they are stored. */
  start(total: number, skipped: number): void;
  /** A run finished (`done` of `total`). */
  runDone(runId: string, done: number, total: number): void;
  /** Every run finished. */
  finish(): void;
}

/** A reporter that says nothing (tests, library use). */
export const silentProgress: ProgressReporter = { start() {}, runDone() {}, finish() {} };

function formatEta(sec: number): string {
  if (!Number.isFinite(sec)) return "?";
  const s = Math.round(sec);
  if (s < 60) return `${s}s`;
  if (s < 3600) return `${Math.floor(s / 60)}m${String(s % 60).padStart(2, "0")}s`;
  return `${Math.floor(s / 3600)}h${String(Math.floor((s % 3600) / 60)).padStart(2, "0")}m`;
}

/** Progress for `stream` (default stderr): a bar on a TTY, plain lines otherwise. */
export function streamProgress(stream: NodeJS.WriteStream = process.stderr): ProgressReporter {
  const tty = stream.isTTY === true;
  let started = 0;
  let firstDone = 0;
  return {
    start(total, skipped) {
      started = performance.now();
      firstDone = skipped;
      const note = skipped > 0 ? ` (${skipped} already done, resuming)` : "";
      stream.write(`cellsim: ${total} runs${note}\n`);
    },
    runDone(runId, done, total) {
      const elapsed = (performance.now() - started) / 1000;
      const rate = (done - firstDone) / elapsed;
      const eta = formatEta((total - done) / rate);
      if (!tty) return void stream.write(`cellsim: run ${runId} done (${done}/${total}, ETA ${eta})\n`);
      const width = 30;
      const filled = Math.round((done / total) * width);
      stream.write(
        `\r[${"#".repeat(filled)}${".".repeat(width - filled)}] ${done}/${total} runs  ETA ${eta}  `,
      );
    },
    finish() {
      if (tty) stream.write("\n");
    },
  };
}
