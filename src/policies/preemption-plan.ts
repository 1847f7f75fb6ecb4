import { FIT_EPSILON, type CellView } from "../cluster/cell-view.js";
import type { PreemptionEntry } from "../cluster/preempt-commit.js";
import type { PreemptableTasks, Victim } from "../cluster/preemptable.js";
import type { SimTime } from "../engine/time.js";
import type { TaskRequest } from "./placement/types.js";

/** One machine's state while planning: its room and how far down its victim list the plan went. */
interface MachinePlan {
  readonly machine: number;
  readonly victims: Victim[];
  /** Room left for the preempting job's tasks (view's free room, victims taken, tasks planned). */
  cpus: number;
  memGb: number;
  extra: Float64Array | undefined;
  /** Next victim entry and tasks of it already taken. */
  next: number;
  takenOfNext: number;
  /** Cost of placing one more task here: highest priority evicted and tasks evicted (cached). */
  costPriority: number;
  costTasks: number;
}

/** What {@link planPreemption} needs besides the view and the request. */
export interface PreemptionQuery {
  /** The preempting job's priority: only tasks of strictly lower priority are victims. */
  priority: number;
  /** Machines the placement already chose for this attempt (one entry per task). */
  placed: readonly number[];
  /** Only tasks started at or before this time are victims (an optimistic scheduler's snapshot time). */
  startedByUs: SimTime;
}

/**
 * Plans where the tasks a placement left unplaced go by evicting running tasks of strictly lower
 * priority (Borg and Omega style). One task at a time:
 *
 * 1. On each candidate machine of the view with possible victims, the victims are taken in
 *    eviction order (lowest priority first, then the youngest, then the lowest group slot) until
 *    the task fits in the machine's room as the view sees it, plus what the victims free, minus
 *    the tasks of this attempt already placed or planned there. The machine's cost is the pair
 *    (highest priority evicted, tasks evicted); a machine where even every victim is not enough
 *    is out.
 * 2. The task goes to the machine of least cost: lowest "highest priority evicted" first, then
 *    fewest tasks evicted, then the lowest machine index.
 * 3. Stop when every task is planned or no machine can take one more.
 *
 * The plan changes nothing: the caller commits it (`commitPreemption`).
 */
export function planPreemption(
  view: CellView,
  tasks: PreemptableTasks,
  request: TaskRequest,
  query: PreemptionQuery,
): PreemptionEntry[] {
  const want = request.tasks - query.placed.length;
  if (want <= 0) return [];
  const placedOn = new Map<number, number>();
  for (const m of query.placed) placedOn.set(m, (placedOn.get(m) ?? 0) + 1);
  const need = request.extraPerTask;
  const machines: MachinePlan[] = [];
  for (let i = 0; i < view.candidates; i++) {
    const m = view.candidate(i);
    const victims = tasks.victimsOn(m, query.priority, query.startedByUs);
    if (victims.length === 0) continue;
    const k = placedOn.get(m) ?? 0;
    let extra: Float64Array | undefined;
    if (need !== undefined) {
      extra = new Float64Array(need.length);
      for (let d = 0; d < need.length; d++) extra[d] = view.freeExtra(m, d) - k * (need[d] as number);
    }
    const plan: MachinePlan = {
      machine: m,
      victims,
      cpus: view.freeCpus(m) - k * request.cpusPerTask,
      memGb: view.freeMemGb(m) - k * request.memGbPerTask,
      extra,
      next: 0,
      takenOfNext: 0,
      costPriority: 0,
      costTasks: 0,
    };
    cost(plan, request);
    machines.push(plan);
  }
  const out: PreemptionEntry[] = [];
  for (let t = 0; t < want; t++) {
    let best: MachinePlan | undefined;
    for (const p of machines) {
      if (p.costTasks < 0) continue;
      if (
        best === undefined ||
        p.costPriority < best.costPriority ||
        (p.costPriority === best.costPriority &&
          (p.costTasks < best.costTasks || (p.costTasks === best.costTasks && p.machine < best.machine)))
      )
        best = p;
    }
    if (best === undefined) break;
    out.push(take(best, request));
    cost(best, request);
  }
  return out;
}

/** The victims' resources added to a room (one task of victim `v`). */
function free(room: { cpus: number; memGb: number; extra: Float64Array | undefined }, v: Victim): void {
  room.cpus += v.info.cpusPerTask;
  room.memGb += v.info.memGbPerTask;
  const extra = v.info.extraPerTask;
  if (room.extra !== undefined && extra !== undefined)
    for (let d = 0; d < room.extra.length; d++) (room.extra[d] as number) += extra[d] as number;
}

/** True if one task of the request fits in the room. */
function fits(
  room: { cpus: number; memGb: number; extra: Float64Array | undefined },
  r: TaskRequest,
): boolean {
  if (r.cpusPerTask > room.cpus + FIT_EPSILON || r.memGbPerTask > room.memGb + FIT_EPSILON) return false;
  const need = r.extraPerTask;
  if (need !== undefined && room.extra !== undefined)
    for (let d = 0; d < need.length; d++)
      if ((need[d] as number) > (room.extra[d] as number) + FIT_EPSILON) return false;
  return true;
}

/** Sets the machine's cost of one more task (costTasks −1: it cannot take one). */
function cost(p: MachinePlan, r: TaskRequest): void {
  const room = { cpus: p.cpus, memGb: p.memGb, extra: p.extra?.slice() };
  let next = p.next;
  let taken = p.takenOfNext;
  let evicted = 0;
  let highest = -Infinity;
  while (!fits(room, r)) {
    const v = p.victims[next];
    if (v === undefined) {
      p.costTasks = -1;
      return;
    }
    free(room, v);
    evicted++;
    highest = Math.max(highest, v.info.priority);
    if (++taken === v.count) {
      next++;
      taken = 0;
    }
  }
  p.costPriority = highest;
  p.costTasks = evicted;
}

/** Plans one task on the machine: takes its victims (as `cost` found them) and the task's room. */
function take(p: MachinePlan, r: TaskRequest): PreemptionEntry {
  const entry: PreemptionEntry = {
    machine: p.machine,
    victims: [],
    freedCpus: 0,
    freedMemGb: 0,
    freedExtra: r.extraPerTask === undefined ? undefined : new Float64Array(r.extraPerTask.length),
  };
  const freed = { cpus: 0, memGb: 0, extra: entry.freedExtra };
  for (let i = 0; i < p.costTasks; i++) {
    const v = p.victims[p.next] as Victim;
    free(p, v);
    free(freed, v);
    const last = entry.victims[entry.victims.length - 1];
    if (last !== undefined && last.group === v.group) last.count++;
    else entry.victims.push({ group: v.group, count: 1 });
    if (++p.takenOfNext === v.count) {
      p.next++;
      p.takenOfNext = 0;
    }
  }
  entry.freedCpus = freed.cpus;
  entry.freedMemGb = freed.memGb;
  p.cpus -= r.cpusPerTask;
  p.memGb -= r.memGbPerTask;
  const need = r.extraPerTask;
  if (need !== undefined && p.extra !== undefined)
    for (let d = 0; d < need.length; d++) (p.extra[d] as number) -= need[d] as number;
  return entry;
}
