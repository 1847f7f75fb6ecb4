import { describe, expect, it } from "vitest";
import { JobState } from "../../src/cluster/job-state.js";
import { RngFactory } from "../../src/engine/rng.js";
import { reservationRequest } from "../../src/allocation/types.js";
import { leastLoaded } from "../../src/policies/placement/least-loaded.js";
import { paragon } from "../../src/policies/placement/paragon.js";
import { enforceGang } from "../../src/policies/placement/place-request.js";
import type { Place, TaskRequest } from "../../src/policies/placement/types.js";
import type { CellView } from "../../src/cluster/cell-view.js";
import type { RandomStream } from "../../src/engine/rng.js";

/** Places as every scheduler does: the placer, then the request's gang rule. */
function placeRequest(
  place: Place,
  view: CellView,
  request: TaskRequest,
  rng: RandomStream,
  out: number[],
): void {
  place(view, request, rng, out);
  enforceGang(request, out);
}
import { leastResourcesPlan } from "../../src/quasar/quasar-allocator.js";
import { jobOfModel } from "../../src/workloads/quasar-source.js";
import { cellOf, handJob, linearPrediction, type, type HandCell } from "./helpers.js";

/**
 * Hand-worked allocation cases on a 3-machine cell:
 *   m0 "slow": 8 cores, type factor 0.5 · m1 "ref": 4 cores, factor 1 · m2 "fast": 2 cores, factor 2.
 * The prediction scales perfectly: perf = cores × nodes × mean(type factors). No headroom.
 */
const types = () => [type("slow", 8, 64), type("ref", 4, 64), type("fast", 2, 64)];
const pred = linearPrediction([0.5, 1, 2]);
const exact = { headroom: 1, correction: 1 };
const none = new Float64Array(3);

describe("quasar greedy: least resources that meet the target, scale up first", () => {
  it("target 3: one node; 1 core on fast gives 2 < 3, 2 cores on fast give 4 ≥ 3", () => {
    expect(leastResourcesPlan(handJob(3), pred, cellOf(types()).ctx, exact)).toEqual({
      cores: 2,
      memGbPerNode: 2,
      machines: [2],
    });
  });

  it("target 3 with fast half full: 2 cores no longer fit there, so 3 cores on ref (3 ≥ 3)", () => {
    const c = cellOf(types());
    c.place(99, 2, 1, 1, none);
    // c=1 on fast: 2 < 3; c=2 fits only ref and slow: ref gives 2; c=3 on ref gives 3.
    expect(leastResourcesPlan(handJob(3), pred, c.ctx, exact)).toEqual({
      cores: 3,
      memGbPerNode: 3,
      machines: [1],
    });
  });

  it("target 6: no single machine reaches 6 (best: 4), so scale out to 2 cores on fast + ref", () => {
    // n=1: fast 2 cores → 4, ref 4 cores → 4, slow 8 cores → 4. n=2, c=1: 1·2·1.5 = 3; c=2: 2·2·1.5 = 6.
    expect(leastResourcesPlan(handJob(6), pred, cellOf(types()).ctx, exact)).toEqual({
      cores: 2,
      memGbPerNode: 2,
      machines: [2, 1],
    });
  });

  it("target 9: nothing in the cell meets it, so the job queues", () => {
    // Best: n=3, c=2 → 2·3·(3.5/3) = 7; c=3 fits only 2 machines.
    expect(leastResourcesPlan(handJob(9), pred, cellOf(types()).ctx, exact)).toBeUndefined();
  });

  it("headroom: planning for target × 1.05 turns the exact fit (3 on ref) into 4 cores", () => {
    const c = cellOf(types());
    c.place(99, 2, 1, 1, none);
    const plan = leastResourcesPlan(handJob(3), pred, c.ctx, { headroom: 1.05, correction: 1 });
    expect(plan).toEqual({ cores: 4, memGbPerNode: 4, machines: [1] });
  });

  it("interference: a sensitive job skips the fast machine when its co-runner's pressure is too high", () => {
    const c = cellOf(types());
    // Co-runner on fast: LLC pressure 0.9; the job tolerates 0.3 → factor 1/(1 + 4·0.6) ≈ 0.29, score ≈ 0.59.
    c.place(99, 2, 1, 1, Float64Array.from([0.9, 0, 0]));
    const sensitive = linearPrediction([0.5, 1, 2], [0.3, 1, 1]);
    // Ranking: ref (1) > fast (0.59) > slow (0.5); c=1 on ref gives 1, c=2 gives 2 ≥ 2.
    expect(leastResourcesPlan(handJob(2), sensitive, c.ctx, exact)).toEqual({
      cores: 2,
      memGbPerNode: 2,
      machines: [1],
    });
  });

  it("plans on the deciding scheduler's view: machines the view hides are never chosen", () => {
    const c = cellOf(types());
    // A view of ref and slow only (a partition or an offer): target 3 now takes 3 cores on ref.
    const view = viewOf(c, [0, 1]);
    expect(leastResourcesPlan(handJob(3), pred, { perf: c.perf, view }, exact)).toEqual({
      cores: 3,
      memGbPerNode: 3,
      machines: [1],
    });
  });
});

