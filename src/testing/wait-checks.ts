import { RngFactory } from "../engine/rng.js";
import type { RunConfig } from "../experiment/config.js";
import { simulateWorkload } from "../experiment/run-one.js";
import type { Registry } from "../plugins/registry.js";
import { workloadFromList } from "../workloads/source.js";
import { BUSY_CELL_DECISION_TIMES, cellConfig, handJob } from "./busy-cell.js";
import {
  close,
  fail,
  withPlacement,
  type ConformanceCheck,
  type ConformanceSubject,
  type ConformanceTestName,
} from "./subject.js";

const sec = (s: number): number => s * 1e6;

/** Hand-worked timelines: waits measured the same way as every other architecture. */
export function waitChecks(
  subject: ConformanceSubject,
  registry: Registry,
): Omit<ConformanceCheck, "skipped">[] {
  const delay = subject.firstAttemptDelaySec ?? 0;
  const run = (config: RunConfig, jobs: ReturnType<typeof handJob>[]) =>
    simulateWorkload(withPlacement(subject, config), workloadFromList([], jobs), new RngFactory(1), {
      checkInvariants: true,
      registry,
    });
  const expectNear = (t: ConformanceTestName, what: string, got: number | undefined, want: number) => {
    if (got === undefined || !close(got, want, 1e-9))
      fail(subject, t, `${what} ${got} s, expected ${want} s`);
  };
  return [
    {
      test: "wait-one-job",
      title: `one job on an empty cell waits ${delay} s for its first attempt, is placed after one think time`,
      run: async () => {
        const config = cellConfig(subject.architecture(BUSY_CELL_DECISION_TIMES), { horizonUs: sec(100) });
        const b = run(config, [handJob(0, 0, 5)]).workloads.batch;
        expectNear("wait-one-job", "first-attempt wait", b?.waitFirstSec.mean, delay);
        // Fully placed at the end of one think time: 0.1 s + 5 tasks × 5 ms.
        expectNear("wait-one-job", "full wait", b?.waitFullSec.mean, delay + 0.125);
        if (b?.attemptsMean !== 1) fail(subject, "wait-one-job", `${b?.attemptsMean} attempts, expected 1`);
      },
    },
    {
      test: "wait-service-job",
      title: "a service job alone waits the same way",
      run: async () => {
        const config = cellConfig(subject.architecture(BUSY_CELL_DECISION_TIMES), { horizonUs: sec(100) });
        const w = run(config, [handJob(0, 3, 2, { kind: "service" })]).workloads.service;
        expectNear("wait-service-job", "first-attempt wait", w?.waitFirstSec.mean, delay);
        if (w?.waitFirstSec.censored !== 0) fail(subject, "wait-service-job", "the job's wait was censored");
      },
    },
    {
      test: "wait-censored",
      title: "a job never attempted by the horizon is censored at the horizon",
      run: async () => {
        // Service jobs at 0, 10, 20 s; 60 s per decision; horizon 100 s. Attempts take
        // [d, 60 + d), then the second starts at 60 + 2d (an offer round after the reply, for
        // two-level); the third would start after the horizon.
        const slow = { perJob: "60s", perTask: "0s" };
        const config = cellConfig(subject.architecture({ batch: slow, service: slow }), {
          horizonUs: sec(100),
        });
        const jobs = [0, 10, 20].map((t, i) => handJob(i, t, 1, { kind: "service" }));
        const w = run(config, jobs).workloads.service;
        if (w?.waitFirstSec.censored !== 1 || w.pending !== 2) {
          fail(
            subject,
            "wait-censored",
            `${w?.waitFirstSec.censored} censored / ${w?.pending} pending, expected 1 / 2`,
          );
        }
        const waits = [delay, 60 + 2 * delay - 10, 100 - 20];
        expectNear(
          "wait-censored",
          "mean first wait",
          w.waitFirstSec.mean,
          (waits[0]! + waits[1]! + waits[2]!) / 3,
        );
      },
    },
  ];
}
