import type { SimTime } from "../engine/time.js";
import type { JobSpec } from "./job.js";
import { JobPhase, JobState } from "./job-state.js";
import type { SchedulingObserver } from "./observer.js";

/**
 * The run's jobs by index (`JobState.index`), each held only while something may still name it.
 * Events and task groups refer to a job by its index (JobRetry, TasksEnd, JobAdmitted), so the
 * table must resolve every index still in flight; a job nothing names any more and that will
 * never be scheduled again — fully scheduled or abandoned, no task group running, no JobRetry
 * queued — is settled: reported to the observer and its slot cleared, so its spec and state can
 * be collected. A run's memory then follows its live jobs, not every job it ever saw; the slots
 * themselves (8 bytes a job) stay, so that indices keep meaning what they meant.
 *
 * Settling waits for the end of the event that finished the job (`settleFinished`): whoever
 * handles or observes that event (the architecture, the event log) still finds the job.
 */
export class JobTable {
  /** Jobs by index; undefined once settled. */
  readonly byIndex: (JobState | undefined)[] = [];
  /** Jobs that may have finished during the current event (checked, deduplicated, at its end). */
  private readonly maybeFinished: JobState[] = [];
  /** Optional: told of every settled job after the observer (frameworks: dependencies). */
  onSettled: ((job: JobState) => void) | undefined = undefined;

  /** Adds the job submitted next; its index is its position in submission order. */
  add(spec: JobSpec): JobState {
    const job = new JobState(this.byIndex.length, spec);
    this.byIndex.push(job);
    return job;
  }

  /** The job with this index; throws if it was settled (nothing should name it any more). */
  get(index: number): JobState {
    const job = this.byIndex[index];
    if (job === undefined) throw new Error(`job index ${index} names no job held by the model`);
    return job;
  }

  /** Something that names the job by index now exists (a task group, a queued JobRetry). */
  hold(job: JobState): void {
    job.references++;
  }

  /** Something that named the job is gone: the job may have finished. */
  release(job: JobState): void {
    job.references--;
    this.maybeFinished.push(job);
  }

  /** The job's phase left Pending: it may have finished. */
  phaseChanged(job: JobState): void {
    this.maybeFinished.push(job);
  }

  /** At the end of an event: settles the jobs that finished during it. */
  settleFinished(observer: SchedulingObserver, nowUs: SimTime): void {
    if (this.maybeFinished.length === 0) return;
    for (const job of this.maybeFinished) {
      const finished = job.phase !== JobPhase.Pending && job.references === 0;
      // The same job may be listed twice in one event; the slot check settles it once.
      if (finished && this.byIndex[job.index] === job) {
        this.byIndex[job.index] = undefined;
        observer.jobSettled(job, nowUs);
        this.onSettled?.(job);
      }
    }
    this.maybeFinished.length = 0;
  }

  /** The jobs still held, in submission order. */
  *held(): Generator<JobState> {
    for (const job of this.byIndex) if (job !== undefined) yield job;
  }
}
