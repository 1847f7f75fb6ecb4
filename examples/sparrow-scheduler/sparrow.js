// @ts-check
import {
  beginAttempt,
  commit,
  decisionTimesSchema,
  defineArchitecture,
  definePlugin,
  displayName,
  EventKind,
  finishAttempt,
  JobPhase,
  JobQueue,
  thinkTimeUs,
  z,
} from "cellsim";

/**
 * Sparrow (Ousterhout et al., "Sparrow: Distributed, Low Latency Scheduling", SOSP 2013) as a
 * cellsim architecture: distributed schedulers that sample machines instead of keeping cell
 * state, with batch sampling and late binding.
 *
 * Protocol, in cellsim's model:
 * 1. Jobs are dealt round-robin (by arrival) to `schedulers` schedulers. Each decides one job at
 *    a time from its FIFO queue; a probe round is one scheduling attempt.
 * 2. A round thinks for perJob + perTask × the job's unlaunched tasks u (sending the probes),
 *    then probes ⌈d·u⌉ random machines, distinct until every machine has been probed once
 *    (batch sampling: one pool of probes for all u tasks; d = `probeRatio`).
 * 3. Each probe leaves a reservation for the job at the tail of the machine's FIFO queue. A
 *    machine serves its queue from the head: when the head's task fits, the machine asks the
 *    job's scheduler for a task and gets one if the job still has one unlaunched (late binding:
 *    a task goes to whichever probed machine asks first), committed to the live cell. A
 *    reservation whose job has nothing left to launch, or that an earlier round of the job left,
 *    is dropped (Sparrow's cancellation). A head whose task does not fit waits for room.
 * 4. Machines serve their queues when probes arrive (in probe order, at the end of the round)
 *    and when tasks end.
 * 5. The round ends by the shared rule (`finishAttempt`), counting the tasks launched as its
 *    probes arrived: done, abandoned, or retried after the retry delay with a new round of
 *    ⌈d·u⌉ probes for the tasks still unlaunched, which replaces the old reservations.
 *    Reservations may launch tasks between rounds; a retry finding its job done is dropped.
 *
 * Where this differs from the paper: machines have CPU and memory room instead of task slots;
 * probes and their replies take no network time (the decision time stands for the round); and
 * tasks already running at t = 0 (prefill) end without telling the architecture, so a queue
 * waiting on room they free is served at the next task end or round end. A round counts as
 * useful scheduler time only if a task launched as its probes arrived; tasks its reservations
 * launch later take no scheduler time.
 *
 * Cost: each task end and round end visits every machine with waiting reservations, which is
 * fine for cells of hundreds of machines, not for a 12,000-machine preset near saturation.
 */

/** @typedef {import("cellsim").Architecture} Architecture */
/** @typedef {import("cellsim").ArchitectureHost} ArchitectureHost */
/** @typedef {import("cellsim").JobState} JobState */
/** @typedef {import("cellsim").SimEvent} SimEvent */
/** @typedef {import("cellsim").DecisionTimes} DecisionTimes */
/** @typedef {import("cellsim").SchedulerInfo} SchedulerInfo */

/**
 * The `architecture` block of type `sparrow`, resolved.
 * @typedef {object} SparrowSpec
 * @property {string | undefined} [name] display name for reports
 * @property {number} probeRatio d: probes per unlaunched task
 * @property {number} schedulers how many schedulers share the jobs
 * @property {DecisionTimes} decisionTime think time of a probe round, per workload kind
 */

const schema = z.strictObject({
  name: displayName,
  probeRatio: z.number().min(1).max(100).default(2),
  schedulers: z.int().min(1).max(1000).default(1),
  decisionTime: decisionTimesSchema.prefault({}),
});

/** Tasks go onto the live cell, so a claim never conflicts (the machine was seen to have room). */
const LIVE = /** @type {const} */ ({ conflictMode: "fine", transactionMode: "incremental" });

