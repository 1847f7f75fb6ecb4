import type { Architecture, SchedulerInfo } from "../../cluster/architecture.js";
import type { CellView } from "../../cluster/cell-view.js";
import { EventKind } from "../../cluster/events.js";
import type { ArchitectureHost } from "../../cluster/host.js";
import { WORKLOAD_KINDS, type WorkloadKind } from "../../cluster/job.js";
import type { JobState } from "../../cluster/job-state.js";
import { RangeView } from "../../cluster/views.js";
import type { SimEvent } from "../../engine/event.js";
import { QueueScheduler } from "../../policies/queue-scheduler.js";
import type { DecisionTimes } from "../common.js";
import { FrameworkRoutes, routedFrameworks, type RouteBy } from "../routing.js";

/** Static partitions: a fraction of the machines per kind, each with its own scheduler. */
export interface StaticPartitionSpec {
  name?: string | undefined;
  decisionTime: DecisionTimes;
  /** Fraction of the machines per kind (sum ≤ 1); batch takes the first machines. */
  partitions: { batch: number; service: number };
  /** Kind routing (`partitions`) or one partition per workload framework (`frameworkPartitions`). */
  routeBy?: RouteBy | undefined;
  /**
   * Routing by framework: fraction of the machines per framework name (sum ≤ 1; a framework not
   * named gets none), in the workload's order of frameworks. Absent: equal shares.
   */
  frameworkPartitions?: Readonly<Record<string, number>> | undefined;
}

/** Machines per partition in a cell of `machines`: in order, rounded, never past the end. */
export function partitionSizesOf(fractions: readonly number[], machines: number): number[] {
  let first = 0;
  return fractions.map((fraction) => {
    const size = Math.min(machines - first, Math.round(fraction * machines));
    first += size;
    return size;
  });
}

/** Machines per kind's partition in a cell of `machines` (batch first, rounded, never past the end). */
export function partitionSizes(
  fractions: Record<WorkloadKind, number>,
  machines: number,
): Record<WorkloadKind, number> {
  const [batch, service] = partitionSizesOf(
    WORKLOAD_KINDS.map((kind) => fractions[kind]),
    machines,
  ) as [number, number];
  return { batch, service };
}

/**
 * The partitions by framework (`routeBy: "framework"`): the fractions given, in the workload's
 * order of frameworks, or equal shares of the whole cell when none are given.
 */
export function frameworkFractions(
  names: readonly string[],
  given: Readonly<Record<string, number>> | undefined,
): number[] {
  return names.map((name) => (given === undefined ? 1 / names.length : (given[name] ?? 0)));
}

/**
 * Static partitioning: the machines are split into fixed contiguous partitions, one per workload
 * kind (batch first) or, with `routeBy: "framework"`, one per framework of the workload (in its
 * order); each partition has its own monolithic scheduler that sees only its machines.
 * A job too big for its partition stays unschedulable even when the whole cell could fit it.
 * Prefill jobs of a kind are placed in that kind's partition.
 */
export class StaticPartition implements Architecture {
  readonly schedulers: SchedulerInfo[] = [];
  private readonly views = new Map<WorkloadKind, CellView>();
  private readonly byIndex: QueueScheduler[] = [];
  /** Set when routing by framework: one partition per framework of the workload. */
  private readonly routes: FrameworkRoutes | undefined;

  constructor(
    private readonly model: ArchitectureHost,
    spec: StaticPartitionSpec,
  ) {
    const byFramework = spec.routeBy === "framework";
    const names = byFramework ? routedFrameworks(model.frameworks, "static-partition") : WORKLOAD_KINDS;
    const fractions = byFramework
      ? frameworkFractions(names, spec.frameworkPartitions)
      : WORKLOAD_KINDS.map((kind) => spec.partitions[kind]);
    const sizes = partitionSizesOf(fractions, model.cell.machines);
    let first = 0;
    names.forEach((name, index) => {
      const count = sizes[index] as number;
      const view = new RangeView(model.cell, first, count);
      first += count;
      const scheduler = new QueueScheduler(model, {
        index,
        decisionTime: spec.decisionTime,
        place: model.makePlacer(),
        rng: model.stream(`placement:partition-${name}`),
        view,
      });
      this.schedulers.push({
        name: `partition-${name}`,
        workloads: byFramework ? [...WORKLOAD_KINDS] : [name as WorkloadKind],
      });
      if (!byFramework) this.views.set(name as WorkloadKind, view);
      this.byIndex.push(scheduler);
    });
    this.routes = byFramework ? new FrameworkRoutes(names) : undefined;
  }

  submit(job: JobState): void {
    const index =
      this.routes === undefined ? WORKLOAD_KINDS.indexOf(job.spec.kind) : this.routes.schedulerOf(job);
    (this.byIndex[index] as QueueScheduler).enqueue(job);
  }

  tasksEnded(): void {}

  schedulerDown(index: number): void {
    (this.byIndex[index] as QueueScheduler).fail();
  }

  schedulerUp(index: number): void {
    (this.byIndex[index] as QueueScheduler).recover();
  }

  /** Prefill of a kind goes to the kind's partition (routing by framework: the whole cell). */
  prefillView(kind: WorkloadKind): CellView {
    return this.views.get(kind) ?? this.model.cell;
  }

  handle(event: SimEvent): void {
    if (event.kind === EventKind.SchedulerDone) (this.byIndex[event.a] as QueueScheduler).decide(event.b);
    else if (event.kind === EventKind.JobRetry) {
      (this.byIndex[event.b] as QueueScheduler).enqueue(this.model.jobs[event.a] as JobState);
    } else throw new Error(`static-partition: unexpected event kind ${event.kind}`);
  }
}
