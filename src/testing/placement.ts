import { CellState } from "../cluster/cell-state.js";
import type { CellView } from "../cluster/cell-view.js";
import { RangeView } from "../cluster/views.js";
import { makeStream } from "../engine/rng.js";
import type { Plugin } from "../plugins/define.js";
import { registryOf } from "../plugins/load.js";
import type { Place, TaskRequest } from "../policies/placement/types.js";
import { ConformanceError } from "./subject.js";

/**
 * The placement conformance suite: what every placement policy must do, checked on the policy's
 * placer directly (through an architecture, an optimistic commit would turn an over-placement
 * into a mere conflict). Checks are plain functions that throw a `ConformanceError`.
 */

/** The placement suite's checks, by name. */
export const PLACEMENT_TESTS = [
  "never-overplaces",
  "places-what-fits",
  "every-dimension",
  "pure",
  "full-cell",
] as const;

/** The name of one placement check. */
export type PlacementTestName = (typeof PLACEMENT_TESTS)[number];

/** A placement policy under test. */
export interface PlacementSubject {
  /** The policy's name (`placement` in experiment files). */
  placement: string;
  /** Plug-ins it comes from; none for built-ins. */
  plugins?: readonly Plugin[];
  /** Checks not to run, each with its reason (e.g. a sampler that may give up before the cell is full). */
  skip?: readonly { test: PlacementTestName; reason: string }[];
}

/** One check of the placement suite. */
export interface PlacementCheck {
  test: PlacementTestName;
  title: string;
  skipped?: string;
  run(): void;
}

const TRIALS = 30;

/** A cell of `machines` machines of mixed sizes, partly used, drawn from `seed`. */
function randomCell(machines: number, seed: string): CellState {
  const r = makeStream(seed);
  const cpus = Array.from({ length: machines }, () => 2 + Math.floor(r.next() * 7));
  const mem = cpus.map((c) => c * (2 + Math.floor(r.next() * 4)));
  const cell = CellState.fromCapacities(cpus, mem);
  for (let m = 0; m < machines; m++) {
    const share = r.next();
    if (share > 0.2) cell.claim(m, (cpus[m] as number) * share * 0.9, (mem[m] as number) * r.next() * 0.9);
  }
  return cell;
}

/** A request drawn from `seed`: whole or fractional CPUs, memory-heavy now and then. */
function randomRequest(seed: string): TaskRequest {
  const r = makeStream(seed);
  const cpusPerTask = r.next() < 0.5 ? 1 : 0.25 + r.next() * 1.5;
  const memGbPerTask = r.next() < 0.2 ? 4 + r.next() * 8 : 0.5 + r.next() * 2;
  return { tasks: 1 + Math.floor(r.next() * 200), cpusPerTask, memGbPerTask };
}

/**
 * A cell like `randomCell` that also has a further resource dimension, "ssdGb" (0–400 GB per
 * machine, partly used), so that for tasks asking for it the dimension is often what binds.
 */
function randomCellWithSsd(machines: number, seed: string): CellState {
  const base = randomCell(machines, seed);
  const r = makeStream(`${seed}:ssd`);
  const ssd = Array.from({ length: machines }, () => 100 * Math.floor(r.next() * 5));
  const cell = CellState.fromCapacities(base.cpuCapacity, base.memCapacity, [
    { name: "ssdGb", capacity: ssd },
  ]);
  const used = new Float64Array(1);
  for (let m = 0; m < machines; m++) {
    used[0] = (ssd[m] as number) * r.next() * 0.8;
    cell.claim(m, base.cpuAllocated[m] as number, base.memAllocated[m] as number, used);
  }
  return cell;
}

/** A request like `randomRequest` whose tasks also need 30–150 GB of "ssdGb" each. */
function randomSsdRequest(seed: string): TaskRequest {
  const request = randomRequest(seed);
  const r = makeStream(`${seed}:ssd`);
  return {
    ...request,
    tasks: 1 + Math.floor(r.next() * 60),
    extraPerTask: Float64Array.of(30 + r.next() * 120),
  };
}

/** The whole cell for even trials, a partition (a range of machines) for odd ones. */
function viewOf(cell: CellState, trial: number): CellView {
  return trial % 2 === 0 ? cell : new RangeView(cell, 5, cell.machines - 12);
}

function candidates(view: CellView): Set<number> {
  return new Set(Array.from({ length: view.candidates }, (_, i) => view.candidate(i)));
}

