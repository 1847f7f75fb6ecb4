import { InputError } from "../../engine/errors.js";
import type { JobSpec } from "../job.js";

/** What became of a framework job, as its dependants see it. */
const Status = { Live: 0, Completed: 1, Failed: 2 } as const;
type StatusId = (typeof Status)[keyof typeof Status];

/** A job held back until the jobs it comes after complete. */
interface Parked {
  readonly spec: JobSpec;
  /** Parents not completed yet. */
  waiting: number;
}

/**
 * The dependency gate of framework jobs (`fw.after`): phase barriers, stage chains and Chronos
 * dependency graphs. A job whose parents have all completed enters at once; otherwise it is
 * parked and released the instant its last parent completes. A parent that is abandoned or
 * skipped fails its dependants: they are cancelled (never submitted), and so are theirs.
 *
 * Memory follows the live applications: every id of an application is forgotten when the
 * application ends (dependencies never cross applications; the workload check makes sure).
 */
export class DependencyGate {
  private readonly status = new Map<number, StatusId>();
  private readonly parked = new Map<number, Parked>();
  /** Children of each job that has parked children, by job id. */
  private readonly children = new Map<number, number[]>();

  /**
   * A framework job arrives. Returns "enter" (all parents completed: submit it now), "parked"
   * (released later by `completed`) or "cancelled" (a parent failed).
   */
  arrived(spec: JobSpec): "enter" | "parked" | "cancelled" {
    const after = spec.fw?.after;
    let waiting = 0;
    let failed = false;
    if (after !== undefined)
      for (const parent of after) {
        const s = this.status.get(parent);
        if (s === undefined)
          throw new InputError(
            `workload job ${spec.id}: it comes after job ${parent}, which is not an earlier job of its application`,
          );
        if (s === Status.Failed) failed = true;
        else if (s === Status.Live) waiting++;
      }
    if (failed) {
      this.status.set(spec.id, Status.Failed);
      return "cancelled";
    }
    this.status.set(spec.id, Status.Live);
    if (waiting === 0) return "enter";
    this.parked.set(spec.id, { spec, waiting });
    for (const parent of after as readonly number[])
      if (this.status.get(parent) === Status.Live) {
        const list = this.children.get(parent);
        if (list === undefined) this.children.set(parent, [spec.id]);
        else list.push(spec.id);
      }
    return "parked";
  }

  /** Job `id` completed: returns its dependants released by it, in arrival order. */
  completed(id: number): JobSpec[] {
    this.status.set(id, Status.Completed);
    const released: JobSpec[] = [];
    for (const child of this.takeChildren(id)) {
      const p = this.parked.get(child);
      if (p === undefined) continue;
      if (--p.waiting === 0) {
        this.parked.delete(child);
        released.push(p.spec);
      }
    }
    return released;
  }

  /**
   * Job `id` failed (abandoned, skipped or cancelled): returns the parked jobs cancelled because
   * of it, transitively, in the order they were cancelled.
   */
  failed(id: number): JobSpec[] {
    this.status.set(id, Status.Failed);
    const cancelled: JobSpec[] = [];
    const stack = [id];
    while (stack.length > 0) {
      for (const child of this.takeChildren(stack.pop() as number)) {
        const p = this.parked.get(child);
        if (p === undefined) continue;
        this.parked.delete(child);
        this.status.set(child, Status.Failed);
        cancelled.push(p.spec);
        stack.push(child);
      }
    }
    return cancelled;
  }

  /** Forgets the ids of an ended application. */
  forget(ids: readonly number[]): void {
    for (const id of ids) {
      this.status.delete(id);
      this.children.delete(id);
    }
  }

  /** Jobs parked now (tests and the horizon's summary). */
  get parkedJobs(): number {
    return this.parked.size;
  }

  private takeChildren(id: number): number[] {
    const list = this.children.get(id);
    if (list === undefined) return [];
    this.children.delete(id);
    return list;
  }
}
