import { execFileSync } from "node:child_process";
import { existsSync, readFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";

/**
 * Docs, code comments, experiment files and committed reports must not cite documents that live
 * outside this repository: a reader of the repository cannot open them. The facts belong in
 * docs/ with the paper as their source (docs/design.md, inside the repository, is fine to cite).
 * This walks every tracked (and not yet tracked, not ignored) file and lists each citation.
 */

const ROOT = fileURLToPath(new URL("../..", import.meta.url));
/** This file names the patterns it looks for, so it is the one file not checked. */
const SELF = "test/hygiene/no-outside-citations.test.ts";

const OUTSIDE_CITATIONS: readonly RegExp[] = [
  /\.\.\/shared\b/,
  /\b(?:REFERENCE|DESIGN)(?:\.md)?\s*§/,
  /\b(?:REFERENCE|DESIGN|STYLE)\.md\b/,
  /\bthe brief\b/i,
];

/** Binary files among the tracked ones (gzipped trace samples); anything with a NUL byte is skipped too. */
const BINARY_EXTENSIONS = new Set([".gz", ".png", ".jpg", ".ico", ".woff", ".woff2"]);

interface Citation {
  /** 1-based line number. */
  line: number;
  text: string;
}

/** Every line of `text` that cites a document outside the repository. */
function findOutsideCitations(text: string): Citation[] {
  const found: Citation[] = [];
  text.split("\n").forEach((lineText, i) => {
    if (OUTSIDE_CITATIONS.some((re) => re.test(lineText))) found.push({ line: i + 1, text: lineText.trim() });
  });
  return found;
}

function repoFiles(): string[] {
  const out = execFileSync("git", ["ls-files", "-z", "--cached", "--others", "--exclude-standard"], {
    cwd: ROOT,
    encoding: "utf8",
    maxBuffer: 64 * 1024 * 1024,
  });
  const files = out.split("\0").filter((f) => f !== "" && f !== SELF);
  return [...new Set(files)].filter((f) => !BINARY_EXTENSIONS.has(path.extname(f)));
}

/** The text of a repository file, or undefined if it is gone (deleted, not yet staged) or binary. */
function readText(file: string): string | undefined {
  const abs = path.join(ROOT, file);
  if (!existsSync(abs)) return undefined;
  const bytes = readFileSync(abs);
  return bytes.includes(0) ? undefined : bytes.toString("utf8");
}

describe("no citations of documents outside the repository", () => {
  it("the matcher finds each pattern and leaves in-repository references alone", () => {
    const positives = [
      "see ../shared/REFERENCE.md",
      "its figures (REFERENCE §1.2)",
      "the native CSV (DESIGN §5)",
      "see REFERENCE.md §1.4",
      "the experiment file (DESIGN.md)",
      "(STYLE.md point 9)",
      "As the brief says, we prefer the figure.",
    ];
    for (const p of positives) expect(findOutsideCitations(p), p).toHaveLength(1);
    const negatives = [
      "see docs/design.md and docs/presets.md",
      "Omega paper (Schwarzkopf et al., EuroSys 2013) §4",
      "Describes a JSON value briefly",
      "const brief = (r) => r.jobs;",
      'const SHARED = "/work/shared/traces/google-2011";',
      "REFERENCE_VIEW = true",
    ];
    for (const n of negatives) expect(findOutsideCitations(n), n).toEqual([]);
    expect(findOutsideCitations("line one\nline two cites DESIGN §7\n")).toEqual([
      { line: 2, text: "line two cites DESIGN §7" },
    ]);
  });

  it("no tracked file cites one", () => {
    const files = repoFiles();
    expect(files).toContain("README.md");
    const problems: string[] = [];
    for (const file of files) {
      const text = readText(file);
      if (text === undefined) continue;
      for (const c of findOutsideCitations(text)) problems.push(`${file}:${c.line}: ${c.text.slice(0, 160)}`);
    }
    expect(problems, `cite the paper or a file under docs/ instead:\n${problems.join("\n")}`).toEqual([]);
  });
});
