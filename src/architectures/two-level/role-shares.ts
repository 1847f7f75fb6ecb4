import type { CellState } from "../../cluster/cell-state.js";
import { InputError } from "../../engine/errors.js";
import type { Framework } from "./framework.js";

/**
 * Dominant shares for the per-agent allocator's weighted DRF: per framework and per role, what
 * its running tasks use plus what it is offered (open offers and agents given out in the round
 * being made), as Mesos' sorters count offered resources as allocated. A role's score is its
 * dominant share divided by its weight (weighted DRF). Further dimensions count what running
 * tasks use.
 */
export class RoleShares {
  /** Role names in order of their first framework. */
  readonly roles: string[] = [];
  private readonly role: Int32Array;
  private readonly weight: Float64Array;
  private readonly fwCpus: Float64Array;
  private readonly fwMemGb: Float64Array;
  private readonly roleCpus: Float64Array;
  private readonly roleMemGb: Float64Array;

  constructor(
    private readonly cell: CellState,
    private readonly frameworks: readonly Framework[],
    roleOf: readonly string[],
    weights: Readonly<Record<string, number>>,
  ) {
    this.role = Int32Array.from(roleOf, (name) => {
      if (!this.roles.includes(name)) this.roles.push(name);
      return this.roles.indexOf(name);
    });
    for (const name of Object.keys(weights))
      if (!this.roles.includes(name))
        throw new InputError(
          `architecture.weights.${name}: no framework has role "${name}" (roles: ${this.roles.join(", ")})`,
        );
    this.weight = Float64Array.from(this.roles, (name) => weights[name] ?? 1);
    this.fwCpus = new Float64Array(frameworks.length);
    this.fwMemGb = new Float64Array(frameworks.length);
    this.roleCpus = new Float64Array(this.roles.length);
    this.roleMemGb = new Float64Array(this.roles.length);
  }

  /** The role index of framework f. */
  roleOf(f: number): number {
    return this.role[f] as number;
  }

  /** Reads every framework's running and offered resources (at the start of a round). */
  load(): void {
    this.roleCpus.fill(0);
    this.roleMemGb.fill(0);
    for (const f of this.frameworks) {
      let cpus = f.usedCpus;
      let memGb = f.usedMemGb;
      for (const o of f.offers) {
        cpus += o.heldCpus;
        memGb += o.heldMemGb;
      }
      this.fwCpus[f.index] = 0;
      this.fwMemGb[f.index] = 0;
      this.add(f.index, cpus, memGb);
    }
  }

  /** Framework f is given `cpus`/`memGb` more. */
  add(f: number, cpus: number, memGb: number): void {
    const r = this.role[f] as number;
    (this.fwCpus[f] as number) += cpus;
    (this.fwMemGb[f] as number) += memGb;
    (this.roleCpus[r] as number) += cpus;
    (this.roleMemGb[r] as number) += memGb;
  }

  /** Framework f's dominant share. */
  frameworkShare(f: number): number {
    return Math.max(this.share(this.fwCpus[f] as number, this.fwMemGb[f] as number), this.extraShare(f));
  }

  /** Role r's dominant share divided by its weight. */
  weightedRoleShare(r: number): number {
    let extra = 0;
    if (this.cell.extraNames.length !== 0)
      for (let d = 0; d < this.cell.extraNames.length; d++)
        extra = Math.max(extra, this.roleExtraShare(r, d));
    return (
      Math.max(this.share(this.roleCpus[r] as number, this.roleMemGb[r] as number), extra) /
      (this.weight[r] as number)
    );
  }

  private share(cpus: number, memGb: number): number {
    return Math.max(cpus / this.cell.totalCpus, memGb / this.cell.totalMemGb);
  }

  /** Framework f's largest share of a further dimension (0 without any). */
  private extraShare(f: number): number {
    const used = (this.frameworks[f] as Framework).usedExtra;
    let share = 0;
    for (let d = 0; d < used.length; d++) {
      const total = this.cell.extraTotals[d] as number;
      if (total > 0) share = Math.max(share, (used[d] as number) / total);
    }
    return share;
  }

  private roleExtraShare(r: number, d: number): number {
    const total = this.cell.extraTotals[d] as number;
    if (total <= 0) return 0;
    let used = 0;
    for (const f of this.frameworks) if (this.role[f.index] === r) used += f.usedExtra[d] as number;
    return used / total;
  }
}
