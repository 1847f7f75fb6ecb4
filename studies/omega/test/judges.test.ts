/**
 * Every Omega claim judge on hand-made results: one where the paper's claim holds ("yes") and one
 * where it does not ("no"), plus "partly" where a judge has a separate branch for it. The fixtures
 * (fixtures.ts) carry only what each judge reads.
 */
import { describe, expect, it } from "vitest";
import { HIGH_FIDELITY_CLAIMS, OMEGA_STUDIES } from "../claims.js";
import { MULTI, SHARED, SINGLE, TWO_LEVEL } from "../verdicts/figs5-7.js";
import { FIG10, FIG14, FIG8, FIG9, HIFI_SCHEDULERS, highFidelity } from "../verdicts/figs8-14.js";
import { JUDGES, type StudyResults } from "../verdicts/index.js";
import { over, overTJob, PATH, type RunSpec, studies } from "./fixtures.js";

interface Case {
  yes: StudyResults;
  no: StudyResults;
  partly?: StudyResults;
}

/** Fig 8: one run per batch rate multiplier on one cluster. */
const overRate = (cluster: string, points: ReadonlyArray<{ x: number } & RunSpec>) =>
  over(
    PATH.rate,
    points.map((p) => ({ cluster, ...p })),
  );

/** Fig 9 at one rate: one run per batch scheduler count (the batch scheduler stands for all n). */
const bySchedulerCount = (rate: number, lines: ReadonlyArray<{ n: number } & RunSpec>) =>
  lines.map(({ n, ...spec }) => ({ ...spec, params: { [PATH.rate]: rate, [PATH.batchSchedulers]: n } }));

/** Fig 10: a 2 × 2 t_job × t_task grid for one architecture, its first `unscheduled` cells with an abandoned job. */
const grid = (name: string, unscheduled: number): RunSpec[] =>
  ["0.1s", "10s"].flatMap((tJob, i) =>
    ["5ms", "1s"].map((tTask, j) => ({
      params: { [PATH.architecture]: { name }, [PATH.serviceJob]: tJob, [PATH.serviceTask]: tTask },
      batch: { abandoned: 2 * i + j < unscheduled ? 1 : 0 },
    })),
  );

/** Fig 14: one mode (conflict detection / commit mode) at t_job(service) 1 s and 10 s. */
const mode = (name: string, service: RunSpec["service"]): RunSpec[] =>
  overTJob([1, 10].map((x) => ({ x, params: { [PATH.architecture]: { name } }, service })));

/** §5: one line of the batch-scheduler experiment, t_job(batch) in seconds. */
const batchLine = (n: number, points: ReadonlyArray<{ x: number } & RunSpec>) =>
  overTJob(
    points.map((p) => ({ ...p, params: { [PATH.batchSchedulers]: n } })),
    PATH.batchJob,
  );

const SATURATED = 1; // daily-median busyness ≥ 0.95

