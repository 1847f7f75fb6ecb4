import { MASTER } from "../../cluster/architecture.js";
import { EventKind } from "../../cluster/events.js";
import type { ArchitectureHost } from "../../cluster/host.js";
import { InputError } from "../../engine/errors.js";
import type { JobState } from "../../cluster/job-state.js";
import type { SimEvent } from "../../engine/event.js";
import type { SimTime } from "../../engine/time.js";
import type { Framework, FrameworkOptions } from "./framework.js";
import { OfferFilters } from "./filters.js";
import type { OfferView } from "./offer.js";
import { reservedRoles, UNRESERVED, type Reservations } from "./reservations.js";
import { TwoLevel, type TwoLevelSpec } from "./two-level.js";
import { RoleShares } from "./role-shares.js";

/** The per-agent allocator's settings (the two-level block with `allocator: "per-agent"`). */
export interface PerAgentSpec {
  /** Framework name (its scheduler name without `mesos-`) → role; default: its own name. */
  roles: Record<string, string>;
  /** Role → weight for weighted DRF (default 1). */
  weights: Record<string, number>;
  /** How long unused offered resources stay refused to the framework (Mesos default 5 s). */
  refuseUs: SimTime;
  /** An offer not answered this long after it was made is rescinded (absent: never). */
  offerTimeoutUs?: SimTime | undefined;
  /** Role → its statically reserved machines. */
  reservations: Reservations;
}

/** Defaults when the block names no per-agent field. */
export const DEFAULT_PER_AGENT: PerAgentSpec = {
  roles: {},
  weights: {},
  refuseUs: 5_000_000,
  reservations: {},
};

/** Below this many CPUs (or GB) an agent has nothing worth offering (Mesos' MIN_CPUS/MIN_MEM). */
const USED_UP = 1e-6;
/** OfferRound operand `a`: a round run when filters expire (0 is TwoLevel's batched round). */
const FILTER_EXPIRY = 1;
/** OfferRound operand `a` ≥ this: framework `a − TIMEOUT_BASE`'s offer times out (`b`: its serial). */
const TIMEOUT_BASE = 2;

/**
 * The two-level architecture with Mesos' allocator as shipped after 0.9 (the hierarchical DRF
 * allocator; Hindman et al., NSDI 2011, and the Mesos allocator, roles and reservations docs).
 *
 * Protocol (what differs from TwoLevel's whole-cell offers):
 * 1. Triggers batch into rounds as in TwoLevel (`offerInterval` after the first trigger).
 * 2. A round walks the agents (machines) in index order. An agent with free room (not held by
 *    an offer) goes to one requesting framework: among those of the agent's reserved role (or
 *    all, for an unreserved agent) whose filters let it through, the role with the lowest
 *    weighted dominant share (share / weight; ties: role order), then its framework with the
 *    lowest dominant share (ties: index). Shares count running tasks and offered resources,
 *    including the agents given out earlier in this round, as Mesos' sorters do.
 * 3. A framework's agents of one round are locked and delivered together (one `resourceOffers`
 *    call) after the allocator's decision time; it decides on its queued jobs against them as in
 *    TwoLevel and replies. Whatever it left unused on each agent is refused for `refuseSeconds`:
 *    that agent is not offered to it again until then, unless its free room grew (filters.ts).
 *    A round runs when a filter expires. A framework with untried jobs queued at its reply sets
 *    no filter, and a newly submitted job clears its framework's filters (Mesos' reviveOffers);
 *    a retried job does not (it has seen those resources).
 * 4. With `offerTimeout`, an offer not answered that long after its round is rescinded: its
 *    resources return, the decisions made in it are lost (WastedFailure) and its jobs go back to
 *    the queue head. A reply at the very instant of the timeout is in time (decisions run first).
 * 5. Master failover as in TwoLevel; a failed master also loses every filter.
 * A framework holds one batch of offers at a time (`offersPerFramework: "one"`).
 */
export class PerAgentTwoLevel extends TwoLevel {
  private readonly agents: PerAgentSpec;
  private readonly shares: RoleShares;
  /** Per machine: the role index it is reserved for, or UNRESERVED. */
  private readonly reserved: Int32Array;
  private readonly filters: OfferFilters;
  /** Per framework: the serial of its latest offer batch (timeouts of older ones are stale). */
  private readonly serial: number[];
  /** Per framework: agents given to it in the round being made. */
  private readonly batches: number[][];
  /** The latest filter expiry a round is scheduled for. */
  private expiryScheduledUs: SimTime = -1;

  constructor(model: ArchitectureHost, spec: TwoLevelSpec) {
    super(model, spec);
    const agents = spec.perAgent ?? DEFAULT_PER_AGENT;
    this.agents = agents;
    const own = this.schedulers.map((s) => s.name.replace(/^mesos-/, ""));
    for (const name of Object.keys(agents.roles))
      if (!own.includes(name))
        throw new InputError(
          `architecture.roles.${name}: no framework "${name}" (frameworks: ${own.join(", ")})`,
        );
    const roleOf = own.map((name) => agents.roles[name] ?? name);
    this.shares = new RoleShares(model.cell, this.frameworks, roleOf, agents.weights);
    this.reserved = reservedRoles(agents.reservations, model.cell.machines, this.shares.roles);
    this.filters = new OfferFilters(this.frameworks.length);
    this.serial = this.frameworks.map(() => 0);
    this.batches = this.frameworks.map(() => []);
  }

