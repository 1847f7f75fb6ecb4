import { FIT_EPSILON } from "../../cluster/cell-view.js";
import type { SimTime } from "../../engine/time.js";

/** One refused-resources filter: what a framework left unused on an agent, and until when. */
interface Filter {
  cpus: number;
  memGb: number;
  untilUs: SimTime;
}

/**
 * Offer filters of the per-agent allocator (Mesos' `Filters.refuse_seconds`): when a framework
 * replies, whatever it left unused of an agent's offer counts as refused for `refuseUs`. Until
 * then that agent is not offered to that framework again — unless the agent's free room has
 * grown beyond what was refused: Mesos filters only offers that are a subset of the refused
 * resources, so a task ending on the agent makes it offerable at once.
 *
 * A master failover loses the filters (the allocator's state is in the master's memory).
 */
export class OfferFilters {
  /** Per framework: agent → its filter. */
  private readonly byFramework: Map<number, Filter>[];

  constructor(frameworks: number) {
    this.byFramework = Array.from({ length: frameworks }, () => new Map<number, Filter>());
  }

  /** Framework `f` refuses `cpus`/`memGb` of agent `m` until `untilUs`. */
  refuse(f: number, m: number, cpus: number, memGb: number, untilUs: SimTime): void {
    (this.byFramework[f] as Map<number, Filter>).set(m, { cpus, memGb, untilUs });
  }

  /** Is an offer of `cpus`/`memGb` on agent `m` to framework `f` filtered at `nowUs`? */
  filtered(f: number, m: number, cpus: number, memGb: number, nowUs: SimTime): boolean {
    const filters = this.byFramework[f] as Map<number, Filter>;
    const filter = filters.get(m);
    if (filter === undefined) return false;
    if (nowUs >= filter.untilUs) {
      filters.delete(m);
      return false;
    }
    return cpus <= filter.cpus + FIT_EPSILON && memGb <= filter.memGb + FIT_EPSILON;
  }

  /** Forgets framework f's filters (it revives offers: new demand). */
  revive(f: number): void {
    (this.byFramework[f] as Map<number, Filter>).clear();
  }

  /** Forgets every filter (master failover). */
  clear(): void {
    for (const filters of this.byFramework) filters.clear();
  }
}
