import type { Architecture, SchedulerInfo } from "../../cluster/architecture.js";
import { EventKind } from "../../cluster/events.js";
import type { ArchitectureHost } from "../../cluster/host.js";
import type { JobState } from "../../cluster/job-state.js";
import type { SimEvent } from "../../engine/event.js";
import type { RandomStream } from "../../engine/rng.js";
import type { Place } from "../../policies/placement/types.js";
import { QueueScheduler } from "../../policies/queue-scheduler.js";
import type { DecisionTimes } from "../common.js";

/**
 * Monolithic: one scheduler, one FIFO queue for every job, serialized decisions on the live cell.
 * Single-path gives both workload kinds the same decision time; multi-path gives each kind its
 * own (the same code: decision times are per kind). A slow service decision still blocks the
 * batch jobs queued behind it (head-of-line blocking).
 */
export class Monolithic implements Architecture {
  readonly schedulers: readonly SchedulerInfo[] = [{ name: "monolithic", workloads: ["batch", "service"] }];
  private readonly scheduler: QueueScheduler;

  constructor(
    private readonly model: ArchitectureHost,
    decisionTime: DecisionTimes,
    place: Place,
    rng: RandomStream,
  ) {
    this.scheduler = new QueueScheduler(model, { index: 0, decisionTime, place, rng });
  }

  submit(job: JobState): void {
    this.scheduler.enqueue(job);
  }

  tasksEnded(): void {}

  schedulerDown(): void {
    this.scheduler.fail();
  }

  schedulerUp(): void {
    this.scheduler.recover();
  }

  handle(event: SimEvent): void {
    if (event.kind === EventKind.SchedulerDone) this.scheduler.decide(event.b);
    else if (event.kind === EventKind.JobRetry) this.scheduler.enqueue(this.model.jobs[event.a] as JobState);
    else throw new Error(`monolithic: unexpected event kind ${event.kind}`);
  }
}