/** One scheduler: its queue and the round in progress. */
class SchedulerState {
  queue = new JobQueue();
  /** @type {JobState | undefined} */
  current = undefined;
  startUs = 0;
}

/** @implements {Architecture} */
export class Sparrow {
  /** @type {readonly SchedulerInfo[]} */
  schedulers;

  /**
   * @param {ArchitectureHost} host
   * @param {SparrowSpec} spec
   */
  constructor(host, spec) {
    this.host = host;
    this.spec = spec;
    this.schedulers = Array.from({ length: spec.schedulers }, (_, i) => ({
      name: `sparrow-${i}`,
      workloads: /** @type {("batch" | "service")[]} */ (["batch", "service"]),
    }));
    this.perScheduler = this.schedulers.map(() => new SchedulerState());
    this.rng = host.stream("sparrow:probes");
    const machines = host.cell.machines;
    /** Probe order scratch: a permutation of the machines, partly shuffled by each round. */
    this.perm = Int32Array.from({ length: machines }, (_, i) => i);
    /** Reservations per machine, flattened (job index, round), read from `heads[m]` on. */
    this.queues = Array.from({ length: machines }, () => /** @type {number[]} */ ([]));
    this.heads = new Int32Array(machines);
    /** Machines with reservations, in a stable order (insertion order of a Set). */
    this.waiting = /** @type {Set<number>} */ (new Set());
    /** The round whose reservations are live, by job index (rounds are numbered from 1). */
    this.roundOf = /** @type {number[]} */ ([]);
    this.rounds = 0;
    /** Tasks committed during the current event and not started yet: machines by job index. */
    this.launched = /** @type {Map<number, number[]>} */ (new Map());
  }

  /** @param {JobState} job */
  submit(job) {
    this.enqueue(job, job.index % this.perScheduler.length);
  }

  tasksEnded() {
    this.serveAll();
    this.startLaunched();
  }

  /** @param {SimEvent} event */
  handle(event) {
    if (event.kind === EventKind.SchedulerDone) this.endRound(event.a);
    else if (event.kind === EventKind.JobRetry) {
      // A queued retry keeps its job in host.jobs; reservations may have launched its last tasks.
      const job = /** @type {JobState} */ (this.host.jobs[event.a]);
      if (job.phase === JobPhase.Pending) this.enqueue(job, event.b);
    } else throw new Error(`sparrow: unexpected event kind ${event.kind}`);
  }

  /** @param {JobState} job @param {number} f */
  enqueue(job, f) {
    const s = /** @type {SchedulerState} */ (this.perScheduler[f]);
    s.queue.push(job);
    if (s.current === undefined) this.startRound(f);
  }

  /** Starts a round for scheduler f's next job that still has tasks to launch. */
  startRound(/** @type {number} */ f) {
    const s = /** @type {SchedulerState} */ (this.perScheduler[f]);
    for (let job = s.queue.shift(); job !== undefined; job = s.queue.shift()) {
      // Reservations may have launched the job's last tasks while it waited: nothing to decide.
      if (job.phase !== JobPhase.Pending) continue;
      s.current = job;
      s.startUs = this.host.now;
      beginAttempt(this.host, job, f);
      const think = thinkTimeUs(this.spec.decisionTime[job.spec.kind], job.unscheduledTasks);
      this.host.schedule(this.host.now + think, EventKind.SchedulerDone, f);
      return;
    }
  }

