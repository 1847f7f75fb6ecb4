import { describe, expect, it } from "vitest";
import { DEFAULT_QUASAR_SPEC, reservationSpec, type QuasarPolicySpec } from "../../src/quasar/policies.js";
import { runQuasar } from "../../src/quasar/run.js";
import { QUASAR_BATCH, QUASAR_LARGE, scaledScenario } from "../../src/quasar/scenario.js";
import type { QuasarRunSummary } from "../../src/quasar/summary.js";

/**
 * The Quasar paper's large-scale comparison on a reduced cell: a quarter of the 200 machines (every
 * type kept), with the arrivals thinned so the load per core — and so the shape of the run — is
 * the full scenario's. Each run is checked for over-commit after every event.
 */
const LARGE = scaledScenario(QUASAR_LARGE, 0.25);
const LL = reservationSpec("least-loaded");
const PARAGON = reservationSpec("paragon");

const cache = new Map<string, QuasarRunSummary>();
function run(spec: QuasarPolicySpec, seed = 1, scenario = LARGE): QuasarRunSummary {
  const key = `${scenario.name}/${JSON.stringify(spec)}/${seed}`;
  let s = cache.get(key);
  if (!s) {
    s = runQuasar(scenario, spec, seed, { checkInvariants: true });
    cache.set(key, s);
  }
  return s;
}

describe("quasar-large (reduced): performance vs target", () => {
  it.each([1, 2])(
    "orders the policies quasar > reservation+paragon > reservation+least-loaded (seed %i)",
    (seed) => {
      const q = run(DEFAULT_QUASAR_SPEC, seed).perfVsTarget.mean;
      const p = run(PARAGON, seed).perfVsTarget.mean;
      const l = run(LL, seed).perfVsTarget.mean;
      expect(q).toBeGreaterThan(p);
      expect(p).toBeGreaterThan(l);
      // Quasar meets nearly every target (paper: 0.98 on average).
      expect(q).toBeGreaterThan(0.93);
    },
  );

  it("every job completes under every policy", () => {
    for (const spec of [LL, PARAGON, DEFAULT_QUASAR_SPEC])
      expect(run(spec).jobs.completed).toBe(run(spec).jobs.submitted);
  });
});

describe("quasar-large (reduced): utilization", () => {
  it("quasar's mean CPU utilization is at least 3× reservation+least-loaded's (paper: 62% vs 15%)", () => {
    const q = run(DEFAULT_QUASAR_SPEC).cpu.meanUtilization;
    const l = run(LL).cpu.meanUtilization;
    expect(q).toBeGreaterThanOrEqual(3 * l);
    expect(l).toBeLessThan(0.25);
  });

  it("quasar's allocated − used gap is small while reservations exceed capacity for most of the run", () => {
    const q = run(DEFAULT_QUASAR_SPEC).cpu;
    const l = run(LL).cpu;
    expect(q.meanGapFraction).toBeLessThan(0.2);
    expect(q.meanGapFraction).toBeLessThan(0.6 * l.meanGapFraction);
    expect(q.reservedOverCapacityFraction).toBeGreaterThan(0.5);
    expect(Math.max(...q.reservedCores)).toBeGreaterThan(run(DEFAULT_QUASAR_SPEC).capacityCores);
  });

  it("the time series and heatmap cover the run and agree with the means", () => {
    const s = run(DEFAULT_QUASAR_SPEC);
    const bins = Math.ceil(s.makespanSec / s.cpu.binSec);
    expect(s.cpu.usedCores).toHaveLength(bins);
    expect(s.heatmap.utilization).toHaveLength(s.machines);
    for (const row of s.heatmap.utilization) {
      expect(row).toHaveLength(bins);
      for (const u of row) expect(u).toBeLessThanOrEqual(1 + 1e-9);
    }
    // Used never exceeds allocated, which never exceeds capacity (per bin).
    s.cpu.usedCores.forEach((u, b) => expect(u).toBeLessThanOrEqual(s.cpu.allocatedCores[b]! + 1e-6));
    s.cpu.allocatedCores.forEach((a) => expect(a).toBeLessThanOrEqual(s.capacityCores + 1e-6));
  });
});

describe("determinism", () => {
  it("same seed → deep-equal summaries; another seed differs", () => {
    const again = runQuasar(LARGE, DEFAULT_QUASAR_SPEC, 1);
    expect(again).toEqual(run(DEFAULT_QUASAR_SPEC, 1));
    expect(JSON.parse(JSON.stringify(again))).toEqual(again);
    expect(run(DEFAULT_QUASAR_SPEC, 2).perfVsTarget.sorted).not.toEqual(again.perfVsTarget.sorted);
  });
});

describe("quasar-batch (40 machines, batch frameworks)", () => {
  it("quasar uses the cell better and finishes jobs faster than reservation+least-loaded", () => {
    const q = run(DEFAULT_QUASAR_SPEC, 1, QUASAR_BATCH);
    const l = run(LL, 1, QUASAR_BATCH);
    expect(q.cpu.meanUtilization).toBeGreaterThan(2 * l.cpu.meanUtilization);
    expect(q.completionSec.mean).toBeLessThan(0.73 * l.completionSec.mean); // paper: 27% faster
  });
});
