import { describe, expect, it } from "vitest";
import { CellState } from "../../src/cluster/cell-state.js";
import { fitsTasks, type CellView } from "../../src/cluster/cell-view.js";
import { makeStream, type RandomStream } from "../../src/engine/rng.js";
import { randomFirstFit } from "../../src/policies/placement/random-first-fit.js";
import { taskRequest, type Place } from "../../src/policies/placement/types.js";

/**
 * The placement law of random first fit is the same with and without its narrowing scan (after
 * 32 misses in a row it lists the machines with room and picks among those). Statistical check:
 * the placer as shipped against a plain Omega randomized first fit written here (uniform pick from
 * the pool; keep a machine that takes a task, drop one that does not; no narrowing), on a cell
 * where the scan happens in a large share of calls. Each trial gives one observation per
 * statistic (which machine takes the first task; how many distinct machines are used; how many
 * tasks land on one 4-CPU machine), so the chi-square homogeneity test's observations are
 * independent. Fixed seeds: the outcome is deterministic; the threshold is p = 0.001.
 */

const MACHINES = 200;
/** The machines with room and their free CPUs (every other machine is full). */
const ROOM: ReadonlyArray<readonly [machine: number, freeCpus: number]> = [
  [3, 1],
  [41, 1],
  [77, 2],
  [102, 2],
  [130, 3],
  [151, 3],
  [177, 4],
  [199, 4],
];
const TASKS = 5;
const TRIALS = 20_000;

function cell(): CellState {
  const c = CellState.homogeneous(MACHINES, 4, 16);
  const free = new Map(ROOM);
  for (let m = 0; m < MACHINES; m++) c.claim(m, 4 - (free.get(m) ?? 0), 1);
  return c;
}

/** Omega's randomized first fit without narrowing: the law the shipped placer must keep. */
function plainPlace(view: CellView, tasks: number, rng: RandomStream, out: number[]): void {
  const pool = Array.from({ length: view.candidates }, (_, i) => view.candidate(i));
  const placed = new Map<number, number>();
  let remaining = tasks;
  let size = pool.length;
  while (remaining > 0 && size > 0) {
    const i = Math.floor(rng.next() * size);
    const m = pool[i] as number;
    const k = (placed.get(m) ?? 0) + 1;
    if (fitsTasks(view, m, k, 1, 1)) {
      placed.set(m, k);
      out.push(m);
      remaining--;
    } else {
      pool[i] = pool[--size] as number;
    }
  }
}

/** A view that counts fit checks, to see how often the shipped placer narrows. */
function countingView(c: CellState): { view: CellView; checks: () => number } {
  let checks = 0;
  const view: CellView = {
    candidates: c.candidates,
    candidate: (i) => c.candidate(i),
    freeCpus: (m) => (checks++, c.freeCpus(m)),
    freeMemGb: (m) => c.freeMemGb(m),
    capacityCpus: (m) => c.capacityCpus(m),
    freeExtra: (m, d) => c.freeExtra(m, d),
  };
  return { view, checks: () => checks };
}

/** A stream that counts its draws. */
function countingStream(seed: string): { rng: RandomStream; draws: () => number } {
  const inner = makeStream(seed);
  let draws = 0;
  return { rng: { next: () => (draws++, inner.next()) }, draws: () => draws };
}

interface Observations {
  first: number[];
  distinct: number[];
  onMachine199: number[];
  narrowed: number;
}

function observe(
  place: (view: CellView, rng: RandomStream, out: number[]) => void,
  seed: string,
): Observations {
  const obs: Observations = { first: [], distinct: [], onMachine199: [], narrowed: 0 };
  const { view, checks } = countingView(cell());
  const { rng, draws } = countingStream(seed);
  for (let t = 0; t < TRIALS; t++) {
    const out: number[] = [];
    const checksBefore = checks();
    const drawsBefore = draws();
    place(view, rng, out);
    // Every draw checks one machine; the narrowing scan checks the whole remaining pool besides.
    if (checks() - checksBefore > draws() - drawsBefore) obs.narrowed++;
    expect(out.length).toBe(TASKS);
    obs.first.push(out[0] as number);
    obs.distinct.push(new Set(out).size);
    obs.onMachine199.push(out.filter((m) => m === 199).length);
  }
  return obs;
}

