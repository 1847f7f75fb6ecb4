import { existsSync } from "node:fs";
import { readdir, readFile } from "node:fs/promises";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { EventKind } from "../../src/cluster/events.js";
import { InputError } from "../../src/engine/errors.js";
import { writeEventLog } from "../../src/experiment/event-log.js";
import { planFromJson } from "../../src/experiment/plan.js";
import { runOne } from "../../src/experiment/run-one.js";
import { tempDir } from "./helpers.js";

/** The event log: one JSON line per dispatched event, written by a hook that changes nothing. */

function tinyRun(over: Record<string, unknown> = {}) {
  const json = {
    name: "log",
    horizon: "30m",
    seeds: [3],
    cluster: { machines: 10, cpus: 4, memGb: 16 },
    workload: { preset: "google-c", rateMultiplier: 0.1 },
    prefill: { cpuFraction: 0.2 },
    ...over,
  };
  return planFromJson(json, "log.json").runs[0]!;
}

describe("writeEventLog", () => {
  it("writes one valid line per event, as many as the run's events, without changing the run", async () => {
    const run = tinyRun();
    const file = path.join(await tempDir(), "events.jsonl");
    const count = await writeEventLog(run, file);
    const summary = await runOne(run.config, run.seed);
    expect(count).toBe(summary.events);

    const lines = (await readFile(file, "utf8")).trimEnd().split("\n");
    expect(lines).toHaveLength(summary.events);
    const events = lines.map((l) => JSON.parse(l) as Record<string, unknown>);
    const kinds = new Set(Object.keys(EventKind));
    let previous = 0;
    for (const e of events) {
      expect(kinds.has(e.kind as string)).toBe(true);
      expect(Number.isInteger(e.t) && Number.isInteger(e.a) && Number.isInteger(e.b)).toBe(true);
      expect(e.t as number).toBeGreaterThanOrEqual(previous);
      previous = e.t as number;
    }
    const arrivals = events.filter((e) => e.kind === "JobArrival");
    const submitted = summary.workloads.batch!.submitted + summary.workloads.service!.submitted;
    expect(arrivals).toHaveLength(submitted);
    expect(arrivals.every((e) => typeof e.job === "number")).toBe(true);
  });

  it("refuses a run with more events than the cap, leaving no file behind", async () => {
    const run = tinyRun();
    const dir = await tempDir();
    const file = path.join(dir, "events.jsonl");
    await expect(writeEventLog(run, file, { maxEvents: 5 })).rejects.toThrow(InputError);
    await expect(writeEventLog(run, file, { maxEvents: 5 })).rejects.toThrow(
      /run 000-s3 has more than 5 events; the event log is for small runs/,
    );
    expect(existsSync(file)).toBe(false);
    expect(await readdir(dir)).toEqual([]);
  });

  it("names an unwritable file as an input error", async () => {
    const file = path.join(await tempDir(), "no-such-folder", "events.jsonl");
    await expect(writeEventLog(tinyRun(), file)).rejects.toThrow(/--events: cannot write .* \(ENOENT\)/);
  });
});
