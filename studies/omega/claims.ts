/**
 * The Omega reproduction (issue 4): every experiment under studies/omega/experiments/ in the paper's
 * figure order, with what the Omega paper (Schwarzkopf et al., EuroSys 2013) says its figures
 * show, the statements they are judged against. The combined report and
 * docs/omega-reproduction.md both read this list, so the claims are written once.
 */

/** One experiment of the reproduction and the paper's claims about its figures. */
export interface OmegaStudy {
  /** Experiment file, relative to the repository root. */
  file: string;
  /** The experiment's `name` (its output folder under reports/omega/). */
  name: string;
  /** Paper figure numbers, e.g. `5a/6a`. */
  figures: string;
  title: string;
  /** What the paper says the figures show, one sentence per claim. */
  claims: string[];
}

/** Paper order: figs 5/6 (three architectures), 7, 8, 9, 10, 14, then the §5 batch-scheduler result. */
export const OMEGA_STUDIES: readonly OmegaStudy[] = [
  {
    file: "studies/omega/experiments/fig5-6-single-path.json",
    name: "omega-fig5-6-single-path",
    figures: "5a/6a",
    title: "Monolithic single-path: wait and busyness vs t_job",
    claims: [
      "Busyness grows ~linearly with t_job until saturation.",
      "Waits track each other for batch and service.",
      "Past saturation waits explode and work stays unscheduled.",
    ],
  },
  {
    file: "studies/omega/experiments/fig5-6-multi-path.json",
    name: "omega-fig5-6-multi-path",
    figures: "5b/6b",
    title: "Monolithic multi-path: wait and busyness vs t_job(service)",
    claims: [
      "Much lower waits and busyness than single-path.",
      "Batch still suffers head-of-line blocking behind slow service decisions.",
    ],
  },
  {
    file: "studies/omega/experiments/fig5-6-shared-state.json",
    name: "omega-fig5-6-shared-state",
    figures: "5c/6c",
    title: "Shared-state (Omega), 1 batch + 1 service scheduler: wait and busyness vs t_job(service)",
    claims: [
      "Waits comparable to multi-path.",
      "Batch lines independent of t_job(service).",
      "All jobs scheduled.",
    ],
  },
  {
    file: "studies/omega/experiments/fig7-two-level.json",
    name: "omega-fig7-two-level",
    figures: "7a/b/c",
    title: "Two-level (Mesos): wait, busyness and abandoned jobs vs t_job(service)",
    claims: [
      "Batch busyness much higher than multi-path.",
      "Jobs abandoned at the 1,000-attempt limit because slow service decisions hold offers of the whole free cell.",
    ],
  },
  {
    file: "studies/omega/experiments/fig8-arrival-rate.json",
    name: "omega-fig8-arrival-rate",
    figures: "8",
    title: "Omega vs batch arrival-rate multiplier",
    claims: [
      "The batch scheduler saturates at ≈ 2.5× (A), 6× (B), 9.5× (C) the default batch rate.",
      "Service wait and busyness rise too (more conflicts).",
    ],
  },
  {
    file: "studies/omega/experiments/fig9-scheduler-count.json",
    name: "omega-fig9-scheduler-count",
    figures: "9a/b",
    title: "Omega, cluster B, 1–32 batch schedulers vs relative batch rate",
    claims: [
      "Conflict fraction rises with the number of schedulers.",
      "Per-scheduler busyness falls enough to keep up to 32 schedulers working.",
    ],
  },
  {
    file: "studies/omega/experiments/fig10-grid.json",
    name: "omega-fig10-grid",
    figures: "10",
    title: "Busyness over t_job(service) × t_task(service) per architecture",
    claims: [
      "The unscheduled region is largest for Mesos, then single-path, then multi-path; Omega least or none.",
    ],
  },
  {
    file: "studies/omega/experiments/fig14-conflict-modes.json",
    name: "omega-fig14-conflict-modes",
    figures: "14",
    title: "Conflict detection (fine/coarse) × commit mode (gang/incremental) vs t_job(service)",
    claims: [
      "Gang scheduling gives ≈ 2× the conflicts of incremental, with only slightly more busyness.",
      "Coarse conflict detection (sequence numbers) raises conflicts and busyness 2–3×.",
      "Fine-grained + incremental is lowest everywhere.",
    ],
  },
  {
    file: "studies/omega/experiments/hifi-batch-schedulers.json",
    name: "omega-hifi-batch-schedulers",
    figures: "§5 (hi-fi)",
    title: "Omega, cluster B: one vs three batch schedulers vs t_job(batch)",
    claims: ["Three batch schedulers move batch saturation from ≈ 4 s to ≈ 15 s with conflicts ≈ 0.1."],
  },
];

/** The paper's high-fidelity (trace-driven, §5) results the lightweight study can approach. */
export const HIGH_FIDELITY_CLAIMS: readonly string[] = [
  "Cluster B: the service conflict fraction passes 1.0 near t_job(service) ≈ 10 s.",
  "Busyness with conflicts is ≈ 1.4× a no-conflict estimate.",
  "t_task(service) = 1 s with t_job = 0.1 s keeps conflicts ≤ 0.2.",
];
