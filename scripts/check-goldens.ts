/**
 * `npm run check:goldens [-- --dir DIR] [-- --golden FILE] [-- --update]`: checks that the quick
 * Omega study's results (reports/omega-quick/<experiment>/results.json, written by
 * `npm run reproduce:omega -- --quick`) are byte-identical to the committed golden hashes
 * (test/golden/omega-quick.sha256.json), so CI checks "results unchanged" instead of a person.
 * Exits 1 naming every experiment that is missing, changed or new; 2 on bad usage.
 * `--update` rewrites the golden file from the current results: only after a change of results
 * that is intended, and said so in CHANGELOG.md.
 */
import { writeFileSync } from "node:fs";
import { parseArgs } from "node:util";
import { compareGoldens, hashResults, readGoldens } from "./goldens.js";

const DEFAULT_DIR = "reports/omega-quick";
const DEFAULT_GOLDEN = "test/golden/omega-quick.sha256.json";

function run(): number {
  const { dir, golden, update } = parseArgs({
    options: {
      dir: { type: "string", default: DEFAULT_DIR },
      golden: { type: "string", default: DEFAULT_GOLDEN },
      update: { type: "boolean", default: false },
    },
  }).values;
  if (update) {
    const hashes = hashResults(dir);
    if (Object.keys(hashes).length === 0) throw new Error(`no results.json under ${dir}/*/`);
    writeFileSync(golden, `${JSON.stringify(hashes, null, 2)}\n`);
    process.stdout.write(
      `check-goldens: wrote ${Object.keys(hashes).length} hashes from ${dir} to ${golden}\n`,
    );
    return 0;
  }
  const problems = compareGoldens(readGoldens(golden), dir);
  for (const p of problems) process.stderr.write(`check-goldens: ${dir}/${p}\n`);
  if (problems.length > 0) {
    process.stderr.write(`check-goldens: ${problems.length} experiment(s) differ from ${golden}\n`);
    return 1;
  }
  process.stdout.write(`check-goldens: every results.json under ${dir} matches ${golden}\n`);
  return 0;
}

/** Bad usage, a missing or malformed golden file: one line, exit 2. */
function main(): number {
  try {
    return run();
  } catch (e) {
    process.stderr.write(`check-goldens: ${e instanceof Error ? e.message : String(e)}\n`);
    return 2;
  }
}

process.exitCode = main();
