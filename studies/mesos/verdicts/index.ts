/**
 * Every claim of the Mesos study judged against our numbers, aligned with claims.ts (a test
 * checks the counts match), and the verdicts as a markdown table (claims.md).
 */
import type { Verdict } from "../../omega/verdicts/points.js";
import type { AnalyticRow } from "../analytic.js";
import { ANALYTIC, MESOS_SECTIONS } from "../claims.js";
import { DELAY, FAILOVER, MACRO } from "../experiments.js";
import { analytic } from "./analytic.js";
import { delay, failover, type Judge, macro, type StudyResults } from "./simulated.js";

export type { StudyResults } from "./simulated.js";

const JUDGES: Readonly<Record<string, readonly Judge[]>> = {
  [MACRO]: macro,
  [DELAY]: delay,
  [FAILOVER]: failover,
};

export interface JudgedClaim {
  paper: string;
  claim: string;
  verdict: Verdict;
}

/** Every claim in section order with our value and verdict. `rows`: the analytic table, if computed. */
export function judgeAll(all: StudyResults, rows: readonly AnalyticRow[] = []): JudgedClaim[] {
  const out: JudgedClaim[] = [];
  for (const section of MESOS_SECTIONS) {
    section.claims.forEach((claim, i) => {
      const verdict: Verdict =
        section.name === ANALYTIC
          ? (analytic[i]?.(rows) ?? { value: "no check written", holds: "not run" })
          : (JUDGES[section.name]?.[i]?.(all) ?? { value: "no check written", holds: "not run" });
      out.push({ paper: section.paper, claim, verdict });
    });
  }
  return out;
}

/** The claims as a markdown table: paper section, claim, our value (beside the paper's), verdict. */
export function claimsMarkdown(claims: readonly JudgedClaim[]): string {
  const cell = (s: string) => s.replace(/\|/g, "\\|");
  const rows = claims.map(
    (c) => `| ${c.paper} | ${cell(c.claim)} | ${cell(c.verdict.value)} | ${c.verdict.holds} |`,
  );
  return ["| paper | claim | our value | holds? |", "|---|---|---|---|", ...rows, ""].join("\n");
}
