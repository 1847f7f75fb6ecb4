import path from "node:path";
import { describe, expect, it } from "vitest";
import { InputError } from "../../src/engine/errors.js";
import { tracePathResolver } from "../../src/experiment/inputs.js";
import { checkMachineEvents } from "../../src/experiment/machine-event-inputs.js";
import { planFromJson } from "../../src/experiment/plan.js";
import { runOne } from "../../src/experiment/run-one.js";
import { runHash } from "../../src/experiment/run-store.js";

/**
 * `failures.events`: the block validated and its path resolved like a workload trace's; the
 * file checked and hashed before any run (so resume notices an edit); each run reads it.
 */

const FOLDER = "test/fixtures/traces/machine-events";
const EXPERIMENT = path.join(FOLDER, "x.json");
const CODE = { version: "0.1.0", buildSha256: "a".repeat(64) };

const base = {
  name: "events",
  horizon: "30m",
  cluster: { machines: 8, cpus: 4, memGb: 16 },
  workload: { preset: "google-c", rateMultiplier: 0.2 },
};

/** The plan of `base` with this failures block, paths relative to the fixtures' folder. */
function planWith(failures: unknown) {
  return planFromJson({ ...base, failures }, EXPERIMENT, {}, tracePathResolver(FOLDER));
}

describe("failures.events", () => {
  it("alone turns machine failures on (lostWork defaults) with the path resolved", () => {
    const config = planWith({ events: { path: "down-up.csv", format: "cellsim" } }).runs[0]!.config;
    expect(config.failures).toEqual({
      events: { path: path.join(FOLDER, "down-up.csv"), format: "cellsim" },
      lostWork: { batch: {}, service: { restartDelayUs: 1e6 } },
    });
  });

  it("leaves configs without it as they were", () => {
    const machines = { timeToFailure: { constant: "1d" }, timeToRepair: { constant: "1h" } };
    const config = planWith({ machines }).runs[0]!.config;
    expect(config.failures && "events" in config.failures).toBe(false);
    expect(planFromJson(base, "x.json").runs[0]!.config.failures).toBeUndefined();
  });

  it("refuses trace capacities: the failure model does not change capacities", () => {
    const events = { path: "m.csv", format: "google-2011", capacities: "trace" };
    expect(() => planWith({ events })).toThrow(
      /failures\.events\.capacities: capacity changes are not modelled yet/,
    );
  });

  it("preflight names the file and line of an update row (a capacity change)", async () => {
    const plan = planWith({ events: { path: "small.csv", format: "cellsim" } });
    const checked = checkMachineEvents(plan.runs, "x.json");
    await expect(checked).rejects.toBeInstanceOf(InputError);
    await expect(checked).rejects.toThrow(
      `x.json: failures.events: ${path.join(FOLDER, "small.csv")}:5: capacity changes (update) are not modelled`,
    );
  });

  it("preflight hashes the file once; the hash enters the resume hash of runs that read it", async () => {
    const plan = planWith({ events: { path: "down-up.csv", format: "cellsim" } });
    const inputs = await checkMachineEvents([...plan.runs, ...plan.runs], "x.json");
    expect(inputs).toHaveLength(1);
    expect(inputs[0]).toMatchObject({ path: path.join(FOLDER, "down-up.csv"), machineEvents: 6 });
    const run = plan.runs[0]!;
    const hashed = runHash(run, { ...plan, inputs }, CODE);
    const edited = [{ ...inputs[0]!, sha256: "0".repeat(64) }];
    expect(runHash(run, { ...plan, inputs: edited }, CODE)).not.toBe(hashed);
    // A run without events ignores the entry.
    const other = planFromJson(base, "x.json");
    expect(runHash(other.runs[0]!, { ...other, inputs }, CODE)).toBe(runHash(other.runs[0]!, other, CODE));
  });

  it("runOne reads the file; an explicit schedule still wins", async () => {
    const config = planWith({ events: { path: "down-up.csv", format: "cellsim" } }).runs[0]!.config;
    expect((await runOne(config, 1)).failures?.machineFailures).toBe(3);
    expect((await runOne(config, 1, {}, [])).failures?.machineFailures).toBe(0);
  });

  it("the Google 2011 file with the same down periods gives the same run as the native one", async () => {
    const native = planWith({ events: { path: "down-up.csv", format: "cellsim" } });
    const google = planWith({
      events: { path: "../google-2011/machine_events-small.csv", format: "google-2011" },
    });
    const [a, b] = await Promise.all([runOne(native.runs[0]!.config, 1), runOne(google.runs[0]!.config, 1)]);
    expect(b.failures).toEqual(a.failures);
    expect(b.failures).toMatchObject({ machineFailures: 3, machineDownSec: 1350 });
  });
});
