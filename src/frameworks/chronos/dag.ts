/**
 * A Chronos pipeline's dependency graph: jobs named by `name`, each run when all its `parents`
 * finished. Checks (unique names, known parents, no cycle) return one problem per field, and the
 * order in which a pipeline run's jobs are submitted is a topological one.
 */

/** What the graph needs of a job. */
export interface DagNode {
  readonly name: string;
  readonly parents: readonly string[];
}

/** A problem in the graph: the field path inside the `jobs` list and a message. */
export interface DagProblem {
  readonly path: (string | number)[];
  readonly message: string;
}

/** Duplicate names, unknown parents and cycles (the first one found, named). */
export function dagProblems(nodes: readonly DagNode[]): DagProblem[] {
  const problems: DagProblem[] = [];
  const index = new Map<string, number>();
  nodes.forEach((node, i) => {
    if (index.has(node.name))
      problems.push({ path: [i, "name"], message: `job name "${node.name}" is used twice` });
    else index.set(node.name, i);
  });
  const known = [...index.keys()].join("|");
  nodes.forEach((node, i) =>
    node.parents.forEach((parent, j) => {
      if (!index.has(parent))
        problems.push({
          path: [i, "parents", j],
          message: `unknown parent "${parent}": expected one of ${known}`,
        });
    }),
  );
  if (problems.length > 0) return problems;
  const cycle = findCycle(nodes, index);
  if (cycle !== undefined) {
    // Start at the job declared first, so the message reads the same whichever job the search began at.
    const first = cycle.indexOf(Math.min(...cycle));
    cycle.push(...cycle.splice(0, first));
    const names = cycle.map((i) => (nodes[i] as DagNode).name);
    problems.push({
      path: [cycle[0] as number, "parents"],
      message: `dependency cycle ${[...names, names[0]].join(" → ")}: a pipeline must be a DAG`,
    });
  }
  return problems;
}

/** A cycle as node indices (each the parent of the next, the last the parent of the first). */
function findCycle(nodes: readonly DagNode[], index: Map<string, number>): number[] | undefined {
  // 0 unvisited, 1 on the current path, 2 done.
  const mark = new Uint8Array(nodes.length);
  const path: number[] = [];
  const visit = (i: number): number[] | undefined => {
    mark[i] = 1;
    path.push(i);
    for (const parent of (nodes[i] as DagNode).parents) {
      const p = index.get(parent) as number;
      if (mark[p] === 1) return path.slice(path.indexOf(p)).reverse();
      if (mark[p] === 0) {
        const found = visit(p);
        if (found) return found;
      }
    }
    path.pop();
    mark[i] = 2;
    return undefined;
  };
  for (let i = 0; i < nodes.length; i++) {
    if (mark[i] !== 0) continue;
    const found = visit(i);
    if (found) return found;
  }
  return undefined;
}

/**
 * The jobs' indices in a topological order (parents first), keeping the declared order among
 * jobs that are ready together. The graph must be valid (`dagProblems` empty).
 */
export function topologicalOrder(nodes: readonly DagNode[]): number[] {
  const index = new Map(nodes.map((n, i) => [n.name, i]));
  const placed = new Uint8Array(nodes.length);
  const order: number[] = [];
  while (order.length < nodes.length) {
    const before = order.length;
    nodes.forEach((node, i) => {
      if (placed[i] === 0 && node.parents.every((p) => placed[index.get(p) as number] === 1)) {
        placed[i] = 1;
        order.push(i);
      }
    });
    if (order.length === before) throw new Error("topologicalOrder: the graph has a cycle");
  }
  return order;
}

/**
 * The longest path through the graph when job i takes `timeUs[i]` (the critical path): the
 * pipeline's makespan with unlimited room, each job starting as its last parent ends.
 */
export function criticalPathUs(nodes: readonly DagNode[], timeUs: readonly number[]): number {
  const index = new Map(nodes.map((n, i) => [n.name, i]));
  const endUs = new Float64Array(nodes.length);
  let longest = 0;
  for (const i of topologicalOrder(nodes)) {
    let startUs = 0;
    for (const p of (nodes[i] as DagNode).parents)
      startUs = Math.max(startUs, endUs[index.get(p) as number] as number);
    endUs[i] = startUs + (timeUs[i] as number);
    longest = Math.max(longest, endUs[i] as number);
  }
  return longest;
}