/** Two-sample chi-square homogeneity statistic over categories (rare ones pooled) and its df. */
function chiSquare(a: readonly number[], b: readonly number[]): { stat: number; df: number } {
  const count = (xs: readonly number[]) =>
    xs.reduce((m, x) => m.set(x, (m.get(x) ?? 0) + 1), new Map<number, number>());
  const ca = count(a);
  const cb = count(b);
  const cats = [...new Set([...ca.keys(), ...cb.keys()])].sort((x, y) => x - y);
  // Pool categories with an expected count under 5 into one.
  const rows: [number, number][] = [];
  let pooled: [number, number] = [0, 0];
  for (const c of cats) {
    const row: [number, number] = [ca.get(c) ?? 0, cb.get(c) ?? 0];
    if ((row[0] + row[1]) / 2 < 5) pooled = [pooled[0] + row[0], pooled[1] + row[1]];
    else rows.push(row);
  }
  if (pooled[0] + pooled[1] > 0) rows.push(pooled);
  const na = a.length;
  const nb = b.length;
  let stat = 0;
  for (const [oa, ob] of rows) {
    const total = oa + ob;
    const ea = (total * na) / (na + nb);
    const eb = (total * nb) / (na + nb);
    stat += (oa - ea) ** 2 / ea + (ob - eb) ** 2 / eb;
  }
  return { stat, df: rows.length - 1 };
}

/** Chi-square critical values at p = 0.001 by degrees of freedom. */
const CRITICAL_P001: Record<number, number> = {
  1: 10.83,
  2: 13.82,
  3: 16.27,
  4: 18.47,
  5: 20.52,
  6: 22.46,
  7: 24.32,
};

function expectSameLaw(shipped: Observations, plain: Observations): void {
  for (const key of ["first", "distinct", "onMachine199"] as const) {
    const { stat, df } = chiSquare(shipped[key], plain[key]);
    const critical = CRITICAL_P001[df];
    if (critical === undefined) throw new Error(`no critical value for ${df} degrees of freedom`);
    expect(stat, `${key}: chi-square ${stat.toFixed(2)} on ${df} df`).toBeLessThan(critical);
  }
}

describe("random first fit: the narrowing scan keeps the placement law", () => {
  const shippedPlacer = randomFirstFit.create(MACHINES);
  const shipped = observe(
    (view, rng, out) => shippedPlacer(view, taskRequest(TASKS, 1, 1), rng, out),
    "law-shipped",
  );
  const plain = observe((view, rng, out) => plainPlace(view, TASKS, rng, out), "law-plain");

  it("narrows in a large share of calls on this cell (so the test exercises the scan)", () => {
    expect(shipped.narrowed / TRIALS).toBeGreaterThan(0.3);
    expect(plain.narrowed).toBe(0);
  });

  it("gives the same distributions as the plain algorithm (chi-square, p = 0.001)", () => {
    expectSameLaw(shipped, plain);
  });

  it("would catch a biased scan: picking the first machine with room fails the test", () => {
    // Negative control: the same cell under a placer whose narrowed phase is not uniform.
    const biased: Place = (view, request, rng, out) => {
      const fitting: number[] = [];
      for (let i = 0; i < view.candidates; i++)
        if (fitsTasks(view, view.candidate(i), 1, 1, 1)) fitting.push(view.candidate(i));
      const used = new Map<number, number>();
      for (const m of fitting)
        while (out.length < request.tasks && fitsTasks(view, m, (used.get(m) ?? 0) + 1, 1, 1)) {
          used.set(m, (used.get(m) ?? 0) + 1);
          out.push(m);
        }
      void rng;
    };
    const wrong = observe((view, rng, out) => biased(view, taskRequest(TASKS, 1, 1), rng, out), "law-biased");
    expect(() => expectSameLaw(wrong, plain)).toThrow(/chi-square/);
  });
});
