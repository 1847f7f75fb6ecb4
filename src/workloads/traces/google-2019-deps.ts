import type { JobSpec } from "../../cluster/job.js";
import { countReason, type ReasonCounts } from "./types.js";

/**
 * `start_after_collection_ids` → job dependencies (docs/traces.md, google-2019). A collection
 * that must wait for others becomes a framework job (`JobSpec.fw`) whose `after` lists them, so
 * the model's dependency gate holds it until they have all completed (docs/frameworks.md). The
 * jobs joined by dependencies form one application (a connected component of the graph), as a
 * Chronos pipeline run does; jobs without dependencies stay plain jobs, exactly as read.
 *
 * - A dependency on a collection that is not a submitted job of the read (it ended before the
 *   window, runs across the window start as prefill, never ran, is an alloc set, lies after the
 *   window or was dropped by a rate multiplier of 0) is ignored, counted under
 *   {@link MISSING_PARENT}: the trace shows the child ran, so what it waited for was done.
 * - The gate needs a job's parents to arrive before it in (submitUs, id) order: a child
 *   submitted before a parent is submitted with that parent (1 µs later if its id is smaller).
 *   The gate releases it only when the parent completes, so this moves no start.
 * - Dependencies on a cycle, or from a job behind one (the trace should have none), are ignored
 *   and counted.
 */

/** Framework name of the trace's dependent jobs (reports, `routeBy: "framework"`). */
export const GOOGLE_2019_FRAMEWORK = "google-2019";

/** Count key of dependencies on collections that are not submitted jobs of the read. */
export const MISSING_PARENT =
  "dependencies on collections not among the submitted jobs (ignored: the child runs without them)";
const CYCLE = "dependencies on or behind a cycle (ignored)";

/**
 * The jobs (sorted by (submitUs, id)) with their dependencies as `fw`, sorted again.
 * `startAfter`: collection ID → the IDs it starts after.
 */
export function linkDependencies(
  jobs: readonly JobSpec[],
  startAfter: ReadonlyMap<number, readonly number[]>,
  dropped: ReasonCounts,
): JobSpec[] {
  const parents = parentsByIndex(jobs, startAfter, dropped);
  if (parents.size === 0) return [...jobs];
  const order = topologicalOrder(parents, dropped);
  const submitUs = jobs.map((j) => j.submitUs);
  const id = (i: number) => (jobs[i] as JobSpec).id;
  for (const i of order)
    for (const p of parents.get(i) ?? [])
      submitUs[i] = Math.max(submitUs[i] as number, (submitUs[p] as number) + (id(i) < id(p) ? 1 : 0));
  const apps = applications(jobs, submitUs, parents);
  const endUs = new Map<number, number>();
  // Only the jobs with dependencies change (a copy each); the others are kept as they are.
  const out = [...jobs];
  for (const i of order) {
    const app = apps.get(i) as App;
    let startUs = (submitUs[i] as number) - app.submitUs;
    for (const p of parents.get(i) ?? []) startUs = Math.max(startUs, endUs.get(p) as number);
    endUs.set(i, startUs + (jobs[i] as JobSpec).durationUs);
    app.aloneUs = Math.max(app.aloneUs, endUs.get(i) as number);
  }
  for (const [i, app] of apps) {
    const after = parents.get(i)?.map(id);
    out[i] = {
      ...(jobs[i] as JobSpec),
      submitUs: submitUs[i] as number,
      fw: {
        framework: GOOGLE_2019_FRAMEWORK,
        app: app.id,
        appJobs: app.jobs,
        appSubmitUs: app.submitUs,
        aloneUs: app.aloneUs,
        ...(after === undefined ? {} : { after }),
      },
    };
  }
  return out.sort((a, b) => a.submitUs - b.submitUs || a.id - b.id);
}

/** Per job index, the indices of the jobs it starts after (only jobs with some). */
function parentsByIndex(
  jobs: readonly JobSpec[],
  startAfter: ReadonlyMap<number, readonly number[]>,
  dropped: ReasonCounts,
): Map<number, number[]> {
  const indexOf = new Map(jobs.map((j, i) => [j.id, i]));
  const parents = new Map<number, number[]>();
  jobs.forEach((job, i) => {
    const after = startAfter.get(job.id);
    if (after === undefined) return;
    const kept: number[] = [];
    for (const parentId of new Set(after)) {
      const p = indexOf.get(parentId);
      if (p === undefined || p === i) countReason(dropped, MISSING_PARENT);
      else kept.push(p);
    }
    if (kept.length > 0) parents.set(i, kept);
  });
  return parents;
}

/**
 * Indices of the jobs with dependencies (either side), parents first (Kahn's algorithm). Edges
 * between jobs left over (on or behind a cycle) are removed from `parents` and counted.
 */
function topologicalOrder(parents: Map<number, number[]>, dropped: ReasonCounts): number[] {
  const waiting = new Map<number, number>();
  const children = new Map<number, number[]>();
  for (const [child, list] of parents) {
    waiting.set(child, list.length);
    for (const p of list) {
      if (!waiting.has(p)) waiting.set(p, 0);
      const c = children.get(p);
      if (c === undefined) children.set(p, [child]);
      else c.push(child);
    }
  }
  const order = [...waiting.keys()].filter((i) => waiting.get(i) === 0).sort((a, b) => a - b);
  for (let k = 0; k < order.length; k++)
    for (const child of children.get(order[k] as number) ?? []) {
      const left = (waiting.get(child) as number) - 1;
      waiting.set(child, left);
      if (left === 0) order.push(child);
    }
  if (order.length === waiting.size) return order;
  const done = new Set(order);
  for (const [child, list] of parents) {
    if (done.has(child)) continue;
    const kept = list.filter((p) => done.has(p));
    countReason(dropped, CYCLE, list.length - kept.length);
    if (kept.length > 0) parents.set(child, kept);
    else parents.delete(child);
  }
  return topologicalOrder(parents, dropped);
}

/** An application: a connected component of the dependency graph. */
interface App {
  /** Its smallest job id (unique in the read). */
  id: number;
  jobs: number;
  /** Its first job's submit. */
  submitUs: number;
  /** Critical path from its submit, each job starting at its own submit or its parents' end. */
  aloneUs: number;
}

/** Each dependent job's application, by job index (ids and submits of `jobs`, submits clamped). */
function applications(
  jobs: readonly JobSpec[],
  submitUs: readonly number[],
  parents: ReadonlyMap<number, readonly number[]>,
): Map<number, App> {
  const root = new Int32Array(jobs.length).map((_, i) => i);
  const find = (i: number): number => {
    while (root[i] !== i) i = root[i] = root[root[i] as number] as number;
    return i;
  };
  for (const [child, list] of parents)
    for (const p of list) {
      const a = find(child);
      const b = find(p);
      if (a !== b) root[Math.max(a, b)] = Math.min(a, b);
    }
  const byRoot = new Map<number, App>();
  const apps = new Map<number, App>();
  for (const [child, list] of parents)
    for (const i of [child, ...list]) {
      if (apps.has(i)) continue;
      const r = find(i);
      let app = byRoot.get(r);
      if (app === undefined) byRoot.set(r, (app = { id: Infinity, jobs: 0, submitUs: Infinity, aloneUs: 0 }));
      app.id = Math.min(app.id, (jobs[i] as JobSpec).id);
      app.submitUs = Math.min(app.submitUs, submitUs[i] as number);
      app.jobs++;
      apps.set(i, app);
    }
  return apps;
}