const CASES: Record<string, Case[]> = {
  [SINGLE]: [
    // Busyness ~linear in t_job: slope = λ (100 jobs in 1,000 s = 0.1/s).
    {
      yes: studies({
        [SINGLE]: overTJob([1, 2, 4].map((x) => ({ x, simulatedSec: 1000, batch: { busy: 0.1 * x } }))),
      }),
      no: studies({
        [SINGLE]: overTJob([1, 2, 4].map((x) => ({ x, simulatedSec: 1000, batch: { busy: 0.1 } }))),
      }),
    },
    // Batch and service waits track each other (ratio within 1/3–3).
    {
      yes: studies({
        [SINGLE]: overTJob([
          { x: 1, batch: { wait: 1 }, service: { wait: 1.5 } },
          { x: 2, batch: { wait: 2 }, service: { wait: 2 } },
        ]),
      }),
      no: studies({
        [SINGLE]: overTJob([
          { x: 1, batch: { wait: 10 }, service: { wait: 1 } },
          { x: 2, batch: { wait: 1 }, service: { wait: 10 } },
        ]),
      }),
    },
    // Past saturation the batch wait grows > 100× and > 10% of batch jobs stay unscheduled.
    {
      yes: studies({
        [SINGLE]: overTJob([
          { x: 1, batch: { wait: 1, busy: 0.2 } },
          { x: 10, batch: { wait: 1000, busy: SATURATED, pending: 50 } },
        ]),
      }),
      no: studies({
        [SINGLE]: overTJob([
          { x: 1, batch: { wait: 1, busy: 0.2 } },
          { x: 10, batch: { wait: 2, busy: SATURATED } },
        ]),
      }),
    },
  ],
  [MULTI]: [
    // At t_job(service) 10 s: batch wait < 0.1× and busyness < 0.7× single-path's.
    {
      yes: studies({
        [SINGLE]: overTJob([{ x: 10, batch: { wait: 100, busy: 0.9 } }]),
        [MULTI]: overTJob([{ x: 10, batch: { wait: 1, busy: 0.3 } }]),
      }),
      no: studies({
        [SINGLE]: overTJob([{ x: 10, batch: { wait: 100, busy: 0.9 } }]),
        [MULTI]: overTJob([{ x: 10, batch: { wait: 100, busy: 0.9 } }]),
      }),
    },
    // Head-of-line blocking: batch wait rises > 1.2× from the smallest to the largest t_job(service).
    {
      yes: studies({ [MULTI]: overTJob([0.1, 100].map((x, i) => ({ x, batch: { wait: [1, 5][i] } }))) }),
      no: studies({ [MULTI]: overTJob([0.1, 100].map((x) => ({ x, batch: { wait: 1 } }))) }),
    },
  ],
  [SHARED]: [
    // Batch wait within 0.5–2× multi-path's at t_job(service) 0.1 s.
    {
      yes: studies({
        [SHARED]: overTJob([{ x: 0.1, batch: { wait: 1 } }]),
        [MULTI]: overTJob([{ x: 0.1, batch: { wait: 1.2 } }]),
      }),
      no: studies({
        [SHARED]: overTJob([{ x: 0.1, batch: { wait: 10 } }]),
        [MULTI]: overTJob([{ x: 0.1, batch: { wait: 1.2 } }]),
      }),
    },
    // Batch wait and busyness flat (max/min < 1.1) over t_job(service).
    {
      yes: studies({ [SHARED]: overTJob([0.1, 10, 100].map((x) => ({ x, batch: { wait: 1, busy: 0.3 } }))) }),
      no: studies({
        [SHARED]: overTJob([
          { x: 0.1, batch: { wait: 1, busy: 0.3 } },
          { x: 10, batch: { wait: 2, busy: 0.5 } },
          { x: 100, batch: { wait: 5, busy: 0.9 } },
        ]),
      }),
    },
    // All jobs scheduled: none abandoned (else "no"), < 1% unscheduled of either kind (else "partly").
    {
      yes: studies({ [SHARED]: overTJob([0.1, 100].map((x) => ({ x, batch: {}, service: {} }))) }),
      no: studies({
        [SHARED]: overTJob([
          { x: 0.1, batch: {}, service: {} },
          { x: 100, batch: {}, service: { abandoned: 1 } },
        ]),
      }),
      partly: studies({
        [SHARED]: overTJob([
          { x: 0.1, batch: {}, service: {} },
          { x: 100, batch: {}, service: { pending: 20 } },
        ]),
      }),
    },
  ],
  [TWO_LEVEL]: [
    // Batch busyness at t_job(service) 100 s > 2× multi-path's ("yes") or else > 2× shared state's ("partly").
    {
      yes: studies({
        [TWO_LEVEL]: overTJob([{ x: 100, batch: { busy: 0.9 } }]),
        [MULTI]: overTJob([{ x: 100, batch: { busy: 0.3 } }]),
        [SHARED]: overTJob([{ x: 100, batch: { busy: 0.1 } }]),
      }),
      no: studies({
        [TWO_LEVEL]: overTJob([{ x: 100, batch: { busy: 0.3 } }]),
        [MULTI]: overTJob([{ x: 100, batch: { busy: 0.3 } }]),
        [SHARED]: overTJob([{ x: 100, batch: { busy: 0.3 } }]),
      }),
      partly: studies({
        [TWO_LEVEL]: overTJob([{ x: 100, batch: { busy: 0.9 } }]),
        [MULTI]: overTJob([{ x: 100, batch: { busy: 0.9 } }]),
        [SHARED]: overTJob([{ x: 100, batch: { busy: 0.1 } }]),
      }),
    },
    // Jobs abandoned at the largest t_job(service): ≥ 1 per run and more than at the smallest.
    {
      yes: studies({
        [TWO_LEVEL]: overTJob([
          { x: 1, batch: {} },
          { x: 100, batch: { abandoned: 30 } },
        ]),
      }),
      no: studies({ [TWO_LEVEL]: overTJob([1, 100].map((x) => ({ x, batch: {} }))) }),
    },
  ],
  [FIG8]: [
    // The first saturated multiplier within 15% of the paper's (A: 2.5×).
    {
      yes: studies({
        [FIG8]: overRate("google-a", [
          { x: 1, batch: { busy: 0.4 } },
          { x: 2, batch: { busy: 0.8 } },
          { x: 2.5, batch: { busy: SATURATED } },
        ]),
      }),
      no: studies({
        [FIG8]: overRate("google-a", [
          { x: 1, batch: { busy: 0.2 } },
          { x: 2.5, batch: { busy: 0.5 } },
          { x: 4, batch: { busy: SATURATED } },
        ]),
      }),
    },
    // Service busyness and wait rise > 1.1× from 1× to the largest multiplier.
    {
      yes: studies({
        [FIG8]: overRate("google-a", [
          { x: 1, service: { busy: 0.1, wait: 1 } },
          { x: 4, service: { busy: 0.4, wait: 2 } },
        ]),
      }),
      no: studies({
        [FIG8]: overRate("google-a", [
          { x: 1, service: { busy: 0.1, wait: 1 } },
          { x: 4, service: { busy: 0.1, wait: 1 } },
        ]),
      }),
    },
  ],
  [FIG9]: [
    // Batch conflict fraction at the largest rate rises with the scheduler count.
    {
      yes: studies({
        [FIG9]: bySchedulerCount(2, [
          { n: 1, batch: { conflicts: 0.1 } },
          { n: 2, batch: { conflicts: 0.2 } },
          { n: 4, batch: { conflicts: 0.4 } },
        ]),
      }),
      no: studies({
        [FIG9]: bySchedulerCount(2, [
          { n: 1, batch: { conflicts: 0.4 } },
          { n: 2, batch: { conflicts: 0.2 } },
          { n: 4, batch: { conflicts: 0.1 } },
        ]),
      }),
    },
    // Per-scheduler busyness falls with the count, and the most schedulers never saturate.
    {
      yes: studies({
        [FIG9]: bySchedulerCount(2, [
          { n: 1, batch: { busy: 0.8 } },
          { n: 2, batch: { busy: 0.4 } },
          { n: 4, batch: { busy: 0.2 } },
        ]),
      }),
      no: studies({
        [FIG9]: bySchedulerCount(2, [
          { n: 1, batch: { busy: 0.2 } },
          { n: 2, batch: { busy: 0.4 } },
          { n: 4, batch: { busy: SATURATED } },
        ]),
      }),
    },
  ],
  [FIG10]: [
    // Cells with work left unscheduled: Mesos ≥ single-path ≥ multi-path ≥ Omega ("partly": Omega least only).
    {
      yes: studies({
        [FIG10]: [
          ...grid("Mesos", 3),
          ...grid("single-path", 2),
          ...grid("multi-path", 1),
          ...grid("Omega", 0),
        ],
      }),
      no: studies({
        [FIG10]: [
          ...grid("Mesos", 0),
          ...grid("single-path", 0),
          ...grid("multi-path", 0),
          ...grid("Omega", 2),
        ],
      }),
      partly: studies({
        [FIG10]: [
          ...grid("Mesos", 1),
          ...grid("single-path", 3),
          ...grid("multi-path", 1),
          ...grid("Omega", 0),
        ],
      }),
    },
  ],
  [FIG14]: [
    // Gang vs incremental: conflicts ≈ 2× (1 + [0.67, 1.5] → 1.67–2.5×), busyness ×[1, 1.5];
    // without the conflicts the claim does not hold at all.
    {
      yes: studies({
        [FIG14]: [
          ...mode("fine / incremental", { conflicts: 0.1, busy: 0.2 }),
          ...mode("fine / gang", { conflicts: 0.2, busy: 0.22 }),
        ],
      }),
      no: studies({
        [FIG14]: [
          ...mode("fine / incremental", { conflicts: 0.1, busy: 0.2 }),
          ...mode("fine / gang", { conflicts: 0.1, busy: 0.2 }),
        ],
      }),
      partly: studies({
        [FIG14]: [
          ...mode("fine / incremental", { conflicts: 0.1, busy: 0.2 }),
          ...mode("fine / gang", { conflicts: 0.2, busy: 0.6 }),
        ],
      }),
    },
    // Coarse vs fine detection: conflicts and busyness each rise ≥ 2 / 1.25 = 1.6×.
    {
      yes: studies({
        [FIG14]: [
          ...mode("fine / incremental", { conflicts: 0.1, busy: 0.2 }),
          ...mode("coarse / incremental", { conflicts: 0.25, busy: 0.5 }),
        ],
      }),
      no: studies({
        [FIG14]: [
          ...mode("fine / incremental", { conflicts: 0.1, busy: 0.2 }),
          ...mode("coarse / incremental", { conflicts: 0.15, busy: 0.3 }),
        ],
      }),
      // Conflicts 10× (more than the paper's), busyness unchanged: one of the two effects.
      partly: studies({
        [FIG14]: [
          ...mode("fine / incremental", { conflicts: 0.1, busy: 0.2 }),
          ...mode("coarse / incremental", { conflicts: 1, busy: 0.2 }),
        ],
      }),
    },
    // Fine / incremental has the lowest service conflict fraction at every t_job(service).
    {
      yes: studies({
        [FIG14]: [
          ...mode("fine / incremental", { conflicts: 0.1 }),
          ...mode("coarse / incremental", { conflicts: 0.3 }),
        ],
      }),
      no: studies({
        [FIG14]: [
          ...mode("fine / incremental", { conflicts: 0.3 }),
          ...mode("coarse / incremental", { conflicts: 0.1 }),
        ],
      }),
    },
  ],
  [HIFI_SCHEDULERS]: [
    // 3 schedulers saturate ≈ 3.75× later than 1 (2.5–5.6×), batch conflicts ≈ 0.1 (0.067–0.15) just below saturation.
    {
      yes: studies({
        [HIFI_SCHEDULERS]: [
          ...batchLine(1, [
            { x: 1, batch: { busy: 0.3 } },
            { x: 4, batch: { busy: SATURATED } },
          ]),
          ...batchLine(3, [
            { x: 4, batch: { busy: 0.4, conflicts: 0.1 } },
            { x: 15, batch: { busy: SATURATED } },
          ]),
        ],
      }),
      no: studies({
        [HIFI_SCHEDULERS]: [
          ...batchLine(1, [
            { x: 1, batch: { busy: 0.3 } },
            { x: 4, batch: { busy: SATURATED } },
          ]),
          ...batchLine(3, [
            { x: 1, batch: { busy: 0.4, conflicts: 0.5 } },
            { x: 4, batch: { busy: SATURATED } },
          ]),
        ],
      }),
    },
  ],
};

