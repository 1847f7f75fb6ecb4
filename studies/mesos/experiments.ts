/**
 * The Mesos study's experiments (Hindman et al., "Mesos: A Platform for Fine-Grained Resource
 * Sharing in the Data Center", NSDI 2011, §6), as experiment objects rather than JSON files so
 * that the sharing architecture is written once ({@link SHARING}) and every experiment that
 * compares sharing with static partitions uses that one block. Every workload number is an
 * assumption written down, with its reason, in studies/mesos/README.md.
 */

/**
 * How the shared cell is run: one Mesos framework per framework instance under the DRF
 * allocator. This is the one place to change the allocator: when the per-agent allocator
 * lands, add `allocator: "per-agent"` here and every experiment of the study follows.
 * `minOfferCpus: 1` because the paper's cell is 384 CPUs (the default 100 is the Omega paper's
 * 0.9-era threshold on a 10,000-machine cell).
 */
export const SHARING = {
  type: "two-level",
  name: "shared (Mesos)",
  allocator: "per-agent",
  routeBy: "framework",
  minOfferCpus: 1,
  decisionTime: { perJob: "10ms", perTask: "1ms" },
} as const;

/** The baseline: one static partition per framework, equal slices, same decision times. */
export const STATIC = {
  type: "static-partition",
  name: "static partitions",
  routeBy: "framework",
  decisionTime: { perJob: "10ms", perTask: "1ms" },
} as const;

/** Framework queues wait for room instead of being given up (the paper's frameworks never drop jobs). */
const NEVER_ABANDON = { maxAttempts: 1_000_000, maxAttemptsWithoutProgress: 1_000_000 };

/** Experiment names (output folders under reports/mesos/). */
export const MACRO = "mesos-macrobenchmark";
export const DELAY = "mesos-delay-scheduling";
export const FAILOVER = "mesos-failover";

/**
 * §6.1: 96 machines × 4 cores × 15 GB shared by four frameworks, vs four static partitions of
 * 24 machines. The FB, large-job and Spark streams are finite (the paper's 100 jobs, 10 jobs
 * and 5 applications); Torque's gangs arrive as a Poisson stream until the horizon (the `mpi`
 * behaviour has no job cap), at the paper's rate of 8 jobs in ≈ 50 min.
 */
export const macrobenchmark = {
  name: MACRO,
  description:
    "Mesos paper §6.1 macrobenchmark: a Facebook-like Hadoop mix, a large-job Hadoop mix, Spark (ALS-like iterations) and Torque/MPI gangs on 96 machines × 4 cores × 15 GB, shared under two-level (one Mesos framework each, DRF) vs four static partitions of 24 machines. Completion times per framework and CPU/memory utilization until the finite streams are done.",
  horizon: "2h",
  seeds: [1, 2, 3],
  cluster: { machines: 96, cpus: 4, memGb: 15 },
  workload: {
    source: "frameworks",
    frameworks: [
      {
        type: "hadoop",
        name: "hadoop-fb",
        jobs: 100,
        interArrival: "14s",
        maps: { exponential: { mean: 44 } },
        reduces: 2,
        mapDuration: "12s",
        reduceDuration: "12s",
        remoteFactor: 1,
      },
      {
        type: "hadoop",
        name: "hadoop-large",
        jobs: 10,
        interArrival: "5m",
        maps: 2400,
        reduces: 1,
        mapDuration: "12s",
        reduceDuration: "12s",
        remoteFactor: 1,
      },
      {
        type: "spark",
        name: "spark",
        apps: 5,
        interArrival: "8m",
        iterations: 10,
        tasksPerStage: 192,
        taskDuration: "16s",
        executors: 24,
        coresPerExecutor: 4,
        memGb: 2,
        mode: "fine",
      },
      {
        type: "mpi",
        name: "torque-mpi",
        interArrival: "6m",
        ranks: 24,
        cpusPerRank: 2,
        memGbPerRank: 1,
        duration: "401s",
      },
    ],
  },
  architecture: SHARING,
  placement: "random-first-fit",
  retry: NEVER_ABANDON,
  metrics: { samplePeriod: "10s" },
  sweep: { architecture: [SHARING, STATIC] },
  quick: { horizon: "1h" },
  figures: ["framework-completion-cdf", "framework-shares-over-time", "utilization-over-time"],
};

