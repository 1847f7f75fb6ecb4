import { z } from "zod";
import type { JobSpec } from "../cluster/job.js";
import { InputError } from "../engine/errors.js";
import { defineWorkloadSource } from "../plugins/define.js";
import { typedCores } from "../quasar/cell-presets.js";
import { generateJobs } from "../quasar/job-gen.js";
import type { QuasarJobSpec } from "../quasar/job-spec.js";
import { QUASAR_PRESETS, type QuasarPresetName, type QuasarScenario } from "../quasar/scenario.js";
import { workloadFromList } from "./source.js";
import { attachPerformance } from "../quasar/attach.js";
import { misSizingFits, QUASAR_LOAD_FIELDS, withLoad } from "./quasar-load.js";
import { generatePrefill } from "./prefill.js";
import { PRESETS } from "./presets.js";
import { makeSyntheticWorkload } from "./synthetic.js";

const MIXES = Object.keys(QUASAR_PRESETS) as [QuasarPresetName, ...QuasarPresetName[]];

/** A job with a performance model as the cluster model submits it: its reservation. */
export function jobOfModel(q: QuasarJobSpec): JobSpec {
  return {
    id: q.id,
    submitUs: q.arrivalUs,
    kind: q.kind === "service" ? "service" : "batch",
    tasks: q.reservation.nodes,
    cpusPerTask: q.reservation.cores,
    memGbPerTask: q.reservation.memGbPerNode,
    durationUs: q.targetDurationUs,
    prefill: false,
    perf: q,
  };
}

/**
 * The scenario of a job mix on the run's typed cell: the mix's arrivals and job shapes, with
 * the job count and interarrival time scaled by the cell's cores over the mix's own cell (so a
 * reduced cell keeps the load per core), and performance per machine type of this cell.
 */
export function scenarioOnCell(
  mix: QuasarPresetName,
  types: readonly { readonly type: QuasarScenario["machines"][number]["type"]; readonly count: number }[],
): QuasarScenario {
  const base = QUASAR_PRESETS[mix];
  if (!types.some((t) => t.type.name === base.referenceType)) {
    throw new InputError(
      `workload source quasar: mix "${mix}" defines its targets on machine type ${base.referenceType}, which the cell does not have`,
    );
  }
  const ratio = typedCores(types) / typedCores(base.machines);
  if (ratio === 1) return { ...base, machines: types };
  return {
    ...base,
    name: `${base.name}@${Number(ratio.toFixed(3))}`,
    machines: types,
    jobCount: Math.max(1, Math.round(base.jobCount * ratio)),
    interarrivalSec: base.interarrivalSec / ratio,
  };
}

/**
 * `{"source": "quasar", "mix": "quasar-large"}`: the Quasar study's workloads (latency-critical
 * services, batch, best-effort) with hidden performance models, on a cell with machine types.
 * Optional load fields (`rateMultiplier`, `kindShares`, `misSizing`; see `QuasarLoad`) change
 * the mix's arrival rate, kinds and reservation mis-sizing.
 */
export const QUASAR_SOURCE = defineWorkloadSource({
  name: "quasar",
  description:
    "Quasar study's workloads with hidden performance models (mix quasar-large | quasar-batch; optional rateMultiplier, kindShares, misSizing); needs a cell with machine types",
  schema: z
    .strictObject({ mix: z.enum(MIXES), ...QUASAR_LOAD_FIELDS })
    .refine((spec) => misSizingFits(QUASAR_PRESETS[spec.mix].misSizing, spec.misSizing), {
      message:
        "misSizing: overFraction + underFraction (with the mix's own for the one not given) must be ≤ 1",
      path: ["misSizing"],
    }),
  needsMachineTypes: true,
  create(spec, ctx) {
    const types = ctx.cluster.types;
    if (!types) {
      throw new InputError(
        'workload source quasar: the cell has no machine types; use e.g. "cluster": {"preset": "quasar-large"}',
      );
    }
    const scenario = withLoad(scenarioOnCell(spec.mix, types), spec);
    const jobs = generateJobs(ctx.rng.stream("quasar:jobs"), scenario).map(jobOfModel);
    return { ...workloadFromList([], jobs), scenario };
  },
});

/**
 * `{"source": "with-performance", "jobsFrom": "google-c", "rateMultiplier": 0.02}`: a synthetic
 * preset's jobs with a hidden performance model attached to each (see `attachPerformance`), on a
 * cell with machine types; the preset's prefill stays plain background load. `rateMultiplier`
 * scales both kinds' arrival rates (a cell that is a fraction of the preset's keeps its load
 * with the same fraction); `referenceType` is the machine type targets are defined on (default:
 * the cell's most common type).
 */
export const WITH_PERFORMANCE_SOURCE = defineWorkloadSource({
  name: "with-performance",
  description:
    "A synthetic preset's jobs (jobsFrom, e.g. google-c) with hidden performance models attached; needs a cell with machine types",
  needsMachineTypes: true,
  schema: z.strictObject({
    jobsFrom: z.string().refine((name) => Object.hasOwn(PRESETS, name), {
      message: `unknown preset: expected one of ${Object.keys(PRESETS).join("|")}`,
    }),
    rateMultiplier: z.number().positive().default(1),
    referenceType: z.string().optional(),
  }),
  create(spec, ctx) {
    const types = ctx.cluster.types;
    if (!types) {
      throw new InputError(
        'workload source with-performance: the cell has no machine types; give the cluster as {"types": [...]}',
      );
    }
    const byCount = [...types].sort((a, b) => b.count - a.count);
    const referenceType = spec.referenceType ?? (byCount[0]?.type.name as string);
    if (!types.some((t) => t.type.name === referenceType)) {
      throw new InputError(
        `workload source with-performance: referenceType ${referenceType} is not a type of the cell`,
      );
    }
    const scenario: QuasarScenario = {
      ...QUASAR_PRESETS["quasar-large"],
      name: `${spec.jobsFrom}+performance`,
      machines: types,
      referenceType,
    };
    const preset = PRESETS[spec.jobsFrom]!;
    const totalCpus = types.reduce((n, t) => n + t.count * t.type.cores, 0);
    const prefill = generatePrefill(preset.workload.kinds, preset.prefill, totalCpus, ctx.rng);
    const synthetic = makeSyntheticWorkload(
      { ...preset.workload, rateMultiplier: { batch: spec.rateMultiplier, service: spec.rateMultiplier } },
      ctx.rng,
      { horizonUs: ctx.horizonUs, firstId: prefill.length, prefill },
    );
    const machineCores = Math.max(...types.map((t) => t.type.cores));
    const stream = ctx.rng.stream("performance:attach");
    return {
      prefill,
      next: () => {
        const job = synthetic.next();
        return job && attachPerformance(stream, scenario, job, machineCores);
      },
      scenario,
    };
  },
});
