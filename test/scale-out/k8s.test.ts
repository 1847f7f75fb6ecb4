import { existsSync } from "node:fs";
import { mkdtemp, readFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { Job } from "kubernetes-models/batch/v1";
import { beforeAll, describe, expect, it } from "vitest";
import { parse } from "yaml";
import { jobBaseName, mergeJob, shardsJob, type K8sOptions } from "../../src/scale-out/k8s-manifest.js";
import { CLI_MAIN } from "../helpers/cli.js";
import { requireDist } from "../helpers/dist.js";
import { cellsimEnv, writeTinySweep } from "./helpers.js";

/**
 * `cellsim k8s`: the manifests against the Kubernetes API schema, offline. There is no cluster
 * here, so the schema is all they are checked against: kubernetes-models 5.1.0 validates with
 * JSON-schema validators generated from the Kubernetes OpenAPI spec (v1.36 per its changelog).
 * That schema checks types, required fields and enums but lets unknown fields through, so the
 * fields that matter are also read at their exact paths.
 */

const OPTIONS: K8sOptions = {
  baseName: "cellsim-tiny",
  experiment: "tiny.json",
  outDir: "/results/tiny",
  shards: 4,
  parallelism: 2,
  image: "registry.example/cellsim:1",
  claim: "cellsim-results",
  cpus: 2,
  memory: "2Gi",
  runFlags: ["--quick"],
};

/** Validates `manifest` as a batch/v1 Job; returns the validator's message, or "" if valid. */
function schemaErrors(manifest: object): string {
  try {
    new Job(manifest as ConstructorParameters<typeof Job>[0]).validate();
    return "";
  } catch (e) {
    return (e as Error).message;
  }
}

describe("Kubernetes manifests", () => {
  it("the shards: an Indexed Job of N completions, each pod `run --shard auto --shards N`", () => {
    const job = shardsJob(OPTIONS);
    expect(schemaErrors(job)).toBe("");
    expect(job.spec).toMatchObject({ completionMode: "Indexed", completions: 4, parallelism: 2 });
    const pod = job.spec.template.spec;
    const [container] = pod.containers;
    expect(container?.args).toEqual(
      ["run", "tiny.json", "--shard", "auto", "--shards", "4", "--out", "/results/tiny"].concat([
        "--quick",
        "--jobs",
        "2",
      ]),
    );
    expect(container?.volumeMounts).toEqual([{ name: "results", mountPath: "/results/tiny" }]);
    expect(pod.volumes).toEqual([
      { name: "results", persistentVolumeClaim: { claimName: "cellsim-results" } },
    ]);
    expect(container?.resources).toEqual({
      requests: { cpu: "2", memory: "2Gi" },
      limits: { memory: "2Gi" },
    });
  });

  it("the merge: one pod merging the claim's folder into itself", () => {
    const job = mergeJob(OPTIONS);
    expect(schemaErrors(job)).toBe("");
    expect(job.spec.completions).toBe(1);
    expect(job.spec.template.spec.containers[0]?.args).toEqual([
      "merge",
      "/results/tiny",
      "--out",
      "/results/tiny",
    ]);
  });

  it("the schema check can fail: a wrong enum, a wrong type, a missing container name", () => {
    const job = shardsJob(OPTIONS);
    expect(schemaErrors({ ...job, spec: { ...job.spec, completionMode: "indexed" } })).toMatch(
      /completionMode/,
    );
    expect(schemaErrors({ ...job, spec: { ...job.spec, completions: "4" } })).toMatch(
      /completions must be integer/,
    );
    const nameless = { ...job.spec.template.spec.containers[0], name: undefined };
    const spec = { ...job.spec.template.spec, containers: [nameless] };
    expect(schemaErrors({ ...job, spec: { ...job.spec, template: { spec } } })).toMatch(/name/);
  });

  it("job names are DNS labels that leave room for the pod index", () => {
    expect(jobBaseName("Omega 4.2: Fig_5a")).toBe("cellsim-omega-4-2-fig-5a");
    expect(jobBaseName("x".repeat(80)).length).toBeLessThanOrEqual(48);
    expect(jobBaseName("___")).toBe("cellsim-sweep");
  });
});

describe("cellsim k8s (built CLI)", () => {
  let dir = "";
  beforeAll(async () => {
    requireDist(CLI_MAIN);
    dir = await mkdtemp(path.join(tmpdir(), "cellsim-k8s-"));
    await writeTinySweep(dir);
  });

  const base = ["k8s", "tiny.json", "--shards", "4", "--image", "img:1", "--volume", "claim"];

  it("writes both manifests (valid batch/v1 Jobs) and prints the kubectl commands", async () => {
    const r = await cellsimEnv([...base, "--manifests", "m"], dir);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toBe(
      "kubectl apply -f m/cellsim-tiny-shards.yaml\n" +
        "kubectl wait --for=condition=complete --timeout=168h job/cellsim-tiny-shards\n" +
        "kubectl apply -f m/cellsim-tiny-merge.yaml\n",
    );
    const shards = parse(await readFile(path.join(dir, "m/cellsim-tiny-shards.yaml"), "utf8")) as object;
    const merge = parse(await readFile(path.join(dir, "m/cellsim-tiny-merge.yaml"), "utf8")) as object;
    expect(schemaErrors(shards)).toBe("");
    expect(schemaErrors(merge)).toBe("");
    expect(shards).toMatchObject({ spec: { completionMode: "Indexed", completions: 4, parallelism: 4 } });
  });

  it.each([
    [["--out", "rel/out"], '--out: the output folder inside the container must be absolute, got "rel/out"'],
    [["--parallelism", "0"], "--parallelism: expected a positive integer, got 0"],
    [["--cpus", "0"], "--cpus: expected a positive integer, got 0"],
  ])("bad input %j: one message, exit 2, nothing written", async (flags, message) => {
    const r = await cellsimEnv([...base, ...flags, "--manifests", "bad"], dir);
    expect(r.code).toBe(2);
    expect(r.stderr).toBe(`cellsim: ${message}\n`);
    expect(existsSync(path.join(dir, "bad"))).toBe(false);
  });

  it("--image and --volume are required", async () => {
    const r = await cellsimEnv(["k8s", "tiny.json", "--shards", "2"], dir);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain("Missing required arguments: image, volume");
  });
});
