import { describe, expect, it } from "vitest";
import { runOne } from "../../src/experiment/run-one.js";
import { exponential, constant, kindGen, monolithicConfig } from "../helpers/configs.js";
import { decisionTimes, monolithic } from "../helpers/architectures.js";

/**
 * A monolithic scheduler fed by Poisson arrivals, on a cell where every placement succeeds at the
 * first try, is an M/G/1 queue: the server is the scheduler, the service time its think time
 * S = t_job + t_task·n. The mean wait before the first attempt must match Pollaczek–Khinchine,
 * W = λ·E[S²] / (2(1 − ρ)) with ρ = λ·E[S], and the busyness must be ρ.
 */
const T_JOB_SEC = 0.1;
const T_TASK_SEC = 0.005;
const MEAN_TASKS = 20;

/** Tasks = ceil(Exp(mean 20)) is geometric on {1, 2, ...} with p = 1 − e^(−1/20). */
function serviceMoments() {
  const p = 1 - Math.exp(-1 / MEAN_TASKS);
  const en = 1 / p;
  const en2 = (2 - p) / (p * p);
  const es = T_JOB_SEC + T_TASK_SEC * en;
  const es2 = T_JOB_SEC ** 2 + 2 * T_JOB_SEC * T_TASK_SEC * en + T_TASK_SEC ** 2 * en2;
  return { es, es2 };
}

async function mg1(rho: number, horizonSec: number) {
  const { es, es2 } = serviceMoments();
  const lambda = rho / es;
  const dt = { perJobUs: T_JOB_SEC * 1e6, perTaskUs: T_TASK_SEC * 1e6 };
  const config = monolithicConfig({
    horizonUs: horizonSec * 1e6,
    // Plenty of room: 1,000 machines × 1,000 CPUs for tasks of 0.01 CPU lasting 1 s.
    cluster: { machines: 1000, cpus: 1000, memGb: 1000 },
    workload: {
      type: "synthetic",
      kinds: {
        batch: kindGen({
          interarrival: exponential(1e6 / lambda),
          tasks: exponential(MEAN_TASKS, true),
          duration: constant(1e6),
          cpusPerTask: constant(0.01),
          memGbPerTask: constant(0.01),
        }),
      },
      rateMultiplier: { batch: 1, service: 1 },
    },
    architecture: monolithic(decisionTimes(dt)),
  });
  const summary = await runOne(config, 42);
  return { summary, theoryWaitSec: (lambda * es2) / (2 * (1 - rho)) };
}

describe("theory: monolithic scheduler = M/G/1 queue", () => {
  it.each([
    [0.5, 100_000],
    [0.8, 400_000],
  ])(
    "ρ = %d: mean wait within 5%% of Pollaczek–Khinchine, busyness within 0.02 of ρ",
    async (rho, horizonSec) => {
      const { summary, theoryWaitSec } = await mg1(rho, horizonSec);
      const batch = summary.workloads.batch!;
      expect(batch.abandoned).toBe(0);
      expect(summary.schedulers[0]!.wastedNoFitSec).toBe(0);
      expect(Math.abs(batch.waitFirstSec.mean / theoryWaitSec - 1)).toBeLessThan(0.05);
      expect(Math.abs(summary.schedulers[0]!.busyness - rho)).toBeLessThan(0.02);
    },
  );

  it("the check is sharp: ignoring the service-time variance would miss the band", () => {
    // M/D/1 (E[S²] = E[S]²) predicts a wait E[S]²/E[S²] times as long: about 20% shorter here,
    // four times the tolerance, so the test really checks the simulated service-time law.
    const { es, es2 } = serviceMoments();
    expect(es2 / (es * es)).toBeGreaterThan(1.2);
  });
});
