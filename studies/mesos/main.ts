/**
 * `npm run reproduce:mesos [-- --quick] [-- --jobs N] [-- --out DIR]`: the Mesos study in one
 * command (reproduce.ts). The study lives outside the library, so this is its own entry point
 * rather than a cellsim command; it exits like cellsim does (2 on bad input, 1 on a bug).
 */
import yargs from "yargs";
import { hideBin } from "yargs/helpers";
import { parseJobs } from "../../src/cli/options.js";
import { InputError } from "../../src/engine/errors.js";
import { reproduceMesos } from "./reproduce.js";

async function main(): Promise<number> {
  try {
    const args = await yargs(hideBin(process.argv))
      .scriptName("reproduce-mesos")
      .option("quick", { type: "boolean", default: false, describe: "CI-sized run (reports/mesos-quick/)" })
      .option("jobs", { type: "number", describe: "parallel runs (default: CPU count)" })
      .option("out", { type: "string", describe: "output root (default reports/mesos[-quick]/)" })
      .strict()
      // Usage errors exit 2 like cellsim's, instead of yargs' default exit 1.
      .fail((msg, err) => {
        throw err ?? new InputError(msg);
      })
      .help()
      .parseAsync();
    const report = await reproduceMesos({ quick: args.quick, jobs: parseJobs(args.jobs), out: args.out });
    process.stdout.write(`${report}\n`);
    return 0;
  } catch (e) {
    const err = e instanceof Error ? e : new Error(String(e));
    const stack = e instanceof InputError ? "" : `\n${err.stack ?? ""}`;
    process.stderr.write(`reproduce-mesos: ${err.message}${stack}\n`);
    return e instanceof InputError ? 2 : 1;
  }
}

process.exitCode = await main();
