import { MASTER, type Architecture, type SchedulerInfo } from "../../cluster/architecture.js";
import { EventKind } from "../../cluster/events.js";
import type { ArchitectureHost } from "../../cluster/host.js";
import { WORKLOAD_KINDS, type WorkloadKind } from "../../cluster/job.js";
import type { JobState } from "../../cluster/job-state.js";
import { InputError } from "../../engine/errors.js";
import type { SimEvent } from "../../engine/event.js";
import { Framework, type FrameworkOptions } from "./framework.js";
import type { OfferView } from "./offer.js";
import type { DecisionTimes } from "../common.js";
import { FrameworkRoutes, routedFrameworks, type RouteBy } from "../routing.js";
import type { SimTime } from "../../engine/time.js";
import type { PerAgentSpec } from "./agent-allocator.js";

/** Mesos-style two-level scheduling as modelled in the Omega paper. */
export interface TwoLevelSpec {
  name?: string | undefined;
  decisionTime: DecisionTimes;
  /** Framework schedulers per kind (default 1 each); jobs dealt round-robin. */
  frameworks: { batch: number; service: number };
  /** Kind routing (`frameworks` per kind) or one Mesos framework per workload framework. */
  routeBy?: RouteBy | undefined;
  /** Delay from a trigger to the offer round it causes (rounds are batched). */
  offerIntervalUs: SimTime;
  /** No offer unless at least this many CPUs are free and unheld. */
  minOfferCpus: number;
  /** Time the allocator takes to make an offer. */
  allocatorDecisionTimeUs: SimTime;
  /** When a job's first attempt is stamped (see FrameworkOptions; default "decision"). */
  attemptStamp: FrameworkOptions["attemptStamp"];
  /** One offer per framework at a time, or overlapping offers (see FrameworkOptions; default "one"). */
  offersPerFramework: FrameworkOptions["offersPerFramework"];
  /**
   * Which allocator makes offers: the whole free cell to one framework (`"whole-cell"`, Mesos
   * 0.9 as the Omega paper modelled it; absent means this) or per agent (`"per-agent"`, Mesos
   * ≥ 0.10: agent-allocator.ts).
   */
  allocator?: "whole-cell" | "per-agent" | undefined;
  /** The per-agent allocator's settings (absent: its defaults). */
  perAgent?: PerAgentSpec | undefined;
}

/**
 * Two-level scheduling (Mesos, as modelled in the Omega paper): one allocator, framework
 * schedulers per workload kind.
 *
 * Protocol:
 * 1. Jobs of a kind are dealt to that kind's frameworks round-robin. A submitted or retried job,
 *    a framework's reply and the end of a framework's tasks trigger an offer round, batched:
 *    the round runs `offerInterval` after the first trigger.
 * 2. A round picks, among frameworks with queued jobs and no open offer, the one with the lowest
 *    dominant resource share (DRF; ties: lowest index), and offers it **all** free resources not
 *    held by another offer — only if at least `minOfferCpus` CPUs are free. Offered resources
 *    are locked. The offer reaches the framework after the allocator's decision time (1 ms).
 * 3. The framework decides on its queued jobs one after the other against the offer (until the
 *    offer is used up) and replies after the summed think time: accepted claims commit, the
 *    rest unlocks.
 * Long service decisions thus hold the whole free cell and starve the batch framework.
 *
 * `routeBy: "framework"` replaces step 1's per-kind frameworks by one Mesos framework per
 * framework of a `frameworks` workload (`mesos-<name>`), each deciding its own jobs: the Mesos
 * paper's setting (docs/frameworks/architectures.md).
 *
 * `offersPerFramework: "many"` drops "no open offer" from step 2 (a framework with queued jobs
 * gets a further offer while it thinks about another), and `attemptStamp: "offer"` stamps every
 * job of an offer as attempted when the offer arrives: the Omega authors' simulator does both
 * (docs/design.md, "Two-level waits").
 *
 * Failover (docs/failover.md): a failed framework's offer returns to the allocator (its decisions
 * in it are lost) and it gets no offer until it is back. A failed master makes no offer round
 * until it is back, and its failure rescinds every outstanding offer, as offers of a failed Mesos
 * master are invalid after failover: the frameworks' decisions in them are lost. Running tasks
 * keep running either way.
 */
export class TwoLevel implements Architecture {
  readonly schedulers: SchedulerInfo[] = [];
  readonly hasMaster = true;
  /** The master (allocator) is down: no offer rounds. */
  protected masterDown = false;
  protected readonly frameworks: Framework[] = [];
  protected readonly frameworkOfJob: number[] = [];
  private readonly dealt = new Map<string, number>();
  private roundPending = false;
  /** Set when routing by framework: one Mesos framework per framework of the workload. */
  private readonly routes: FrameworkRoutes | undefined;

  constructor(
    protected readonly model: ArchitectureHost,
    protected readonly spec: TwoLevelSpec,
  ) {
    const options = this.frameworkOptions(spec);
    const add = (name: string, kind: WorkloadKind, workloads: WorkloadKind[]) => {
      const index = this.frameworks.length;
      const rng = model.stream(`placement:${name}`);
      this.frameworks.push(
        new Framework(
          model,
          index,
          kind,
          spec.decisionTime,
          model.makePlacer(),
          rng,
          () => this.afterReply(),
          options,
        ),
      );
      this.schedulers.push({ name, workloads });
    };
    if (spec.routeBy === "framework") {
      const names = routedFrameworks(model.frameworks, "two-level");
      // The kind is unused when routing by framework: a framework decides jobs of either kind.
      for (const name of names) add(`mesos-${name}`, "batch", [...WORKLOAD_KINDS]);
      this.routes = new FrameworkRoutes(names);
      return;
    }
    for (const kind of WORKLOAD_KINDS) {
      for (let i = 0; i < spec.frameworks[kind]; i++) add(`mesos-${kind}-${i}`, kind, [kind]);
      this.dealt.set(kind, 0);
    }
  }