/** The Hadoop instances of the delay-scheduling experiment. */
const HADOOPS = 16;

/** Sixteen Hadoop instances, each with its own blocks and stream, named hadoop-1 … hadoop-16. */
const sixteenHadoops = Array.from({ length: HADOOPS }, (_, i) => ({
  type: "hadoop",
  name: `hadoop-${i + 1}`,
  interArrival: "18s",
  maps: 24,
  reduces: 1,
  mapDuration: "10s",
  reduceDuration: "10s",
  delay: "0s",
}));

/** One sweep key moving every instance's `delay` together (it ends in `delay`, for the figure). */
const EVERY_DELAY = sixteenHadoops.map((_, i) => `workload.frameworks.${i}.delay`).join(",");
const allDelays = (d: string) => sixteenHadoops.map(() => d);

/**
 * §6.3: 16 Hadoop instances on 93 machines; locality and job times under 16 static partitions and
 * under sharing, each with delay scheduling off, 1 s and 5 s (the paper's static baseline is the
 * one without delay; the static runs with a delay show how little a delay can do in a partition).
 */
export const delayScheduling = {
  name: DELAY,
  description:
    "Mesos paper §6.3: 16 Hadoop instances on 93 machines × 4 cores, HDFS blocks (3 replicas) spread over the whole cell, remote maps 1.5× slower. Data locality and job completion under 16 static partitions vs sharing (two-level, one Mesos framework each), with delay scheduling off, 1 s and 5 s.",
  horizon: "1h",
  seeds: [1, 2, 3],
  cluster: { machines: 93, cpus: 4, memGb: 16 },
  workload: { source: "frameworks", frameworks: sixteenHadoops },
  architecture: SHARING,
  placement: "random-first-fit",
  retry: NEVER_ABANDON,
  metrics: { samplePeriod: "1m" },
  sweep: {
    architecture: [STATIC, SHARING],
    [EVERY_DELAY]: [allDelays("0s"), allDelays("1s"), allDelays("5s")],
  },
  quick: { horizon: "20m" },
  figures: ["locality-vs-delay"],
};

/**
 * The paper's failover result: the master fails (here at 5, 20 and 40 min) and a standby takes
 * over after 4–8 s; running tasks keep running. The macrobenchmark's workload under sharing; the
 * macrobenchmark's own shared runs (same seeds) are the failure-free baseline.
 */
export const failover = {
  name: FAILOVER,
  description:
    "Mesos master failover with a 4–8 s time to recover (uniform), failing at 5, 20 and 40 min, on the macrobenchmark's cell, workload, horizon and seeds under sharing (its shared runs are the failure-free baseline): every task that was running keeps running, every finite stream completes.",
  horizon: macrobenchmark.horizon,
  seeds: [1, 2, 3],
  cluster: macrobenchmark.cluster,
  workload: macrobenchmark.workload,
  architecture: SHARING,
  placement: "random-first-fit",
  retry: NEVER_ABANDON,
  metrics: { samplePeriod: "10s" },
  failures: {
    schedulers: [
      {
        scheduler: "master",
        at: ["5m", "20m", "40m"],
        downtime: { uniform: { min: "4s", max: "8s" } },
      },
    ],
  },
  quick: { horizon: "1h" },
  figures: ["utilization-over-time"],
};

/** The study's simulated experiments in paper order. */
export const MESOS_EXPERIMENTS = [macrobenchmark, delayScheduling, failover] as const;