/** The suite's checks for `subject` (skips validated: a known name and a reason). */
export function placementChecks(subject: PlacementSubject): PlacementCheck[] {
  const label = subject.placement;
  const fail = (test: PlacementTestName, message: string): never => {
    throw new ConformanceError(`${label}: ${test}: ${message}`);
  };
  for (const s of subject.skip ?? []) {
    if (!(PLACEMENT_TESTS as readonly string[]).includes(s.test)) {
      throw new ConformanceError(
        `${label}: skip: unknown check "${s.test}"; checks: ${PLACEMENT_TESTS.join(", ")}`,
      );
    }
    if (s.reason.trim() === "") throw new ConformanceError(`${label}: skip ${s.test}: a reason is required`);
  }
  const policy = registryOf(subject.plugins ?? []).placements.require(subject.placement);
  const skipsCompleteness = subject.skip?.some((s) => s.test === "places-what-fits") ?? false;
  const trial = (i: number) => {
    const cell = randomCell(60, `cell:${i}`);
    const view = viewOf(cell, i);
    const request = randomRequest(`request:${i}`);
    const place: Place = policy.create(cell.machines);
    const out: number[] = [];
    place(view, request, makeStream(`placement:${i}`), out);
    return { cell, view, request, out, place };
  };
  const checks: Omit<PlacementCheck, "skipped">[] = [
    {
      test: "never-overplaces",
      title:
        "never proposes a machine without room (counting its own earlier tasks), nor one outside the view",
      run: () => {
        for (let i = 0; i < TRIALS; i++) {
          const { cell, view, request, out } = trial(i);
          if (out.length > request.tasks)
            fail("never-overplaces", `trial ${i}: ${out.length} tasks placed, ${request.tasks} asked`);
          const allowed = candidates(view);
          for (const m of out) {
            if (!allowed.has(m))
              fail("never-overplaces", `trial ${i}: machine ${m} is not a candidate of the view`);
            if (!cell.fits(m, request.cpusPerTask, request.memGbPerTask)) {
              fail(
                "never-overplaces",
                `trial ${i}: machine ${m} has no room for another task (${cell.freeCpus(m)} CPU, ${cell.freeMemGb(m)} GB free)`,
              );
            }
            cell.claim(m, request.cpusPerTask, request.memGbPerTask);
          }
        }
      },
    },
    {
      test: "places-what-fits",
      title: "places every task while some candidate machine has room",
      run: () => {
        for (let i = 0; i < TRIALS; i++) {
          const { cell, view, request, out } = trial(i);
          if (out.length === request.tasks) continue;
          for (const m of out) cell.claim(m, request.cpusPerTask, request.memGbPerTask);
          for (const m of candidates(view)) {
            if (cell.fits(m, request.cpusPerTask, request.memGbPerTask)) {
              fail(
                "places-what-fits",
                `trial ${i}: placed ${out.length} of ${request.tasks} tasks, but machine ${m} still has room`,
              );
            }
          }
        }
      },
    },
    {
      test: "every-dimension",
      title:
        "respects every resource dimension: tasks that also need a further resource (ssdGb) go only where it fits, and (unless places-what-fits is skipped) all are placed while some machine has room in every dimension",
      run: () => {
        for (let i = 0; i < TRIALS; i++) {
          const cell = randomCellWithSsd(60, `cell:${i}`);
          const view = viewOf(cell, i);
          const request = randomSsdRequest(`request:${i}`);
          const { cpusPerTask: cpus, memGbPerTask: mem, extraPerTask: ssd } = request;
          const out: number[] = [];
          policy.create(cell.machines)(view, request, makeStream(`placement:${i}`), out);
          for (const m of out) {
            if (!cell.fits(m, cpus, mem, ssd)) {
              fail(
                "every-dimension",
                `trial ${i}: machine ${m} has no room for another task (${cell.freeCpus(m)} CPU, ${cell.freeMemGb(m)} GB, ${cell.freeExtra(m, 0)} ssdGb free; a task needs ${cpus}, ${mem}, ${ssd?.[0]})`,
              );
            }
            cell.claim(m, cpus, mem, ssd);
          }
          // Completeness is what places-what-fits promises; a policy that skips that skips this half.
          if (out.length === request.tasks || skipsCompleteness) continue;
          for (const m of candidates(view)) {
            if (cell.fits(m, cpus, mem, ssd)) {
              fail(
                "every-dimension",
                `trial ${i}: placed ${out.length} of ${request.tasks} tasks, but machine ${m} still has room in every dimension`,
              );
            }
          }
        }
      },
    },
    {
      test: "pure",
      title: "changes nothing and is a pure function of (view, request, stream), call after call",
      run: () => {
        for (let i = 0; i < TRIALS; i++) {
          const { cell, view, request, out, place } = trial(i);
          const before = [Array.from(cell.cpuAllocated), Array.from(cell.memAllocated)].join();
          const again: number[] = [];
          place(view, request, makeStream(`placement:${i}`), again);
          if (again.join() !== out.join())
            fail("pure", `trial ${i}: a second call with the same stream placed differently`);
          if ([Array.from(cell.cpuAllocated), Array.from(cell.memAllocated)].join() !== before) {
            fail("pure", `trial ${i}: the placer changed the cell`);
          }
        }
      },
    },
    {
      test: "full-cell",
      title: "places nothing on a full cell",
      run: () => {
        const cell = CellState.homogeneous(10, 2, 4);
        for (let m = 0; m < 10; m++) cell.claim(m, 2, 4);
        const out: number[] = [];
        policy.create(10)(cell, { tasks: 5, cpusPerTask: 1, memGbPerTask: 1 }, makeStream("full"), out);
        if (out.length > 0) fail("full-cell", `placed ${out.length} tasks on a full cell`);
      },
    },
  ];
  return checks.map((c) => {
    const skip = subject.skip?.find((s) => s.test === c.test);
    return skip ? { ...c, skipped: skip.reason } : c;
  });
}
