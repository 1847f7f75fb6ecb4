import path from "node:path";
import type { Argv } from "yargs";
import { InputError } from "../../engine/errors.js";
import { targetOptions, type TargetArgs } from "../../scale-out/cli-target.js";

/**
 * `cellsim k8s <experiment> --shards N --image IMG --volume CLAIM`: writes a Kubernetes Indexed
 * Job of N shards and a merge Job (YAML) and prints the kubectl commands that run them
 * (docs/scale-out.md, Kubernetes). Nothing is applied: cellsim does not talk to a cluster.
 */

interface K8sArgs extends TargetArgs {
  image?: string;
  volume?: string;
  parallelism?: number;
  cpus: number;
  memory?: string;
  manifests: string;
}

export const command = "k8s <experiment>";
export const describe = "Write a Kubernetes Indexed Job of shards plus a merge Job (YAML)";

export function builder(y: Argv): Argv<K8sArgs> {
  return targetOptions(y)
    .option("image", {
      type: "string",
      demandOption: true,
      describe: "container image with cellsim and the experiment",
    })
    .option("volume", {
      type: "string",
      demandOption: true,
      describe: "PersistentVolumeClaim (ReadWriteMany) mounted at the output folder",
    })
    .option("parallelism", { type: "number", describe: "pods running at once (default: --shards)" })
    .option("cpus", { type: "number", default: 1, describe: "CPUs each shard requests; also its --jobs" })
    .option("memory", { type: "string", describe: "memory each pod requests and may use, e.g. 4Gi" })
    .option("manifests", { type: "string", default: "k8s", describe: "local folder to write the YAML into" })
    .example(
      "$0 k8s exp.json --shards 16 --image registry.example/cellsim:1 --volume cellsim-results --out /results/exp",
      "16 pods; results on the claim",
    ) as Argv<K8sArgs>;
}

function positiveInt(flag: string, value: number | undefined): number | undefined {
  if (value !== undefined && (!Number.isInteger(value) || value < 1))
    throw new InputError(`${flag}: expected a positive integer, got ${value}`);
  return value;
}

/** The container's output folder: absolute (the claim's mount path); default /results/<name>. */
function containerOut(out: string | undefined, name: string, quick: boolean): string {
  if (out === undefined) return path.posix.join("/results", quick ? `${name}-quick` : name);
  if (!path.posix.isAbsolute(out))
    throw new InputError(`--out: the output folder inside the container must be absolute, got "${out}"`);
  return path.posix.normalize(out);
}

export async function handler(args: K8sArgs): Promise<void> {
  const cpus = positiveInt("--cpus", args.cpus) ?? 1;
  const parallelism = positiveInt("--parallelism", args.parallelism);
  const [{ resolveTarget }, { writeK8sManifests }] = await Promise.all([
    import("../../scale-out/cli-target.js"),
    import("../../scale-out/k8s.js"),
  ]);
  // The output folder is a path in the container, so the local check applies to --manifests.
  const target = await resolveTarget({ ...args, out: args.manifests });
  const outDir = containerOut(args.out, target.name, args.quick);
  const written = await writeK8sManifests(args.manifests, {
    ...target,
    outDir,
    image: args.image ?? "",
    claim: args.volume ?? "",
    cpus,
    memory: args.memory,
    parallelism: Math.min(parallelism ?? target.shards, target.shards),
  });
  process.stderr.write(
    `cellsim: ${target.runs} runs in ${target.shards} shards; output in ${outDir} on claim ${args.volume}\n`,
  );
  process.stdout.write(`${written.commands.join("\n")}\n`);
}