  protected override frameworkOptions(spec: TwoLevelSpec): FrameworkOptions {
    return { ...super.frameworkOptions(spec), beforeReply: (f, offer) => this.refuseUnused(f, offer) };
  }

  /** A new job is new demand: its framework revives offers (its filters go), as Mesos frameworks do. */
  override submit(job: JobState): void {
    super.submit(job);
    this.filters.revive(this.frameworkOfJob[job.index] as number);
  }

  /** Per-agent offers lock machines explicitly: claims outside them take nothing offered. */
  override outsideClaimsAllowed(): boolean {
    return true;
  }

  override schedulerDown(index: number): void {
    if (index === MASTER) this.filters.clear();
    super.schedulerDown(index);
  }

  override handle(event: SimEvent): void {
    if (event.kind !== EventKind.OfferRound || event.a === 0) {
      super.handle(event);
      return;
    }
    if (event.a === FILTER_EXPIRY) this.round();
    else this.timeOut(event.a - TIMEOUT_BASE, event.b);
  }

  protected override round(): void {
    if (this.masterDown || !this.frameworks.some((f) => f.requesting)) return;
    const { cell, now } = this.model;
    this.shares.load();
    for (let m = 0; m < cell.machines; m++) {
      const cpus = cell.freeCpus(m);
      const memGb = cell.freeMemGb(m);
      if (cpus <= USED_UP || memGb <= USED_UP) continue;
      const f = this.pick(m, cpus, memGb, now);
      if (f === undefined) continue;
      (this.batches[f.index] as number[]).push(m);
      this.shares.add(f.index, cpus, memGb);
    }
    let offered = false;
    for (const f of this.frameworks) {
      const batch = this.batches[f.index] as number[];
      if (batch.length === 0) continue;
      this.offer(f, batch);
      batch.length = 0;
      offered = true;
    }
    if (offered) this.reportLocked();
  }

  /** The framework agent m goes to (weighted DRF over roles, then DRF within the role), if any. */
  private pick(m: number, cpus: number, memGb: number, now: SimTime): Framework | undefined {
    const reservedFor = this.reserved[m] as number;
    const shares = this.shares;
    let best: Framework | undefined;
    let bestRoleScore = Infinity;
    let bestRole = -1;
    let bestShare = Infinity;
    for (const f of this.frameworks) {
      if (!f.requesting) continue;
      const role = shares.roleOf(f.index);
      if (reservedFor !== UNRESERVED && role !== reservedFor) continue;
      if (this.filters.filtered(f.index, m, cpus, memGb, now)) continue;
      const roleScore = shares.weightedRoleShare(role);
      const share = shares.frameworkShare(f.index);
      const better =
        roleScore < bestRoleScore ||
        (roleScore === bestRoleScore && (role < bestRole || (role === bestRole && share < bestShare)));
      if (!better) continue;
      best = f;
      bestRoleScore = roleScore;
      bestRole = role;
      bestShare = share;
    }
    return best;
  }

  /** Locks `agents` in one offer batch to `f`, delivers it and arms its timeout. */
  private offer(f: Framework, agents: readonly number[]): void {
    const slot = f.freeSlot();
    (f.offers[slot] as OfferView).openAgents(agents);
    f.holdsOffer = true;
    const now = this.model.now;
    this.model.schedule(
      now + this.spec.allocatorDecisionTimeUs,
      EventKind.OfferDelivered,
      f.index,
      f.tag(slot),
    );
    const serial = ++(this.serial[f.index] as number);
    const timeout = this.agents.offerTimeoutUs;
    if (timeout !== undefined)
      this.model.schedule(now + timeout, EventKind.OfferRound, TIMEOUT_BASE + f.index, serial);
  }

  /** Framework f's offer batch `serial` timed out: rescinded if still unanswered. */
  private timeOut(index: number, serial: number): void {
    const f = this.frameworks[index] as Framework;
    if (this.serial[index] !== serial || !f.holdsOffer) return;
    f.dropOffer();
    this.reportLocked();
    this.trigger();
  }

  /**
   * Before f's reply closes its offer: what it left unused on each agent is refused for a while —
   * unless jobs it has not tried in this offer are queued (submitted while it decided): a
   * framework with untried demand would revive offers at once.
   */
  private refuseUnused(f: number, offer: OfferView): void {
    const refuseUs = this.agents.refuseUs;
    if (refuseUs <= 0 || (this.frameworks[f] as Framework).queue.size > 0) return;
    const untilUs = this.model.now + refuseUs;
    let any = false;
    for (let i = 0; i < offer.candidates; i++) {
      const m = offer.candidate(i);
      const cpus = offer.freeCpus(m);
      const memGb = offer.freeMemGb(m);
      if (cpus <= USED_UP || memGb <= USED_UP) continue;
      this.filters.refuse(f, m, cpus, memGb, untilUs);
      any = true;
    }
    if (any && untilUs > this.expiryScheduledUs) {
      this.expiryScheduledUs = untilUs;
      this.model.schedule(untilUs, EventKind.OfferRound, FILTER_EXPIRY);
    }
  }
}