  submit(job: JobState): void {
    if (this.routes !== undefined) {
      const framework = this.frameworks[this.routes.schedulerOf(job)] as Framework;
      this.frameworkOfJob[job.index] = framework.index;
      this.enqueue(framework, job);
      return;
    }
    const kind = job.spec.kind;
    const mine = this.frameworks.filter((f) => f.kind === kind);
    // Validation refuses this for workloads whose kinds are known; a plug-in source's are not.
    if (mine.length === 0) {
      throw new InputError(
        `architecture.frameworks.${kind}: 0 frameworks for ${kind} jobs, but the workload submitted ${kind} job ${job.spec.id}`,
      );
    }
    const n = this.dealt.get(kind) as number;
    this.dealt.set(kind, n + 1);
    const framework = mine[n % mine.length] as Framework;
    this.frameworkOfJob[job.index] = framework.index;
    this.enqueue(framework, job);
  }

  /** A repaired machine is room no offer holds: a round may offer it. */
  machineRepaired(): void {
    this.trigger();
  }

  outsideClaimsAllowed(): boolean {
    return this.openBulkOffer() === undefined;
  }

  tasksEnded(job: JobState, tasks: number): void {
    const f = this.frameworks[this.frameworkOfJob[job.index] as number] as Framework;
    const shape = f.shapeOf(job);
    f.usedCpus -= tasks * shape.cpusPerTask;
    f.usedMemGb -= tasks * shape.memGbPerTask;
    f.countExtra(job, -tasks);
    this.trigger();
  }

  schedulerDown(index: number): void {
    if (index === MASTER) {
      this.masterDown = true;
      let dropped = false;
      for (const f of this.frameworks) dropped = f.dropOffer() || dropped;
      if (dropped) this.reportLocked();
      return;
    }
    const f = this.frameworks[index] as Framework;
    f.down = true;
    // The returned offer may go to another framework.
    if (f.dropOffer()) this.afterReply();
  }

  schedulerUp(index: number): void {
    if (index === MASTER) {
      this.masterDown = false;
      if (this.frameworks.some((f) => f.requesting)) this.trigger();
      return;
    }
    const f = this.frameworks[index] as Framework;
    f.down = false;
    if (f.requesting) this.trigger();
  }

  handle(event: SimEvent): void {
    switch (event.kind) {
      case EventKind.SchedulerDone:
        (this.frameworks[event.a] as Framework).thinkEnded(event.b);
        break;
      case EventKind.JobRetry:
        this.enqueue(this.frameworks[event.b] as Framework, this.model.jobs[event.a] as JobState);
        break;
      case EventKind.OfferRound:
        this.roundPending = false;
        this.round();
        break;
      case EventKind.OfferDelivered:
        (this.frameworks[event.a] as Framework).receiveOffer(event.b);
        break;
      default:
        throw new Error(`two-level: unexpected event kind ${event.kind}`);
    }
  }

  private enqueue(framework: Framework, job: JobState): void {
    framework.enqueue(job);
    if (framework.requesting) this.trigger();
  }

  private afterReply(): void {
    this.reportLocked();
    this.trigger();
  }

  /** The options every framework runs its offers with (the per-agent allocator adds a hook). */
  protected frameworkOptions(spec: TwoLevelSpec): FrameworkOptions {
    return { attemptStamp: spec.attemptStamp, offersPerFramework: spec.offersPerFramework };
  }

  protected trigger(): void {
    if (this.roundPending) return;
    this.roundPending = true;
    this.model.schedule(this.model.now + this.spec.offerIntervalUs, EventKind.OfferRound);
  }

  protected round(): void {
    if (this.masterDown) return;
    const framework = this.lowestDominantShare();
    if (!framework) return;
    const bulk = this.openBulkOffer();
    const cell = this.model.cell;
    const occupied = cell.allocatedCpus + cell.lockedCpus;
    const unheldCpus = bulk
      ? bulk.tracker.occupiedCpusAtStart - occupied
      : cell.totalCpus - cell.downCpus - occupied;
    if (unheldCpus < this.spec.minOfferCpus) return;
    const slot = framework.freeSlot();
    const offer = framework.offers[slot] as OfferView;
    if (bulk) offer.openExplicit(bulk);
    else offer.openBulk();
    framework.holdsOffer = true;
    this.reportLocked();
    this.model.schedule(
      this.model.now + this.spec.allocatorDecisionTimeUs,
      EventKind.OfferDelivered,
      framework.index,
      framework.tag(slot),
    );
  }

  /** The open bulk offer (at most one at a time), if any. */
  private openBulkOffer(): OfferView | undefined {
    for (const f of this.frameworks) for (const o of f.offers) if (o.mode === "bulk") return o;
    return undefined;
  }

  /** The requesting framework (queued jobs, room for an offer) with the lowest DRF share. */
  private lowestDominantShare(): Framework | undefined {
    const cell = this.model.cell;
    let best: Framework | undefined;
    let bestShare = Infinity;
    for (const f of this.frameworks) {
      if (!f.requesting) continue;
      const share = f.dominantShare(cell);
      if (share < bestShare) {
        bestShare = share;
        best = f;
      }
    }
    return best;
  }

  protected reportLocked(): void {
    let cpus = 0;
    let mem = 0;
    for (const f of this.frameworks) {
      for (const o of f.offers) {
        cpus += o.heldCpus;
        mem += o.heldMemGb;
      }
    }
    this.model.observer.lockedChanged(this.model.now, cpus, mem);
  }
}
