import type { Architecture, SchedulerInfo } from "../../cluster/architecture.js";
import { EventKind } from "../../cluster/events.js";
import type { ArchitectureHost } from "../../cluster/host.js";
import { WORKLOAD_KINDS, type WorkloadKind } from "../../cluster/job.js";
import type { JobState } from "../../cluster/job-state.js";
import { InputError } from "../../engine/errors.js";
import type { SimEvent } from "../../engine/event.js";
import { QueueScheduler } from "../../policies/queue-scheduler.js";
import type { DecisionTimes } from "../common.js";
import type { CommitModes } from "../../cluster/commit.js";
import { FrameworkRoutes, routedFrameworks, type RouteBy } from "../routing.js";

/** Omega: N optimistic schedulers per kind on a shared cell. */
export interface SharedStateSpec extends CommitModes {
  name?: string | undefined;
  decisionTime: DecisionTimes;
  /** Schedulers per kind; jobs of a kind are dealt to them round-robin. */
  schedulers: { batch: number; service: number };
  /** Kind routing (`schedulers` per kind) or one scheduler per workload framework. */
  routeBy?: RouteBy | undefined;
}

/** The schedulers' names, by index: `omega-<kind>-<i>` (batch kinds first). */
export function sharedStateSchedulerNames(counts: Record<WorkloadKind, number>): string[] {
  return WORKLOAD_KINDS.flatMap((kind) =>
    Array.from({ length: counts[kind] }, (_, i) => `omega-${kind}-${i}`),
  );
}

/**
 * Shared state (Omega): N schedulers per workload kind, each with its own queue, working in
 * parallel on one shared cell with optimistic concurrency.
 *
 * Protocol:
 * 1. Jobs of a kind are dealt to that kind's schedulers round-robin, in arrival order.
 * 2. An attempt takes a private snapshot of the cell at its start, thinks, then places the
 *    remaining tasks on the (now stale) snapshot.
 * 3. The claims are committed to the shared cell as one transaction: conflicts are detected by
 *    resource fit (fine) or by sequence numbers (coarse); incremental transactions keep the
 *    non-conflicting claims, all-or-nothing ones keep none.
 * 4. Any conflict wastes the whole think time; the job retries by the shared rule.
 *
 * `routeBy: "framework"` makes one scheduler per framework of a `frameworks` workload
 * (`omega-<name>`) instead of schedulers per kind (docs/frameworks/architectures.md).
 */
export class SharedState implements Architecture {
  readonly schedulers: SchedulerInfo[] = [];
  private readonly byIndex: QueueScheduler[] = [];
  private readonly perKind = new Map<WorkloadKind, QueueScheduler[]>();
  private readonly dealt = new Map<WorkloadKind, number>();
  /** Set when routing by framework: one scheduler per framework of the workload. */
  private readonly routes: FrameworkRoutes | undefined;

  constructor(
    private readonly model: ArchitectureHost,
    spec: SharedStateSpec,
  ) {
    const modes = { conflictMode: spec.conflictMode, transactionMode: spec.transactionMode };
    const add = (name: string, workloads: WorkloadKind[]): QueueScheduler => {
      const scheduler = new QueueScheduler(model, {
        index: this.byIndex.length,
        decisionTime: spec.decisionTime,
        place: model.makePlacer(),
        rng: model.stream(`placement:${name}`),
        optimistic: modes,
      });
      this.schedulers.push({ name, workloads });
      this.byIndex.push(scheduler);
      return scheduler;
    };
    if (spec.routeBy === "framework") {
      const names = routedFrameworks(model.frameworks, "shared-state");
      for (const name of names) add(`omega-${name}`, [...WORKLOAD_KINDS]);
      this.routes = new FrameworkRoutes(names);
      return;
    }
    for (const kind of WORKLOAD_KINDS) {
      const mine: QueueScheduler[] = [];
      for (let i = 0; i < spec.schedulers[kind]; i++) mine.push(add(`omega-${kind}-${i}`, [kind]));
      this.perKind.set(kind, mine);
      this.dealt.set(kind, 0);
    }
  }

  submit(job: JobState): void {
    if (this.routes !== undefined) {
      (this.byIndex[this.routes.schedulerOf(job)] as QueueScheduler).enqueue(job);
      return;
    }
    const kind = job.spec.kind;
    const mine = this.perKind.get(kind) as QueueScheduler[];
    // Validation refuses this for workloads whose kinds are known; a plug-in source's are not.
    if (mine.length === 0) {
      throw new InputError(
        `architecture.schedulers.${kind}: 0 schedulers for ${kind} jobs, but the workload submitted ${kind} job ${job.spec.id}`,
      );
    }
    const n = this.dealt.get(kind) as number;
    this.dealt.set(kind, n + 1);
    (mine[n % mine.length] as QueueScheduler).enqueue(job);
  }

  tasksEnded(): void {}

  schedulerDown(index: number): void {
    (this.byIndex[index] as QueueScheduler).fail();
  }

  schedulerUp(index: number): void {
    (this.byIndex[index] as QueueScheduler).recover();
  }

  handle(event: SimEvent): void {
    if (event.kind === EventKind.SchedulerDone) (this.byIndex[event.a] as QueueScheduler).decide(event.b);
    else if (event.kind === EventKind.JobRetry) {
      (this.byIndex[event.b] as QueueScheduler).enqueue(this.model.jobs[event.a] as JobState);
    } else throw new Error(`shared-state: unexpected event kind ${event.kind}`);
  }
}
