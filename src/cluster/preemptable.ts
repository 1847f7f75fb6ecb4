import type { SimTime } from "../engine/time.js";
import type { ExtraAmounts } from "./resources.js";

/** What the victim index keeps of one running task group (one commit of one job). */
export interface PreemptableGroup {
  /** The job's index in the run. */
  readonly jobIndex: number;
  /** The job's priority (`jobPriority`). */
  readonly priority: number;
  /** When the group's tasks started, µs (work done since then is lost if one is evicted). */
  readonly startUs: SimTime;
  readonly cpusPerTask: number;
  readonly memGbPerTask: number;
  readonly extraPerTask: ExtraAmounts | undefined;
}

/** Tasks of one group on one machine that a preemption could evict. */
export interface Victim {
  /** The task group (the running-tasks slot). */
  readonly group: number;
  /** How many of its tasks run on the machine. */
  readonly count: number;
  /** The group's facts. */
  readonly info: PreemptableGroup;
}

/**
 * The preemption victim index (`scheduling.preemption` only): which task groups of submitted
 * jobs run on each machine, with their priority, start time and shape. The model keeps it in
 * step with task starts, ends and evictions; preempting schedulers read it to choose victims.
 * Prefill tasks are not in it: they belong to no job of the run, so nothing could re-queue them,
 * and they are never preempted. Jobs with a performance model are not in it either.
 */
export class PreemptableTasks {
  /** Per machine: task group → tasks of it on the machine (created on first use). */
  private readonly onMachine: (Map<number, number> | undefined)[];
  /** Per task group slot: its facts while it runs. */
  private readonly groups: (PreemptableGroup | undefined)[] = [];

  constructor(machines: number) {
    this.onMachine = new Array<Map<number, number> | undefined>(machines).fill(undefined);
  }

  /** Group `group` started with one task on each entry of `machines`. */
  started(group: number, info: PreemptableGroup, machines: readonly number[]): void {
    this.groups[group] = info;
    for (const m of machines) {
      let here = this.onMachine[m];
      if (here === undefined) {
        here = new Map();
        this.onMachine[m] = here;
      }
      here.set(group, (here.get(group) ?? 0) + 1);
    }
  }

  /** `count` tasks of `group` were taken off `machine`; returns the group's facts. */
  removed(group: number, machine: number, count: number): PreemptableGroup {
    const info = this.groups[group];
    const here = this.onMachine[machine];
    const n = here?.get(group) ?? 0;
    if (info === undefined || here === undefined || n < count)
      throw new Error(`task group ${group} does not run ${count} tasks on machine ${machine}`);
    if (n === count) here.delete(group);
    else here.set(group, n - count);
    return info;
  }

  /** Group `group` ended; `machines` are where its remaining tasks ran. */
  ended(group: number, machines: readonly number[]): void {
    for (const m of machines) this.onMachine[m]?.delete(group);
    this.groups[group] = undefined;
  }

  /**
   * The tasks on machine `m` of priority below `belowPriority` that started at or before
   * `startedByUs`, in eviction order: lowest priority first, then the youngest (least work
   * lost), then the lowest group slot (a deterministic tie-break).
   */
  victimsOn(m: number, belowPriority: number, startedByUs: SimTime): Victim[] {
    const here = this.onMachine[m];
    if (here === undefined || here.size === 0) return [];
    const out: Victim[] = [];
    for (const [group, count] of here) {
      const info = this.groups[group] as PreemptableGroup;
      if (info.priority < belowPriority && info.startUs <= startedByUs) out.push({ group, count, info });
    }
    out.sort(
      (a, b) => a.info.priority - b.info.priority || b.info.startUs - a.info.startUs || a.group - b.group,
    );
    return out;
  }
}
