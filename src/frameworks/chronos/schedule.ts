import { DateTime, Duration } from "luxon";

/**
 * ISO 8601 repeating intervals as Chronos writes them: `R[n]/<start>/<period>`
 * (`R/2013-03-15T11:44:03Z/PT24H`: every 24 hours from that instant, forever; `R5/…`: five runs).
 * Instants without an offset are read as UTC, so a schedule means the same on every machine.
 */

/** A parsed repeating schedule. */
export interface RepeatingSchedule {
  /** Runs in all (`Rn`), or undefined for `R` (forever). */
  readonly repetitions: number | undefined;
  /** The first slot, UTC. */
  readonly start: DateTime;
  /** Time between slots (calendar units allowed: `P1M` is a calendar month). */
  readonly period: Duration;
}

const REPEAT = /^R(\d*)$/;
const EXAMPLE = `e.g. "R/2013-03-15T11:44:03Z/PT24H"`;

/** An ISO 8601 instant read as UTC (when it carries no offset), or a message. */
export function parseInstant(text: string): DateTime | string {
  const at = DateTime.fromISO(text, { zone: "utc" });
  if (at.isValid) return at;
  return `bad ISO 8601 instant "${text}": ${at.invalidExplanation ?? at.invalidReason ?? "unparseable"}`;
}

/** An ISO 8601 duration with no negative part, or a message. */
export function parseIsoDuration(text: string): Duration | string {
  const d = Duration.fromISO(text);
  if (!d.isValid) return `bad ISO 8601 duration "${text}": expected e.g. "PT24H", "P1D", "PT60S"`;
  if (Object.values(d.toObject()).some((v) => v < 0)) return `must be 0 or longer (got ${text})`;
  return d;
}

/** Parses `R[n]/<start>/<period>`; returns a message naming what is wrong. */
export function parseSchedule(text: string): RepeatingSchedule | string {
  const parts = text.split("/");
  const repeat = REPEAT.exec(parts[0] ?? "");
  if (parts.length !== 3 || repeat === null)
    return `bad ISO 8601 repeating interval "${text}": expected R[n]/<start>/<period>, ${EXAMPLE}`;
  const start = parseInstant(parts[1] as string);
  if (typeof start === "string") return `${start} (${EXAMPLE})`;
  const period = parseIsoDuration(parts[2] as string);
  if (typeof period === "string") return `period: ${period}`;
  if (!(period.toMillis() > 0)) return `period: must be longer than 0 (got ${parts[2]})`;
  const digits = repeat[1] as string;
  return { repetitions: digits === "" ? undefined : Number(digits), start, period };
}

/** True when the period has calendar units (years, quarters, months), whose length varies. */
function isCalendar(period: Duration): boolean {
  return period.years !== 0 || period.quarters !== 0 || period.months !== 0;
}

/**
 * The schedule's slots as simulated times (µs since `epoch`), in order, from the first at or after
 * the epoch to the last before `horizonUs`. Slots before the epoch happened before the simulation
 * and are not run; each `Rn` repetition counts, run or not. Calendar periods are added one at a
 * time (Jan 31 + P1M = Feb 28, + P1M = Mar 28), as Chronos moves its schedule after each slot.
 */
export function slotTimes(
  schedule: RepeatingSchedule,
  epoch: DateTime,
  horizonUs: number,
): () => number | undefined {
  const epochMs = epoch.toMillis();
  const limit = schedule.repetitions ?? Number.POSITIVE_INFINITY;
  let k = 0;
  let at = schedule.start;
  if (!isCalendar(schedule.period)) {
    // A fixed period (UTC days are 24 h): jump straight to the first slot at or after the epoch.
    const periodMs = schedule.period.toMillis();
    k = Math.max(0, Math.ceil((epochMs - schedule.start.toMillis()) / periodMs));
    at = schedule.start.plus({ milliseconds: k * periodMs });
  }
  return () => {
    for (; k < limit; k++, at = at.plus(schedule.period)) {
      const us = (at.toMillis() - epochMs) * 1000;
      if (us < 0) continue;
      if (us >= horizonUs) return undefined;
      k++;
      at = at.plus(schedule.period);
      return us;
    }
    return undefined;
  };
}
