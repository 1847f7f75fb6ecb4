import { stringify } from "yaml";

/**
 * The Kubernetes Jobs of `cellsim k8s` (docs/scale-out.md, Kubernetes), as plain objects of the
 * batch/v1 API:
 *
 * 1. The shards: an Indexed Job (`completionMode: Indexed`) of N completions. Kubernetes gives
 *    each pod its index in JOB_COMPLETION_INDEX, which `cellsim run --shard auto --shards N`
 *    reads. A container that fails restarts in place (`restartPolicy: OnFailure`) and resumes
 *    the runs it had finished.
 * 2. The merge: an ordinary Job running `cellsim merge` once the shards are complete. Kubernetes
 *    has no dependency between Jobs, so it is applied after `kubectl wait` on the first.
 *
 * Both mount one PersistentVolumeClaim at the output folder: shards on several nodes need a
 * ReadWriteMany volume (NFS, CephFS, a cloud file store).
 */

/** What the manifests are made of. */
export interface K8sOptions {
  /** Job name prefix: a DNS label (see {@link jobBaseName}). */
  baseName: string;
  /** The experiment file, as the container sees it (relative to its working folder, or absolute). */
  experiment: string;
  /** Output folder inside the container: the claim is mounted here. */
  outDir: string;
  shards: number;
  /** Pods running at once (default: all shards). */
  parallelism: number;
  image: string;
  /** Name of the PersistentVolumeClaim holding the output folder. */
  claim: string;
  /** CPUs each shard requests: also its worker threads (`--jobs`). */
  cpus: number;
  /** Memory each pod requests and is limited to (e.g. 4Gi); omitted: the namespace's default. */
  memory?: string | undefined;
  /** `run` flags that change the plan (`--quick`, `--seeds`, …). */
  runFlags: string[];
}

/** A Job name from an experiment name: lowercase letters, digits and dashes, short enough that
 * `<name>-shards-<index>` stays a valid 63-character pod host name. */
export function jobBaseName(experimentName: string): string {
  const slug = experimentName
    .toLowerCase()
    .replace(/[^a-z0-9-]+/g, "-")
    .slice(0, 40)
    .replace(/^-+|-+$/g, "");
  return `cellsim-${slug || "sweep"}`;
}

const VOLUME = "results";

/** The pod template both Jobs share, running `cellsim <args>`. */
function podTemplate(o: K8sOptions, container: string, args: string[], cpus: number) {
  const resources = {
    requests: { cpu: String(cpus), ...(o.memory !== undefined ? { memory: o.memory } : {}) },
    ...(o.memory !== undefined ? { limits: { memory: o.memory } } : {}),
  };
  return {
    metadata: { labels: labels(o) },
    spec: {
      restartPolicy: "OnFailure",
      containers: [
        {
          name: container,
          image: o.image,
          command: ["cellsim"],
          args,
          resources,
          volumeMounts: [{ name: VOLUME, mountPath: o.outDir }],
        },
      ],
      volumes: [{ name: VOLUME, persistentVolumeClaim: { claimName: o.claim } }],
    },
  };
}

function labels(o: K8sOptions): Record<string, string> {
  return { "app.kubernetes.io/name": "cellsim", "app.kubernetes.io/instance": o.baseName };
}

/** The Indexed Job of N shards. */
export function shardsJob(o: K8sOptions) {
  const args = ["run", o.experiment, "--shard", "auto", "--shards", String(o.shards)];
  return {
    apiVersion: "batch/v1",
    kind: "Job",
    metadata: { name: `${o.baseName}-shards`, labels: labels(o) },
    spec: {
      completionMode: "Indexed",
      completions: o.shards,
      parallelism: o.parallelism,
      template: podTemplate(
        o,
        "shard",
        [...args, "--out", o.outDir, ...o.runFlags, "--jobs", String(o.cpus)],
        o.cpus,
      ),
    },
  };
}

/** The Job that merges the shards' folder into itself (results, tables, report). */
export function mergeJob(o: K8sOptions) {
  return {
    apiVersion: "batch/v1",
    kind: "Job",
    metadata: { name: `${o.baseName}-merge`, labels: labels(o) },
    spec: {
      completions: 1,
      backoffLimit: 2,
      template: podTemplate(o, "merge", ["merge", o.outDir, "--out", o.outDir], 1),
    },
  };
}

/** A manifest as YAML text (a comment line saying where it came from, then the document). */
export function manifestYaml(what: string, manifest: object): string {
  return `# ${what} — written by \`cellsim k8s\` (docs/scale-out.md).\n${stringify(manifest, { lineWidth: 0 })}`;
}
