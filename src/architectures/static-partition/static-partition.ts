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

/** Static partitions: a fraction of the machines per kind, each with its own scheduler. */
export interface StaticPartitionSpec {
  name?: string | undefined;
  decisionTime: DecisionTimes;
  /** Fraction of the machines per kind (sum ≤ 1); batch takes the first machines. */
  partitions: { batch: number; service: number };
}

/** Machines per kind's partition in a cell of `machines` (batch first, rounded, never past the end). */
export function partitionSizes(
  fractions: Record<WorkloadKind, number>,
  machines: number,
): Record<WorkloadKind, number> {
  const sizes: Record<WorkloadKind, number> = { batch: 0, service: 0 };
  let first = 0;
  for (const kind of WORKLOAD_KINDS) {
    sizes[kind] = Math.min(machines - first, Math.round(fractions[kind] * machines));
    first += sizes[kind];
  }
  return sizes;
}

/**
 * Static partitioning: the machines are split into fixed contiguous partitions, one per workload
 * kind (batch first); each partition has its own monolithic scheduler that sees only its machines.
 * A job too big for its partition stays unschedulable even when the whole cell could fit it.
 * Prefill jobs of a kind are placed in that kind's partition.
 */
export class StaticPartition implements Architecture {
  readonly schedulers: SchedulerInfo[] = [];
  private readonly byKind = new Map<WorkloadKind, QueueScheduler>();
  private readonly views = new Map<WorkloadKind, CellView>();
  private readonly byIndex: QueueScheduler[] = [];

  constructor(
    private readonly model: ArchitectureHost,
    spec: StaticPartitionSpec,
  ) {
    const sizes = partitionSizes(spec.partitions, model.cell.machines);
    let first = 0;
    for (const kind of WORKLOAD_KINDS) {
      const count = sizes[kind];
      const view = new RangeView(model.cell, first, count);
      first += count;
      const index = this.byIndex.length;
      const scheduler = new QueueScheduler(model, {
        index,
        decisionTime: spec.decisionTime,
        place: model.makePlacer(),
        rng: model.stream(`placement:partition-${kind}`),
        view,
      });
      this.schedulers.push({ name: `partition-${kind}`, workloads: [kind] });
      this.byKind.set(kind, scheduler);
      this.views.set(kind, view);
      this.byIndex.push(scheduler);
    }
  }

  submit(job: JobState): void {
    (this.byKind.get(job.spec.kind) as QueueScheduler).enqueue(job);
  }

  tasksEnded(): void {}

  schedulerDown(index: number): void {
    (this.byIndex[index] as QueueScheduler).fail();
  }

  schedulerUp(index: number): void {
    (this.byIndex[index] as QueueScheduler).recover();
  }

  prefillView(kind: WorkloadKind): CellView {
    return this.views.get(kind) as CellView;
  }

  handle(event: SimEvent): void {
    if (event.kind === EventKind.SchedulerDone) (this.byIndex[event.a] as QueueScheduler).decide(event.b);
    else if (event.kind === EventKind.JobRetry) {
      (this.byIndex[event.b] as QueueScheduler).enqueue(this.model.jobs[event.a] as JobState);
    } else throw new Error(`static-partition: unexpected event kind ${event.kind}`);
  }
}
