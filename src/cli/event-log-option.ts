import { InputError } from "../engine/errors.js";
import { writeEventLog } from "../experiment/event-log.js";
import type { ExperimentPlan, PlannedRun } from "../experiment/plan.js";

/** `cellsim run --events FILE [--run RUN_ID]`: which run's event log to write, and writing it. */

/** Run ids named in an error: enough to copy one, not a wall of text for a large sweep. */
const MAX_LISTED = 12;

function listIds(runs: readonly PlannedRun[]): string {
  const ids = runs
    .slice(0, MAX_LISTED)
    .map((r) => r.runId)
    .join(", ");
  return runs.length > MAX_LISTED ? `${ids}, … (cellsim validate lists all ${runs.length})` : ids;
}

/** The run `--run` names; without it, the experiment's only run. */
function pickRun(runs: readonly PlannedRun[], runId: string | undefined): PlannedRun {
  if (runId === undefined) {
    if (runs.length === 1) return runs[0] as PlannedRun;
    throw new InputError(
      `--events: the experiment has ${runs.length} runs; pick one with --run: ${listIds(runs)}`,
    );
  }
  const run = runs.find((r) => r.runId === runId);
  if (!run)
    throw new InputError(`--run: no run "${runId}" in this experiment; expected one of ${listIds(runs)}`);
  return run;
}

/**
 * Writes the event log `--events` asks for (InputError, so exit 2, on a bad choice of run or a
 * run too large for a log) and says where on stderr.
 */
export async function writeRunEventLog(
  plan: ExperimentPlan,
  file: string | undefined,
  runId: string | undefined,
): Promise<void> {
  if (file === undefined) {
    throw new InputError("--run: picks the run whose event log --events writes; give --events FILE too");
  }
  const run = pickRun(plan.runs, runId);
  const events = await writeEventLog(run, file, { registry: plan.registry });
  process.stderr.write(`cellsim: event log of run ${run.runId} (${events} events) written to ${file}\n`);
}
