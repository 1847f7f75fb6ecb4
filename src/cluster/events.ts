/**
 * Event kinds of the cluster model and the one priority table that decides which goes first at
 * an equal time. Task ends run first, so resources freed at t are visible to every decision made
 * at t (a task ending exactly when its machine fails has finished); then machine failures and
 * repairs, so nothing is placed at t on a machine that is down at t, and restarts of lost tasks;
 * then schedulers recovering and failing; then arrivals, so a job submitted at t is queued before a scheduler idle at t looks at its
 * queue; then retries (back to the queue tail), then scheduler steps; offer rounds after the
 * replies that trigger them, and offers delivered after everything else a framework does at t;
 * the metric sampler last, so it sees the state after everything at t.
 */
export const EventKind = {
  /** Model: a group of tasks started together ends (a = the group); frees their resources. */
  TasksEnd: 0,
  /** Model: the next job of the workload is submitted. */
  JobArrival: 1,
  /** Architecture: a job goes back to a queue (`finishAttempt` schedules it: a = job index, b = scheduler). */
  JobRetry: 2,
  /** Architecture: a scheduler's think time ended (conventionally a = scheduler). */
  SchedulerDone: 3,
  /** Architecture: a resource-offer round (two-level). */
  OfferRound: 4,
  /** Architecture: an offer reaches a framework (two-level). */
  OfferDelivered: 5,
  /** Model: the metrics sampler. */
  Sample: 6,
  /**
   * Model, performance model on: a job's work is done (batch) or its lifetime is over (service)
   * (a = job index, b = the job's end version: a rate change makes older end events stale).
   */
  JobEnd: 7,
  /** Model: a job's admission delay (profiling, the allocation's decision) is over (a = job index). */
  JobAdmitted: 8,
  /** Model: the allocation policy's periodic monitoring of running jobs. */
  Monitor: 9,
  /**
   * Model, failures on: machines and failure domains whose next failure or repair is due now go
   * down or come back up (one event for all of them; the failure schedule keeps its own heap).
   */
  MachineFailure: 10,
  /**
   * Model, failures on: lost tasks of a job come back to its scheduler after the framework's
   * restart delay (a = job index, b = number of tasks).
   */
  TasksRestart: 11,
  /**
   * Model, scheduler failover on: a scheduler (or a two-level master) fails (a = failure plan,
   * b = 1 when drawn from its time-to-failure distribution, 0 for a listed time).
   */
  SchedulerDown: 12,
  /** Model, scheduler failover on: a failed scheduler (or master) is back (a = failure plan). */
  SchedulerUp: 13,
  /**
   * Model, frameworks: jobs whose last `after` job completed are released to their schedulers
   * now (one event per completion that released any; the runtime keeps them in order).
   */
  JobRelease: 14,
  /**
   * Model, frameworks: a job's latest start (`fw.startByUs`) is now (a = job index): if it has
   * placed no task it is skipped.
   */
  StartDeadline: 15,
  /** Model, frameworks: a scaling event of a long-running job (a = job index, b = event index). */
  ScaleChange: 16,
} as const;
/** Any event kind of the cluster model. */
export type EventKindId = (typeof EventKind)[keyof typeof EventKind];

/**
 * The kinds an architecture may schedule for itself (`ArchitectureHost.schedule`); they come back
 * through `Architecture.handle`. A plug-in picks the band whose place in the equal-time order
 * fits its event: retries before decisions, decisions before offer rounds, offers last.
 */
export type ArchitectureEventKindId =
  | typeof EventKind.JobRetry
  | typeof EventKind.SchedulerDone
  | typeof EventKind.OfferRound
  | typeof EventKind.OfferDelivered;

/**
 * Priority by event kind (index = kind). Lower runs first at equal times. Job ends rank with task
 * ends; machine failures and repairs right after them, then restarts of lost tasks; then a
 * scheduler's recovery and failure, before arrivals: a scheduler down at t makes no decision at t
 * (a think time ending at t is lost) and a job arriving at t just queues; recovery before
 * failure, so a failure listed at the very instant of a recovery still happens. Admissions right
 * after arrivals, monitoring after every decision and before the sampler (frameworks' kinds: see
below). Kinds added later slot
 * in without changing the relative order of the older ones, so runs that never schedule them keep
 * their exact event order.
 */
export const EVENT_PRIORITY: readonly number[] = [
  0, 5, 7, 8, 9, 10, 12, 0, 6, 11, 1, 2, 4, 3,
  // Frameworks: releases and scaling queue like arrivals (after them, before admissions); a
  // start deadline at t comes after every scheduling step at t, so a task placed at exactly
  // slot + epsilon started in time.
  5.25, 10.5, 5.5,
];

/** The priority of an event kind. */
export function priorityOf(kind: EventKindId): number {
  return EVENT_PRIORITY[kind] as number;
}