  /** Scheduler f's think time ended: send the probes, let the probed machines ask, end the attempt. */
  endRound(/** @type {number} */ f) {
    const s = /** @type {SchedulerState} */ (this.perScheduler[f]);
    const job = s.current;
    if (job === undefined) throw new Error(`sparrow: scheduler ${f} ended a round it never started`);
    s.current = undefined;
    const round = ++this.rounds;
    this.roundOf[job.index] = round; // the job's earlier reservations are now cancelled
    const probes = this.sample(Math.ceil(this.spec.probeRatio * this.unlaunched(job)));
    for (const m of probes) this.reserve(m, job.index, round);
    for (const m of probes) this.serve(m);
    // Cancelled reservations at the head of other queues no longer block them.
    this.serveAll();
    const committed = this.launched.get(job.index) ?? [];
    this.launched.delete(job.index);
    this.startLaunched();
    finishAttempt(this.host, job, {
      scheduler: f,
      startUs: s.startUs,
      claimed: committed.length,
      committed,
      conflicted: 0,
    });
    this.startRound(f);
  }

  /** `n` random machines, distinct until every machine has been drawn once. */
  sample(/** @type {number} */ n) {
    const perm = this.perm;
    const out = [];
    let left = 0;
    for (let i = 0; i < n; i++) {
      if (left === 0) left = perm.length;
      const at = Math.floor(this.rng.next() * left--);
      const m = /** @type {number} */ (perm[at]);
      perm[at] = /** @type {number} */ (perm[left]);
      perm[left] = m;
      out.push(m);
    }
    return out;
  }

  /** Tasks of the job not launched yet (0 once it is fully scheduled or abandoned). */
  unlaunched(/** @type {JobState} */ job) {
    if (job.phase !== JobPhase.Pending) return 0;
    return job.unscheduledTasks - (this.launched.get(job.index)?.length ?? 0);
  }

  /** @param {number} m @param {number} jobIndex @param {number} round */
  reserve(m, jobIndex, round) {
    /** @type {number[]} */ (this.queues[m]).push(jobIndex, round);
    this.waiting.add(m);
  }

  serveAll() {
    for (const m of this.waiting) this.serve(m);
  }

  /** Machine m serves its reservations from the head until one must wait for room. */
  serve(/** @type {number} */ m) {
    const q = /** @type {number[]} */ (this.queues[m]);
    const cell = this.host.cell;
    let h = /** @type {number} */ (this.heads[m]);
    while (h < q.length) {
      const jobIndex = /** @type {number} */ (q[h]);
      // A finished job's reservations may outlive it: host.jobs no longer holds a settled job.
      const job = this.host.jobs[jobIndex];
      const live = job !== undefined && this.roundOf[jobIndex] === q[h + 1] && this.unlaunched(job) > 0;
      if (live) {
        const { cpusPerTask, memGbPerTask, durationUs } = job.spec;
        // Every resource dimension: CPU, memory and any further ones (job.extraPerTask).
        const extraPerTask = job.extraPerTask;
        if (!cell.fits(m, cpusPerTask, memGbPerTask, extraPerTask)) break;
        const scheduler = jobIndex % this.perScheduler.length;
        commit(cell, { scheduler, cpusPerTask, memGbPerTask, extraPerTask, durationUs, machines: [m] }, LIVE);
        const mine = this.launched.get(jobIndex);
        if (mine) mine.push(m);
        else this.launched.set(jobIndex, [m]);
      }
      h += 2;
    }
    if (h === q.length) {
      q.length = 0;
      h = 0;
      this.waiting.delete(m);
    } else if (h > 1024 && 2 * h > q.length) {
      q.splice(0, h);
      h = 0;
    }
    this.heads[m] = h;
  }

  /** Starts the tasks committed during this event (one group per job, in launch order). */
  startLaunched() {
    for (const [jobIndex, machines] of this.launched) {
      this.host.startTasks(/** @type {JobState} */ (this.host.jobs[jobIndex]), machines);
    }
    this.launched.clear();
  }
}

/** The `sparrow` architecture. */
export const sparrow = defineArchitecture({
  name: "sparrow",
  description: "Sparrow: distributed schedulers probing d·m random machines per job, late binding",
  schema,
  create: (spec, host) => new Sparrow(host, spec),
});

export default definePlugin({ name: "sparrow", architectures: [sparrow] });