const HIGH_FIDELITY_CASES: Case[] = [
  // Cluster B, t_job(service) 10 s: service conflict fraction ≥ 1.
  {
    yes: studies({ [SHARED]: overTJob([{ x: 10, cluster: "google-b", service: { conflicts: 1.2 } }]) }),
    no: studies({ [SHARED]: overTJob([{ x: 10, cluster: "google-b", service: { conflicts: 0.5 } }]) }),
  },
  // Busyness / busyness without conflict-wasted time ≈ 1.4 (1.27–1.6; 0.7 / (0.7 − 0.2) = 1.4), median over runs.
  {
    yes: studies({
      [SHARED]: overTJob([{ x: 10, service: { busyness: 0.7, wastedConflictSec: 0.2 * 86_400 } }]),
    }),
    no: studies({ [SHARED]: overTJob([{ x: 10, service: { busyness: 0.7, wastedConflictSec: 0 } }]) }),
  },
  // Omega at t_job(service) 0.1 s, t_task(service) 1 s: service conflict fraction ≤ 0.2.
  {
    yes: studies({ [FIG10]: [omegaGridCell(0.1)] }),
    no: studies({ [FIG10]: [omegaGridCell(0.5)] }),
  },
];

function omegaGridCell(conflicts: number): RunSpec {
  return {
    params: { [PATH.architecture]: { name: "Omega" }, [PATH.serviceJob]: "0.1s", [PATH.serviceTask]: "1s" },
    service: { conflicts },
  };
}

