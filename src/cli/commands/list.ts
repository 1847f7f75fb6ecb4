import type { Argv } from "yargs";
import { pluginOption } from "../options.js";

/**
 * `cellsim list`: every name an experiment file can use, with a one-line description. The
 * registry and the text are imported by the handler, not at start-up (docs/design.md, Start-up).
 */

export const command = "list";
export const describe =
  "List architectures, allocation and placement policies, presets, workload sources, figure kinds and trace formats";

interface ListArgs {
  plugin?: string[];
}

export function builder(y: Argv): Argv<ListArgs> {
  return y
    .option("plugin", pluginOption)
    .example("$0 list", "what can go into an experiment file")
    .example("$0 list --plugin ./my-scheduler.js", "including a plug-in's entries") as Argv<ListArgs>;
}

export async function handler(args: ListArgs): Promise<void> {
  const [{ loadRegistry }, { listing }] = await Promise.all([
    import("../../plugins/load.js"),
    import("./list-text.js"),
  ]);
  const { registry } = await loadRegistry(args.plugin ?? []);
  process.stdout.write(`${listing(registry)}\n`);
}
