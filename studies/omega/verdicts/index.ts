/**
 * Every claim of the Omega study judged against our numbers: the judges of each study, aligned
 * with the claims listed in ../claims.ts (a test checks the counts match).
 */
import { HIGH_FIDELITY_CLAIMS, OMEGA_STUDIES } from "../claims.js";
import {
  type Judge,
  MULTI,
  multiPath,
  SHARED,
  sharedState,
  SINGLE,
  singlePath,
  TWO_LEVEL,
  twoLevel,
} from "./figs5-7.js";
import {
  FIG10,
  fig10,
  FIG14,
  fig14,
  FIG8,
  fig8,
  FIG9,
  fig9,
  HIFI_SCHEDULERS,
  hifiSchedulers,
  highFidelity,
} from "./figs8-14.js";
import type { StudyResults, Verdict } from "./points.js";

export type { Holds, StudyResults, Verdict } from "./points.js";

export const JUDGES: Readonly<Record<string, readonly Judge[]>> = {
  [SINGLE]: singlePath,
  [MULTI]: multiPath,
  [SHARED]: sharedState,
  [TWO_LEVEL]: twoLevel,
  [FIG8]: fig8,
  [FIG9]: fig9,
  [FIG10]: fig10,
  [FIG14]: fig14,
  [HIFI_SCHEDULERS]: hifiSchedulers,
};

export interface JudgedClaim {
  figures: string;
  claim: string;
  verdict: Verdict;
}

/** Every claim of every study, then the high-fidelity ones, with our value and verdict. */
export function judgeAll(all: StudyResults): JudgedClaim[] {
  const out: JudgedClaim[] = [];
  for (const study of OMEGA_STUDIES) {
    const judges = JUDGES[study.name] ?? [];
    study.claims.forEach((claim, i) => {
      const judge = judges[i];
      const verdict = judge ? judge(all) : { value: "no check written", holds: "not run" as const };
      out.push({ figures: study.figures, claim, verdict });
    });
  }
  HIGH_FIDELITY_CLAIMS.forEach((claim, i) => {
    const judge = highFidelity[i];
    out.push({
      figures: "hi-fi",
      claim,
      verdict: judge ? judge(all) : { value: "no check written", holds: "not run" },
    });
  });
  return out;
}

/** The claims as a markdown table (docs/omega-reproduction.md is written from it). */
export function claimsMarkdown(claims: readonly JudgedClaim[]): string {
  const cell = (s: string) => s.replace(/\|/g, "\\|");
  const rows = claims.map(
    (c) => `| ${c.figures} | ${cell(c.claim)} | ${cell(c.verdict.value)} | ${c.verdict.holds} |`,
  );
  return ["| fig | paper claim | our value | holds? |", "|---|---|---|---|", ...rows, ""].join("\n");
}
