/**
 * Running task groups by machine (failures on): for each machine, the ids of groups that started
 * tasks there. Entries are not removed when a group ends — that would cost every task end a scan —
 * so a list may hold stale ids (ended groups, or slots since recycled for a group elsewhere); the
 * caller checks each id it takes. A list is pruned of ended groups when it doubles, which keeps
 * its length within a constant factor of the groups live on the machine plus recycled slots.
 */
export class MachineIndex {
  private readonly groups: number[][];
  private readonly pruneAt: Uint32Array;

  constructor(machines: number) {
    this.groups = Array.from({ length: machines }, () => []);
    this.pruneAt = new Uint32Array(machines).fill(MIN_PRUNE);
  }

  /** Group `id` started tasks on `machines` (a machine may repeat); `alive` says if a group runs. */
  add(id: number, machines: readonly number[], alive: (group: number) => boolean): void {
    for (let i = 0; i < machines.length; i++) {
      const m = machines[i] as number;
      const list = this.groups[m] as number[];
      // Tasks of one group on one machine are usually adjacent: one entry for them.
      if (list[list.length - 1] === id) continue;
      list.push(id);
      if (list.length >= (this.pruneAt[m] as number)) this.prune(m, alive);
    }
  }

  /** The group ids listed for m (possibly stale, possibly repeated); m's list is emptied. */
  take(m: number): number[] {
    const list = this.groups[m] as number[];
    this.groups[m] = [];
    this.pruneAt[m] = MIN_PRUNE;
    const unique: number[] = [];
    const seen = new Set<number>();
    for (const id of list)
      if (!seen.has(id)) {
        seen.add(id);
        unique.push(id);
      }
    return unique;
  }

  private prune(m: number, alive: (group: number) => boolean): void {
    const seen = new Set<number>();
    const kept = (this.groups[m] as number[]).filter((id) => {
      if (seen.has(id) || !alive(id)) return false;
      seen.add(id);
      return true;
    });
    this.groups[m] = kept;
    this.pruneAt[m] = Math.max(MIN_PRUNE, 2 * kept.length);
  }
}

/** Shortest list worth pruning. */
const MIN_PRUNE = 32;
