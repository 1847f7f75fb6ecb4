import { describe, expect, it } from "vitest";
import { FailureHeap } from "../../src/cluster/failures/failure-heap.js";
import { RestartQueue } from "../../src/cluster/failures/restart-queue.js";
import { RngFactory } from "../../src/engine/rng.js";
import type { FailureSpec, RunConfig } from "../../src/experiment/config.js";
import { simulateWorkload } from "../../src/experiment/run-one.js";
import { cellConfig } from "../../src/testing/busy-cell.js";
import type { Sampler } from "../../src/workloads/spec.js";
import { workloadFromList } from "../../src/workloads/source.js";
import { job } from "../helpers/configs.js";

const sec = (s: number) => s * 1e6;
const fixed = (s: number): Sampler => ({ dist: { type: "constant", value: sec(s) }, ceil: false });

describe("FailureHeap", () => {
  it("pops by time, equal times by id, and takes items back", () => {
    const h = new FailureHeap(5);
    [
      [3, 50],
      [0, 70],
      [4, 50],
      [1, 10],
      [2, 70],
    ].forEach(([id, t]) => h.push(id as number, t as number));
    const order: number[] = [];
    while (h.nextUs !== Infinity) order.push(h.pop());
    expect(order).toEqual([1, 3, 4, 0, 2]);
    h.push(2, 5);
    expect([h.nextUs, h.pop(), h.nextUs]).toEqual([5, 2, Infinity]);
  });
});

describe("RestartQueue", () => {
  it("keeps delayed entries out of the ready ones until released, oldest first", () => {
    const q = new RestartQueue();
    q.pushDelayed(10, 100);
    q.pushDelayed(20, 200);
    expect([q.ready, q.size]).toEqual([0, 2]);
    q.release(1);
    expect([q.ready, q.peekLostAtUs(), q.peekValue()]).toEqual([1, 10, 100]);
    expect(q.shift()).toBe(100);
    expect([q.ready, q.size]).toEqual([0, 1]);
    expect(() => q.release(2)).toThrow("RestartQueue: 2 restarts due, 1 delayed");
    expect([...q.pending()]).toEqual([{ lostAtUs: 20, value: 200 }]);
  });
});

describe("a machine failing while its rack is down comes back when both causes are over", () => {
  // 2 machines × 4 CPUs in one domain. Each machine: up 40 s, down 25 s (constant), so both are
  // down over [40, 65) by their own failures; the rack: up 50 s, down 20 s, so down over [50, 70).
  // Each machine is therefore down over [40, 70): machineDownSec = 2 × 30 = 60; 2 machine
  // failures and 1 domain failure before the 90 s horizon (the next ones: 65 + 40 = 105 s,
  // 70 + 50 = 120 s).
  // A batch job of 1 task is submitted at 66 s (monolithic, 1 s per decision, retry after 1 s):
  // its decision at 67 s finds both machines still down (their own repair at 65 s ended one cause
  // only), retry at 68, decision at 69: down; retry at 70, when the rack is back (failure events
  // run before retries at an equal time); decision at 71 s places it: waitFull = 71 − 66 = 5 s.
  const failures: FailureSpec = {
    machines: { timeToFailure: fixed(40), timeToRepair: fixed(25) },
    domains: { size: 2, timeToFailure: fixed(50), timeToRepair: fixed(20) },
    lostWork: { batch: {}, service: { restartDelayUs: 0 } },
  };
  const config: RunConfig = cellConfig(
    { type: "monolithic", decisionTime: { perJob: "1s", perTask: "0s" } },
    { horizonUs: sec(90), cluster: { machines: 2, cpus: 4, memGb: 16 }, placement: "first-fit", failures },
  );
  const summary = simulateWorkload(config, workloadFromList([], [job(0, 66, 1)]), new RngFactory(1), {
    checkInvariants: true,
  });

  it("counts the overlap once and places nothing until the last cause ends", () => {
    expect(summary.failures).toEqual({
      machineFailures: 2,
      domainFailures: 1,
      machineDownSec: 60,
      prefillTasksLost: 0,
    });
    expect(summary.workloads.batch?.waitFullSec.mean).toBe(5);
    expect(summary.workloads.batch?.attemptsMean).toBe(3);
  });
});
