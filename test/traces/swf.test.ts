import { describe, expect, it } from "vitest";
import { readSwf } from "../../src/workloads/traces/swf.js";

/** The swf reader on the first 60 jobs of the real NASA iPSC log and on hand-written edge cases. */

const NASA = "test/fixtures/traces/swf/nasa-ipsc-first60.swf";
const EDGE = "test/fixtures/traces/swf/edge-cases.swf";

describe("swf reader", () => {
  it("reads the NASA sample: ';' headers skipped, processors → tasks, run time → duration", async () => {
    const r = await readSwf(NASA);
    expect(r.rows).toBe(60);
    expect(r.jobs).toHaveLength(60);
    // "    1        0     -1   1451  128 ..." and the last job "  154    37562 ... 136   32 ..."
    expect(r.jobs[0]).toEqual({
      id: 1,
      submitUs: 0,
      kind: "batch",
      tasks: 128,
      cpusPerTask: 1,
      memGbPerTask: 0,
      durationUs: 1_451_000_000,
      prefill: false,
    });
    expect(r.jobs.at(-1)).toMatchObject({
      id: 154,
      submitUs: 37_562_000_000,
      tasks: 32,
      durationUs: 136_000_000,
    });
  });

  it("one-task mode and the window", async () => {
    const r = await readSwf(NASA, {
      processors: "one-task",
      cpusPerProcessor: 0.5,
      fromUs: 1_000_000_000,
      toUs: 6_000_000_000,
    });
    expect(r.jobs.map((j) => [j.id, j.submitUs, j.tasks, j.cpusPerTask])).toEqual([
      [2, 460_000_000, 1, 64],
      [3, 4_198_000_000, 1, 64],
    ]);
  });

  it("edge cases: −1 sentinels, requested processors, memory, run time 0, kinds by queue/partition", async () => {
    const r = await readSwf(EDGE, {
      skipInvalid: true,
      queueKinds: { "2": "service" },
      partitionKinds: { "7": "service" },
      memGbPerProcessor: 0.5,
    });
    expect(r.jobs.map((j) => [j.id, j.kind, j.tasks, j.memGbPerTask, j.durationUs])).toEqual([
      [1, "batch", 4, 0.5, 100_000_000], // memory unknown → memGbPerProcessor
      [2, "service", 8, 2048 / 1024 / 1024, 50_000_000], // allocated −1 → requested 8; used 2048 KB
      [3, "service", 2, 1, 1], // run time 0 → 1 µs; requested memory 1 GB; partition 7
    ]);
    expect(r.skipped).toEqual({
      "run time unknown (-1)": 1,
      "processors unknown (-1 or 0)": 1,
      "expected 18 columns": 1,
    });
  });

  it("priority: the queue number, or queuePriorities[queue]; none for queue −1", async () => {
    // Queues of the usable rows: job 1 → 1, job 2 → 2, job 3 → −1 (unknown).
    const byQueue = await readSwf(EDGE, { skipInvalid: true });
    expect(byQueue.jobs.map((j) => [j.id, j.priority])).toEqual([
      [1, 1],
      [2, 2],
      [3, undefined],
    ]);
    expect("priority" in (byQueue.jobs[2] as object)).toBe(false);
    const mapped = await readSwf(EDGE, { skipInvalid: true, queuePriorities: { "1": 10 } });
    expect(mapped.jobs.map((j) => j.priority)).toEqual([10, 2, undefined]);
    // The NASA sample gives no queue (−1 everywhere): no job carries a priority.
    expect((await readSwf(NASA)).jobs.some((j) => "priority" in j)).toBe(false);
  });

  it("fails on the first unusable row with file:line", async () => {
    await expect(readSwf(EDGE)).rejects.toThrow(`${EDGE}:6: run time unknown (-1): job 4`);
  });
});
