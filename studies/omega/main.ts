/**
 * `npm run reproduce:omega [-- --quick] [-- --jobs N] [-- --out DIR]`: the Omega study in one
 * command (reproduce.ts); with `-- --slurm N [--submit]`, as Slurm job arrays instead (slurm.ts). The study lives outside the library, so this is its own entry point
 * rather than a cellsim command; it exits like cellsim does (2 on bad input, 1 on a bug).
 */
import yargs from "yargs";
import { hideBin } from "yargs/helpers";
import { parseJobs } from "../../src/cli/options.js";
import { InputError } from "../../src/engine/errors.js";
import { reproduceOmega } from "./reproduce.js";
import { omegaSlurm } from "./slurm.js";

async function main(): Promise<number> {
  try {
    const args = await yargs(hideBin(process.argv))
      .scriptName("reproduce-omega")
      .option("quick", { type: "boolean", default: false, describe: "CI-sized run (reports/omega-quick/)" })
      .option("jobs", { type: "number", describe: "parallel runs (default: CPU count)" })
      .option("out", { type: "string", describe: "output root (default reports/omega[-quick]/)" })
      .option("slurm", { type: "number", describe: "write Slurm arrays of N shards per experiment instead" })
      .option("submit", { type: "boolean", default: false, describe: "with --slurm: submit them (sbatch)" })
      .strict()
      // Usage errors exit 2 like cellsim's, instead of yargs' default exit 1.
      .fail((msg, err) => {
        throw err ?? new InputError(msg);
      })
      .help()
      .parseAsync();
    if (args.slurm !== undefined) {
      const shards = args.slurm;
      if (!Number.isInteger(shards) || shards < 1)
        throw new InputError(`--slurm: expected a positive integer (shards per experiment), got ${shards}`);
      const log = (line: string) => void process.stderr.write(`${line}\n`);
      const lines = await omegaSlurm({ quick: args.quick, shards, out: args.out, submit: args.submit, log });
      process.stdout.write(`${lines.join("\n")}\n`);
      return 0;
    }
    if (args.submit) throw new InputError("--submit: only with --slurm N");
    const report = await reproduceOmega({ quick: args.quick, jobs: parseJobs(args.jobs), out: args.out });
    process.stdout.write(`${report}\n`);
    return 0;
  } catch (e) {
    const err = e instanceof Error ? e : new Error(String(e));
    const stack = e instanceof InputError ? "" : `\n${err.stack ?? ""}`;
    process.stderr.write(`reproduce-omega: ${err.message}${stack}\n`);
    return e instanceof InputError ? 2 : 1;
  }
}

process.exitCode = await main();
