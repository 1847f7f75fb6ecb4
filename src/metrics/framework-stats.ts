import type { FrameworkJob, JobSpec } from "../cluster/job.js";
import { usToSec, type SimTime } from "../engine/time.js";
import { cdfPoints } from "../workloads/cdf.js";
import {
  dominantShare,
  jainIndex,
  localityFraction,
  slowdown,
  spreadOf,
  timeMean,
} from "./framework-math.js";
import type { FrameworkSummary, FrameworksSummary } from "./summary.js";

/** Points kept of each completion-time CDF: the percentiles' ranks, both ends included. */
const CDF_POINTS = 101;

/** What is observed of one framework. */
interface FrameworkObservations {
  readonly name: string;
  appsSubmitted: number;
  appsCompleted: number;
  appsFailed: number;
  /** Applications submitted and not ended yet (the framework has demand while > 0). */
  live: number;
  jobsSkipped: number;
  jobsCancelled: number;
  readonly completionUs: number[];
  readonly slowdowns: number[];
  /** Completion times of completed applications of more than one job. */
  readonly pipelineUs: number[];
  localTasks: number;
  remoteTasks: number;
  /** CPUs, memory held, and whether the framework was active, at each sample. */
  readonly cpus: number[];
  readonly memGb: number[];
  readonly active: boolean[];
}

/**
 * The framework side of the run's metrics (docs/metrics.md#frameworks): per framework, its
 * applications' outcomes, completion times and slowdowns, data locality, and its CPUs and memory
 * at every sample. RunMetrics creates it when the first framework job shows up, so runs without
 * framework jobs never build one and their summary has no `frameworks` key.
 */
export class FrameworkStats {
  private readonly frameworks: FrameworkObservations[] = [];
  private readonly byName = new Map<string, FrameworkObservations>();
  /** Framework of each application submitted and not ended yet, by application id. */
  private readonly liveApps = new Map<number, FrameworkObservations>();
  private readonly sampleUs: SimTime[] = [];

  constructor(private readonly horizonUs: SimTime) {}

  /** Frameworks the workload declares: listed in this order, even those that submit nothing. */
  declare(names: readonly string[]): void {
    for (const name of names) this.of(name);
  }

  /** A framework job was submitted: its application is submitted with its first job. */
  jobSubmitted(fw: FrameworkJob): void {
    this.appSeen(fw);
  }

  /** The job missed its start deadline. */
  jobSkipped(fw: FrameworkJob): void {
    this.of(fw.framework).jobsSkipped++;
  }

  /** The job was cancelled with a job it comes after. */
  jobCancelled(spec: JobSpec): void {
    const fw = spec.fw as FrameworkJob;
    this.appSeen(fw);
    this.of(fw.framework).jobsCancelled++;
  }

  /** Tasks of a job with blocks started, `local` of them where their block is. */
  tasksLocality(fw: FrameworkJob, local: number, remote: number): void {
    const f = this.of(fw.framework);
    f.localTasks += local;
    f.remoteTasks += remote;
  }

  /** The application's last job ended now. */
  appEnded(fw: FrameworkJob, nowUs: SimTime, completed: boolean): void {
    this.appSeen(fw);
    this.liveApps.delete(fw.app);
    const f = this.of(fw.framework);
    f.live--;
    if (!completed) {
      f.appsFailed++;
      return;
    }
    f.appsCompleted++;
    const completionUs = nowUs - fw.appSubmitUs;
    f.completionUs.push(completionUs);
    const ratio = slowdown(completionUs, fw.aloneUs);
    if (ratio !== null) f.slowdowns.push(ratio);
    if (fw.appJobs > 1) f.pipelineUs.push(completionUs);
  }

  /** A sample: the CPUs and memory each framework's running tasks hold now. */
  frameworkShares(nowUs: SimTime, names: readonly string[], cpus: Float64Array, memGb: Float64Array): void {
    names.forEach((name) => this.of(name));
    const held = new Map(names.map((name, i) => [name, i]));
    this.sampleUs.push(nowUs);
    for (const f of this.frameworks) {
      const i = held.get(f.name);
      const c = i === undefined ? 0 : (cpus[i] as number);
      const m = i === undefined ? 0 : (memGb[i] as number);
      f.cpus.push(c);
      f.memGb.push(m);
      f.active.push(f.live > 0 || c > 0 || m > 0);
    }
  }

  /** The `frameworks` section of the run summary, shares against the cell's totals. */
  summary(cellCpus: number, cellMemGb: number): FrameworksSummary {
    const dominant = this.frameworks.map((f) =>
      f.cpus.map((c, i) => dominantShare(c, f.memGb[i] as number, cellCpus, cellMemGb)),
    );
    const jain = this.sampleUs.map((_, i) =>
      jainIndex(this.frameworks.flatMap((f, k) => (f.active[i] ? [dominant[k]?.[i] as number] : []))),
    );
    return {
      sampleSec: this.sampleUs.map(usToSec),
      jainIndex: jain,
      jainIndexMean: timeMean(this.sampleUs, jain, this.horizonUs),
      byFramework: this.frameworks.map((f, k) => this.summarize(f, dominant[k] as number[])),
    };
  }

  private summarize(f: FrameworkObservations, dominant: number[]): FrameworkSummary {
    const completionSec = f.completionUs.map(usToSec);
    const cdf = cdfPoints(completionSec, CDF_POINTS);
    return {
      name: f.name,
      appsSubmitted: f.appsSubmitted,
      appsCompleted: f.appsCompleted,
      appsFailed: f.appsFailed,
      appsUnfinished: f.live,
      jobsSkipped: f.jobsSkipped,
      jobsCancelled: f.jobsCancelled,
      completionSec: spreadOf(completionSec),
      slowdown: spreadOf(f.slowdowns),
      pipelineMakespanSec: spreadOf(f.pipelineUs.map(usToSec)),
      completionCdf: { sec: cdf.map((p) => p.value), fraction: cdf.map((p) => p.fraction) },
      localTasks: f.localTasks,
      remoteTasks: f.remoteTasks,
      locality: localityFraction(f.localTasks, f.remoteTasks),
      dominantShareMean: timeMean(this.sampleUs, dominant, this.horizonUs),
      // Four decimals are plenty for a chart and keep results.json small; the mean is exact.
      dominantShare: dominant.map((x) => Math.round(x * 1e4) / 1e4),
    };
  }

  /** Counts the application as submitted the first time one of its jobs is seen. */
  private appSeen(fw: FrameworkJob): void {
    if (this.liveApps.has(fw.app)) return;
    const f = this.of(fw.framework);
    this.liveApps.set(fw.app, f);
    f.appsSubmitted++;
    f.live++;
  }

  /** The framework's observations, created (with zero shares at earlier samples) on first sight. */
  private of(name: string): FrameworkObservations {
    let f = this.byName.get(name);
    if (f === undefined) {
      const samples = this.sampleUs.length;
      f = {
        name,
        ...{ appsSubmitted: 0, appsCompleted: 0, appsFailed: 0, live: 0, jobsSkipped: 0, jobsCancelled: 0 },
        ...{ completionUs: [], slowdowns: [], pipelineUs: [], localTasks: 0, remoteTasks: 0 },
        cpus: new Array<number>(samples).fill(0),
        memGb: new Array<number>(samples).fill(0),
        active: new Array<boolean>(samples).fill(false),
      };
      this.frameworks.push(f);
      this.byName.set(name, f);
    }
    return f;
  }
}