describe("Omega claim judges on hand-made results", () => {
  it("every claim judge has a case", () => {
    for (const study of OMEGA_STUDIES) {
      expect(JUDGES[study.name], study.name).toHaveLength(study.claims.length);
      expect(CASES[study.name], study.name).toHaveLength(study.claims.length);
    }
    expect(highFidelity).toHaveLength(HIGH_FIDELITY_CLAIMS.length);
    expect(HIGH_FIDELITY_CASES).toHaveLength(HIGH_FIDELITY_CLAIMS.length);
  });

  const all = [
    ...OMEGA_STUDIES.flatMap((study) =>
      study.claims.map((claim, i) => ({
        label: `fig ${study.figures} #${i + 1}: ${claim}`,
        judge: JUDGES[study.name]?.[i],
        c: CASES[study.name]?.[i],
      })),
    ),
    ...HIGH_FIDELITY_CLAIMS.map((claim, i) => ({
      label: `hi-fi #${i + 1}: ${claim}`,
      judge: highFidelity[i],
      c: HIGH_FIDELITY_CASES[i],
    })),
  ];
  for (const { label, judge, c } of all) {
    it(label, () => {
      if (!judge || !c) throw new Error(`no ${judge ? "case" : "judge"} for ${label}`);
      const yes = judge(c.yes);
      expect(yes.holds, yes.value).toBe("yes");
      const no = judge(c.no);
      expect(no.holds, no.value).toBe("no");
      if (c.partly) {
        const partly = judge(c.partly);
        expect(partly.holds, partly.value).toBe("partly");
      }
    });
  }
});