/** A view of some machines of the live cell (same room, fewer candidates). */
function viewOf(c: HandCell, machines: number[]) {
  return {
    candidates: machines.length,
    candidate: (i: number) => machines[i]!,
    freeCpus: (m: number) => c.cell.freeCpus(m),
    freeMemGb: (m: number) => c.cell.freeMemGb(m),
    capacityCpus: (m: number) => c.cell.capacityCpus(m),
    freeExtra: (m: number, d: number) => c.cell.freeExtra(m, d),
  };
}

/** The reservation allocation's request for a job of this reservation, job index `index`. */
function reservationOf(reserved: { cores: number; nodes: number }, index = 0): TaskRequest {
  const job = new JobState(index, jobOfModel(handJob(1, "batch", reserved)));
  const out: TaskRequest = { tasks: 0, cpusPerTask: 0, memGbPerTask: 0 };
  reservationRequest(job, out);
  return out;
}

/** The machines a placement policy picks for a request on the live cell, gang rule applied. */
function placed(policy: typeof leastLoaded, c: HandCell, request: TaskRequest): number[] {
  const out: number[] = [];
  placeRequest(policy.create(c.cell.machines, c.perf), c.cell, request, new RngFactory(1).stream("t"), out);
  return out;
}

describe("reservation allocation + least-loaded / paragon placement", () => {
  it("a job with a performance model asks for its reservation as a gang of distinct nodes", () => {
    expect(reservationOf({ cores: 2, nodes: 3 }, 5)).toEqual({
      tasks: 3,
      cpusPerTask: 2,
      memGbPerTask: 2,
      jobIndex: 5,
      gang: true,
      distinct: true,
    });
  });

  it("least-loaded takes the lowest reserved fraction, blind to type", () => {
    const c = cellOf(types());
    c.place(98, 0, 2, 2, none); // slow: 2/8 = 25% reserved
    c.place(99, 2, 1, 1, none); // fast: 1/2 = 50%
    // ref 0% < slow 25% < fast 50%.
    expect(placed(leastLoaded, c, reservationOf({ cores: 1, nodes: 2 }))).toEqual([1, 0]);
  });

  it("least-loaded queues a reservation that fits on too few machines", () => {
    const c = cellOf(types());
    c.place(99, 1, 1, 1, none);
    const request = reservationOf({ cores: 4, nodes: 2 }); // only slow and ref have 4 cores; ref has 3 left
    expect(placed(leastLoaded, c, request)).toEqual([]);
    // It is the gang that queues it: without it, one node would start on slow alone.
    expect(placed(leastLoaded, c, { ...request, gang: false })).toEqual([0]);
  });

  it("paragon gives the same reservation but on the best-ranked machines", () => {
    const c = cellOf(types());
    const request = reservationOf({ cores: 2, nodes: 1 });
    c.perf.predictions[0] = pred;
    c.perf.kinds[0] = "batch";
    expect(placed(paragon, c, request)).toEqual([2]);
    expect(placed(leastLoaded, cellOf(types()), request)).toEqual([0]);
  });

  it("paragon places a job nobody classified least-loaded, as on a cell without machine types", () => {
    const c = cellOf(types());
    c.place(98, 0, 2, 2, none); // slow: 25% loaded, so least-loaded prefers ref (0%), then fast
    const request = reservationOf({ cores: 1, nodes: 2 });
    expect(placed(paragon, c, request)).toEqual([1, 2]);
    const out: number[] = [];
    placeRequest(paragon.create(3), c.cell, request, new RngFactory(1).stream("t"), out);
    expect(out).toEqual([1, 2]);
  });
});
