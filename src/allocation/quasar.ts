import type { JobState } from "../cluster/job-state.js";
import { InputError } from "../engine/errors.js";
import { secToUs, US_PER_MS } from "../engine/time.js";
import type { QuasarJobSpec } from "../quasar/job-spec.js";
import { leastResourcesPlan, minTotalCores } from "../quasar/quasar-allocator.js";
import { adjustPlan } from "../quasar/quasar-monitor.js";
import { ALL_AXES, makeProfiler } from "./profiler.js";
import { reservationNeeds } from "./reservation.js";
import { reservationRequest, type AllocationHost, type AllocationPolicy } from "./types.js";

/** The `quasar` allocation's settings (see its schema in builtin.ts). */
export interface QuasarAllocationSpec {
  entriesPerRow: number;
  profilingRunSec: number;
  decisionMs: number;
  monitorPeriodSec: number;
  headroom: number;
}

/**
 * Quasar (Delimitrou & Kozyrakis, ASPLOS 2014) as an allocation policy: at submission, profile
 * `entriesPerRow` entries per axis and classify the job on all four axes (simulated profiling
 * time: entriesPerRow × profilingRunSec, then the decision); at each attempt, request the least
 * resources predicted to meet the job's target on the machines the deciding scheduler can see
 * (scale up first, then out, best-ranked machines first; nothing if nothing meets it now, so
 * the job waits); every `monitorPeriodSec`, compare achieved with target and grow or shrink
 * the job, learning a per-job correction. Jobs without a performance model get their
 * reservation.
 */
export function quasarAllocation(spec: QuasarAllocationSpec, host: AllocationHost): AllocationPolicy {
  const perf = host.perf;
  if (!perf) throw new InputError("allocation quasar: the cell has no machine types (performance model off)");
  const profiler = makeProfiler(host, ALL_AXES, spec.entriesPerRow);
  const overheadUs =
    secToUs(spec.entriesPerRow * spec.profilingRunSec) + Math.round(spec.decisionMs * US_PER_MS);
  const corrections = new Map<number, number>();
  const monitor = { low: 0.97, high: 1.3, headroom: spec.headroom };
  const greedy = (j: QuasarJobSpec) => ({ headroom: spec.headroom, correction: corrections.get(j.id) ?? 1 });
  return {
    admit(job) {
      profiler.classify(job);
      return job.spec.perf ? overheadUs : 0;
    },
    request(job: JobState, view, out) {
      const model = job.spec.perf;
      const pred = perf.predictionOf(job.index);
      if (!model || !pred) {
        reservationRequest(job, out);
        return true;
      }
      const plan = leastResourcesPlan(model, pred, { perf, view }, greedy(model));
      if (!plan) return false;
      perf.planned = {
        jobIndex: job.index,
        cores: plan.cores,
        memGb: plan.memGbPerNode,
        view,
        machines: plan.machines,
      };
      out.tasks = plan.machines.length;
      out.cpusPerTask = plan.cores;
      out.memGbPerTask = plan.memGbPerNode;
      out.jobIndex = job.index;
      out.gang = true;
      out.distinct = true;
      return true;
    },
    needs(job) {
      const model = job.spec.perf;
      const pred = perf.predictionOf(job.index);
      if (!model || !pred) return reservationNeeds(job);
      return { perNodeCpus: 1, totalCpus: minTotalCores(model, pred, greedy(model)) };
    },
    monitorPeriodUs: secToUs(spec.monitorPeriodSec),
    adjust: (_job, observed, live) => adjustPlan(observed, { perf, view: live }, corrections, monitor),
  };
}
