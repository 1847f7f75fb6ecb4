import type { JobSpec } from "../cluster/job.js";
import type { RandomStream } from "../engine/rng.js";
import { secToUs, usToSec } from "../engine/time.js";
import { drawMixture, drawScale, hiddenRows } from "./job-gen.js";
import type { QuasarJobSpec } from "./job-spec.js";
import { CORES_GRID, NODES_GRID, type JobKind } from "./latent-classes.js";
import { drawMisSizeFactor, gridUp } from "./mis-sizing.js";
import type { QuasarScenario } from "./scenario.js";

/**
 * Attaches a hidden performance model to a job of another workload (a preset's synthetic job, a
 * trace's), keeping what that workload says: its submission time, its kind (service stays
 * service; batch becomes batch) and its duration (a batch job's target completion time; a
 * service's lifetime), and its size as the reservation: its tasks' total CPUs packed onto nodes
 * of at most `machineCores` cores, on the Quasar grids (at most 8 nodes). The job's behaviour —
 * latent classes, scaling, sensitivity to machine type and interference — is drawn as for the
 * Quasar study's jobs, and its actual need is the reservation divided by a mis-sizing factor
 * drawn from the Quasar paper's distribution (70 % over-sized up to 10×, 20 % under-sized up to
 * 5×). Returns the job with `perf` set and its reservation as tasks/CPUs/memory.
 */
export function attachPerformance(
  rng: RandomStream,
  s: QuasarScenario,
  job: JobSpec,
  machineCores: number,
): JobSpec {
  const kind: JobKind = job.kind === "service" ? "service" : "batch";
  const mix = drawMixture(rng, kind);
  const rows = hiddenRows(rng, s, mix);
  const totalCpus = job.tasks * job.cpusPerTask;
  const maxNodes = NODES_GRID[NODES_GRID.length - 1] as number;
  const nodes = gridUp(NODES_GRID, Math.max(1, Math.ceil(totalCpus / machineCores)), maxNodes);
  const cores = gridUp(CORES_GRID, Math.max(1, totalCpus / nodes), machineCores);
  const factor = drawMisSizeFactor(rng, s);
  // The need: the reservation's total cores over the factor, on the grids (scale up first).
  const needTotal = Math.max(1, (cores * nodes) / factor);
  const needNodes = gridUp(NODES_GRID, Math.ceil(needTotal / machineCores), nodes);
  const needCores = gridUp(CORES_GRID, needTotal / needNodes, machineCores);
  const ci = CORES_GRID.indexOf(needCores);
  const ni = NODES_GRID.indexOf(needNodes);
  const { base, memBaseGb, memPerCoreGb } = drawScale(rng);
  const targetPerf = base * rows.scaleUpRow[ci]! * rows.scaleOutRow[ni]!;
  const targetSec = Math.max(1, usToSec(job.durationUs));
  const memGbPerNode = Math.min(
    job.memGbPerTask * Math.max(1, job.tasks / nodes),
    memBaseGb + memPerCoreGb * cores,
  );
  const perf: QuasarJobSpec = {
    id: job.id,
    kind,
    arrivalUs: job.submitUs,
    latentClass: mix.dominant,
    base,
    scaleUp: rows.scaleUpRow,
    scaleOut: rows.scaleOutRow,
    hetero: rows.heteroRow,
    tolerated: rows.tolerated,
    caused: rows.caused,
    memBaseGb,
    memPerCoreGb,
    need: { cores: needCores, nodes: needNodes, memGbPerNode: memBaseGb + memPerCoreGb * needCores },
    reservation: { cores, nodes, memGbPerNode },
    misSizeFactor: factor,
    targetPerf,
    work: kind === "service" ? 0 : targetPerf * targetSec,
    targetDurationUs: secToUs(targetSec),
  };
  return { ...job, tasks: nodes, cpusPerTask: cores, memGbPerTask: memGbPerNode, perf };
}
