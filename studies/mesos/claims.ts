/**
 * The Mesos study's sections in paper order, each with what the Mesos paper (Hindman et al., NSDI
 * 2011) says, the statements judged against our numbers (verdicts/). The combined report and
 * claims.md read this list, so each claim is written once.
 */
import { DELAY, FAILOVER, MACRO } from "./experiments.js";

/** The analytic section's name (its numbers are written to `analytic.json`, not an experiment). */
export const ANALYTIC = "mesos-analytic";

/** One section of the study and the paper's claims about it. */
export interface MesosSection {
  /** Experiment name (its folder under reports/mesos/), or {@link ANALYTIC}. */
  name: string;
  /** Where in the paper, e.g. `§6.1`. */
  paper: string;
  title: string;
  claims: string[];
}

export const MESOS_SECTIONS: readonly MesosSection[] = [
  {
    name: ANALYTIC,
    paper: "§4",
    title: "Analytic ramp-up, completion and utilization of elastic and rigid frameworks (idealized cell)",
    claims: [
      "Ramp-up time (a framework takes all its k slots): T with constant task durations, T ln k with exponential ones.",
      "Completion time: elastic (½ + β)T constant, (1 + β)T exponential; rigid (1 + β)T constant, (ln k + β)T exponential.",
      "Utilization of the slots held: elastic 1; rigid β/(½ + β) constant, β/(ln k − 1 + β) exponential.",
    ],
  },
  {
    name: MACRO,
    paper: "§6.1",
    title: "Macrobenchmark: four frameworks on 96 machines, shared vs four static partitions of 24",
    claims: [
      "Sharing raises CPU utilization by ≈ 10 %.",
      "Sharing raises memory utilization by ≈ 17 %.",
      "Facebook Hadoop mix: jobs ≈ 1.14× faster shared (mean completion static / shared).",
      "Large-job Hadoop mix: ≈ 2.10× faster shared.",
      "Spark: ≈ 1.26× faster shared.",
      "Torque/MPI: ≈ 0.96× (slightly slower) shared.",
      "The large-job Hadoop mix gains most.",
      "Torque/MPI does not gain from sharing (speedup ≤ 1.05).",
    ],
  },
  {
    name: DELAY,
    paper: "§6.3",
    title: "Delay scheduling: 16 Hadoop instances on 93 machines",
    claims: [
      "Data locality ≈ 18 % under static partitioning (16 partitions).",
      "Data locality > 90 % under sharing with a 1 s delay.",
      "Data locality ≈ 95 % under sharing with a 5 s delay.",
      "Locality rises with the delay (0 → 1 → 5 s) under sharing.",
      "Jobs ≈ 1.7× faster shared with delay scheduling (5 s) than under static partitioning.",
    ],
  },
  {
    name: FAILOVER,
    paper: "§6.6",
    title: "Master failover (time to recover 4–8 s)",
    claims: ["Running tasks keep running across master failover: no task lost, every job completes."],
  },
];
