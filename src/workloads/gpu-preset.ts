import { US_PER_HOUR, US_PER_MIN, US_PER_SEC } from "../engine/time.js";
import type { Preset } from "./presets.js";
import type { KindGenerator, Sampler } from "./spec.js";

/**
 * `gpu-cluster`: a small GPU cell with an illustrative training + inference mix, for trying the
 * `gpus` resource dimension (docs/user-guide.md, "GPUs"). Not calibrated against a trace.
 *
 * The machine is the 8-GPU node of the Alibaba PAI cluster traced in 2020 (Weng et al., "MLaaS in
 * the Wild", NSDI 2022; trace `cluster-trace-gpu-v2020`, table `pai_machine_spec`: `cap_cpu` 96
 * cores, `cap_mem` 512 GB, `cap_gpu` 2 or 8 per machine): 96 CPUs, 512 GB, 8 GPUs. 100 such
 * machines (800 GPUs; the traced cluster had ≈1,800 machines and > 6,500 GPUs).
 *
 * - batch = training: every job is a gang (all workers start at once or none does); workers per
 *   job lognormal median 2, σ 1, rounded up (mean ≈ 3.8); one whole GPU, 8 CPUs and 64 GB per
 *   worker (CPU and memory ±50 %); duration lognormal median 30 min, σ 1.5 (mean ≈ 92 min);
 *   Poisson arrivals, one a minute.
 * - service = inference: fractional GPUs, uniform 0.25–0.75 per task (the trace's `plan_gpu` 50
 *   is half a GPU); tasks per job as for training; 4 CPUs and 16 GB per task (±50 %); duration
 *   lognormal median 6 h, σ 1 (mean ≈ 9.9 h); one job every 5 minutes.
 *
 * Steady-state load E[λ]·E[tasks]·E[amount]·E[duration]: GPUs ≈ 44 % training + 29 % inference
 * of 800, CPUs ≈ 29 % + 19 % of 9,600, memory ≈ 44 % + 14 % of 51,200 GB, so GPUs bind first.
 * Prefill: 45 % of the CPUs, split as the steady state's CPU (60 % training, 40 % inference).
 */

const exponential = (mean: number): Sampler => ({ dist: { type: "exponential", mean }, ceil: false });
const constant = (value: number): Sampler => ({ dist: { type: "constant", value }, ceil: false });
const uniform = (min: number, max: number): Sampler => ({ dist: { type: "uniform", min, max }, ceil: false });
const lognormal = (median: number, sigma: number, ceil = false): Sampler => ({
  dist: { type: "lognormal", median, sigma },
  ceil,
});

const TRAINING: KindGenerator = {
  interarrival: exponential(60 * US_PER_SEC),
  tasks: lognormal(2, 1, true),
  duration: lognormal(30 * US_PER_MIN, 1.5),
  cpusPerTask: uniform(4, 12),
  memGbPerTask: uniform(32, 96),
  resources: { gpus: constant(1) },
  gang: true,
};

const INFERENCE: KindGenerator = {
  interarrival: exponential(300 * US_PER_SEC),
  tasks: lognormal(2, 1, true),
  duration: lognormal(6 * US_PER_HOUR, 1),
  cpusPerTask: uniform(2, 6),
  memGbPerTask: uniform(8, 24),
  resources: { gpus: uniform(0.25, 0.75) },
};

/** The `gpu-cluster` preset (see the file comment for its sources and load). */
export const GPU_CLUSTER: Preset = {
  description:
    "GPU cell: 100 × 96 CPU/512 GB/8 GPU (Alibaba PAI 2020's 8-GPU node); gang training jobs of whole GPUs " +
    "and fractional-GPU inference; illustrative, not calibrated",
  cluster: { machines: 100, cpus: 96, memGb: 512, resources: { gpus: 8 } },
  workload: {
    type: "synthetic",
    preset: "gpu-cluster",
    kinds: { batch: TRAINING, service: INFERENCE },
    rateMultiplier: { batch: 1, service: 1 },
  },
  prefill: { cpuFraction: 0.45, kindShares: { batch: 0.6, service: 0.4 } },
  derivation:
    "Machine: the 8-GPU node of the Alibaba PAI 2020 trace (pai_machine_spec: 96 cores, 512 GB, 8 GPUs). " +
    "Training (batch): gangs of lognormal(2, σ 1)⌈⌉ workers, 1 GPU + 8 CPU + 64 GB each, 30 min median, one a " +
    "minute. Inference (service): 0.25–0.75 GPU per task (fractional, as the trace's plan_gpu 50 = half a GPU), " +
    "4 CPU + 16 GB, 6 h median, one per 5 min. Steady state ≈72 % of GPUs, ≈48 % of CPUs, ≈58 % of memory; prefill 45 % of CPUs.",
};
