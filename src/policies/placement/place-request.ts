import type { TaskRequest } from "./types.js";

/**
 * Enforces a request's `gang` flag after its placer ran: when not every task found room, nothing
 * is placed (a gang starts whole or not at all). Every scheduler calls it right after placing
 * (a separate call rather than a wrapper around the placer, which keeps the placer inlined into
 * the scheduler's decision on the hot path).
 */
export function enforceGang(request: TaskRequest, out: number[]): void {
  if (request.gang === true && out.length < request.tasks) out.length = 0;
}
