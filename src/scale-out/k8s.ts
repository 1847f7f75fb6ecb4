import { mkdir } from "node:fs/promises";
import path from "node:path";
import { writeFileAtomic } from "../experiment/files.js";
import { jobBaseName, manifestYaml, mergeJob, shardsJob, type K8sOptions } from "./k8s-manifest.js";
import { shellWord } from "../experiment/rerun.js";
import type { SweepTarget } from "./sweep-target.js";

/** Writing `cellsim k8s`'s two manifests (docs/scale-out.md, Kubernetes). */

/** The files written and the kubectl commands that run them, in order. */
export interface K8sWritten {
  shards: string;
  merge: string;
  commands: string[];
}

/** Writes `<job>-shards.yaml` and `<job>-merge.yaml` into `folder` (each whole or not at all). */
export async function writeK8sManifests(
  folder: string,
  t: SweepTarget & Omit<K8sOptions, "baseName" | "experiment" | "shards" | "runFlags">,
): Promise<K8sWritten> {
  const options: K8sOptions = { ...t, baseName: jobBaseName(t.name) };
  await mkdir(folder, { recursive: true });
  const shards = path.join(folder, `${options.baseName}-shards.yaml`);
  const merge = path.join(folder, `${options.baseName}-merge.yaml`);
  await writeFileAtomic(shards, manifestYaml(`${t.shards} shards of ${t.name}`, shardsJob(options)));
  await writeFileAtomic(merge, manifestYaml(`merge of ${t.name}`, mergeJob(options)));
  const commands = [
    `kubectl apply -f ${shellWord(shards)}`,
    `kubectl wait --for=condition=complete --timeout=168h job/${options.baseName}-shards`,
    `kubectl apply -f ${shellWord(merge)}`,
  ];
  return { shards, merge, commands };
}
