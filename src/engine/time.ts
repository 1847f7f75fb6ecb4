/**
 * Simulated time is an integer number of microseconds. Integers keep equal times truly equal
 * (no float drift between "100 s after 0.1 s" and "100.1 s"), and 7 days = 6.048e11 µs is far
 * inside 2^53. Convert to seconds only at the edges (config in, metrics out).
 */
export type SimTime = number;

export const US_PER_MS = 1_000;
export const US_PER_SEC = 1_000_000;
export const US_PER_MIN = 60 * US_PER_SEC;
export const US_PER_HOUR = 60 * US_PER_MIN;
export const US_PER_DAY = 24 * US_PER_HOUR;

/** Seconds → microseconds, rounded to the nearest microsecond. */
export function secToUs(seconds: number): SimTime {
  return Math.round(seconds * US_PER_SEC);
}

/** Microseconds → seconds. */
export function usToSec(us: SimTime): number {
  return us / US_PER_SEC;
}

const UNIT_US: Readonly<Record<string, number>> = {
  µs: 1,
  us: 1,
  ms: US_PER_MS,
  s: US_PER_SEC,
  m: US_PER_MIN,
  h: US_PER_HOUR,
  d: US_PER_DAY,
};

// µ written as \u00b5: the CLI's CommonJS bundle must be ASCII only (scripts/bundle-cli.ts).
const DURATION_RE = /^\s*([0-9]*\.?[0-9]+(?:e[+-]?[0-9]+)?)\s*(\u00b5s|us|ms|s|m|h|d)\s*$/i;
const BARE_NUMBER_RE = /^\s*[0-9]*\.?[0-9]+(?:e[+-]?[0-9]+)?\s*$/i;

/**
 * The longest duration accepted anywhere (horizon, sample period, trace window, generator
 * values): 10 years of simulated time (3650 days, 3.15e14 µs). Far inside 2^53 µs (≈ 285 years),
 * so sums of a few durations stay exact integers; and nothing a cell study needs comes close.
 */
export const MAX_DURATION_US = 3650 * US_PER_DAY;

/** `us` if it is within {@link MAX_DURATION_US}, else the message naming `written`. */
function withinCap(us: SimTime, written: unknown): SimTime | string {
  if (us <= MAX_DURATION_US) return us;
  const shown = typeof written === "number" ? `${written} s` : JSON.stringify(written);
  return `duration ${shown} is longer than the limit of 10 years (3650d)`;
}

/**
 * Parses a duration written as a number of seconds (`0.1`) or a string with a unit
 * (`"5ms"`, `"0.1s"`, `"7d"`; units µs|us|ms|s|m|h|d). Returns microseconds, or an error
 * message naming what is wrong (the caller adds the field path): also for values beyond
 * {@link MAX_DURATION_US}, including those that overflow to Infinity.
 */
export function parseDurationUs(value: unknown): SimTime | string {
  if (typeof value === "number") {
    if (Number.isNaN(value) || value < 0) return `expected a non-negative duration, got ${value}`;
    return withinCap(secToUs(value), value);
  }
  if (typeof value !== "string")
    return `expected a duration (number of seconds or "10s"), got ${JSON.stringify(value)}`;
  const m = DURATION_RE.exec(value);
  if (!m) return `bad duration "${value}": expected a number with a unit µs|us|ms|s|m|h|d, e.g. "0.1s"`;
  const unit = m[2] === "µs" ? "µs" : (m[2] as string).toLowerCase();
  // Infinity (`"1e400s"`) fails the cap too.
  return withinCap(Math.round(Number(m[1]) * (UNIT_US[unit] as number)), value);
}

/**
 * A duration given on the command line, where every value is a string: a bare number is
 * seconds (`--horizon 3600`), as it is in an experiment file; anything else is parsed as a
 * duration string. Returns the value to write into the experiment JSON.
 */
export function cliDurationValue(text: string): string | number {
  return BARE_NUMBER_RE.test(text) ? Number(text) : text;
}

/** Formats microseconds compactly for labels ("100ms", "1.5s", "7d"). */
export function formatDurationUs(us: SimTime): string {
  if (us % US_PER_DAY === 0 && us > 0) return `${us / US_PER_DAY}d`;
  if (us % US_PER_HOUR === 0 && us > 0) return `${us / US_PER_HOUR}h`;
  if (us >= US_PER_SEC) return `${us / US_PER_SEC}s`;
  if (us >= US_PER_MS) return `${us / US_PER_MS}ms`;
  return `${us}µs`;
}
