import { spawn } from "node:child_process";
import { existsSync, mkdtempSync, rmdirSync } from "node:fs";
import { chmod, mkdir, mkdtemp, readdir, readFile, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { CLI_MAIN, cellsim } from "../helpers/cli.js";
import { requireDist } from "../helpers/dist.js";

/**
 * Bad input through the built CLI: each case is one line `cellsim: <file>: <field>: …` (or
 * naming the flag), exit code 2, no stack trace, and nothing left on disk. `validate` refuses
 * what `run` would crash on.
 */

const base = {
  name: "tiny",
  horizon: "10m",
  cluster: { machines: 20, cpus: 4, memGb: 16 },
  workload: { preset: "google-c" },
};

/** A one-kind synthetic workload with the given per-task CPUs and inter-arrival. */
function synthetic(cpusPerTask: unknown, interarrival: unknown = { exponential: { mean: "10s" } }) {
  const batch = {
    interarrival,
    tasks: { constant: 1 },
    duration: { constant: "1m" },
    cpusPerTask,
    memGbPerTask: { constant: 1 },
  };
  return { synthetic: { batch } };
}

let dir = "";

async function writeExperiment(name: string, json: unknown): Promise<string> {
  const file = `${name}.json`;
  await writeFile(path.join(dir, file), typeof json === "string" ? json : JSON.stringify(json));
  return file;
}

/** Runs `validate` and `run` on the file: both must print exactly `expected`, exit 2, write nothing. */
async function expectRefused(file: string, expected: RegExp, extra: string[] = []): Promise<string> {
  const validated = await cellsim(["validate", file, ...extra], dir);
  const out = `out-${path.basename(file, ".json")}`;
  const ran = await cellsim(["run", file, "--out", out, "--jobs", "1", ...extra], dir);
  for (const r of [validated, ran]) {
    expect(r.code, r.stderr).toBe(2);
    expect(r.stderr).toMatch(expected);
    expect(r.stderr.trimEnd().split("\n")).toHaveLength(1);
    expect(r.stderr).not.toMatch(/\n\s+at /);
  }
  expect(existsSync(path.join(dir, out))).toBe(false);
  return ran.stderr;
}

describe("bad input through the CLI", () => {
  beforeAll(async () => {
    requireDist(CLI_MAIN);
    dir = await mkdtemp(path.join(tmpdir(), "cellsim-bad-input-"));
  });

  it("durations that overflow or exceed 10 years", async () => {
    const inf = await writeExperiment("inf", { ...base, horizon: "1e400s" });
    await expectRefused(
      inf,
      /^cellsim: inf\.json: horizon: duration "1e400s" is longer than the limit of 10 years \(3650d\)\n$/,
    );
    const huge = await writeExperiment("huge", { ...base, horizon: 1e300 });
    await expectRefused(huge, /^cellsim: huge\.json: horizon: duration 1e\+300 s is longer than the limit/);
    const year11 = await writeExperiment("y11", { ...base, horizon: "4000d" });
    await expectRefused(year11, /^cellsim: y11\.json: horizon: duration "4000d" is longer/);
    const ok = await writeExperiment("ok", base);
    await expectRefused(ok, /^cellsim: --horizon: duration "1e400s" is longer/, ["--horizon", "1e400s"]);
  });

  it("a resource the cell does not declare names the workload field", async () => {
    const workload = synthetic({ constant: 1 });
    const batch = { ...workload.synthetic.batch, resources: { ssdGb: { constant: 10 } } };
    const undeclared = await writeExperiment("ssd", { ...base, workload: { synthetic: { batch } } });
    await expectRefused(
      undeclared,
      /^cellsim: ssd\.json: workload\.synthetic\.batch\.resources\.ssdGb: "ssdGb" is not a resource of the cell \(declare it in cluster\.resources; the cell has none\)\n$/,
    );
    const builtIn = await writeExperiment("cpus", {
      ...base,
      cluster: { ...base.cluster, resources: { cpus: 2 } },
    });
    await expectRefused(
      builtIn,
      /^cellsim: cpus\.json: cluster\.resources\.cpus: cpus and memGb are built in/,
    );
  });

  it("bad failures blocks: zero MTBF, a domain larger than the cell, a negative restart delay", async () => {
    const repair = { constant: "1h" };
    const cases: [string, unknown, RegExp][] = [
      [
        "mtbf",
        { machines: { timeToFailure: { exponential: { mean: 0 } }, timeToRepair: repair } },
        /^cellsim: mtbf\.json: failures\.machines\.timeToFailure: the mean time to failure must be longer than 0 s \(got 0 s\)\n$/,
      ],
      [
        "domain",
        { domains: { size: 21, timeToFailure: { constant: "1d" }, timeToRepair: repair } },
        /^cellsim: domain\.json: failures\.domains\.size: a failure domain of 21 machines is larger than the cell \(20 machines\)\n$/,
      ],
      [
        "delay",
        {
          machines: { timeToFailure: { constant: "1d" }, timeToRepair: repair },
          lostWork: { service: { restartDelay: -5 } },
        },
        /^cellsim: delay\.json: failures\.lostWork\.service\.restartDelay: expected a non-negative duration, got -5\n$/,
      ],
    ];
    for (const [name, failures, expected] of cases)
      await expectRefused(await writeExperiment(name, { ...base, failures }), expected);
  });

  it("scheduler failover: a negative downtime and an unknown scheduler name the field", async () => {
    const failing = (entry: Record<string, unknown>) => ({ ...base, failures: { schedulers: [entry] } });
    const negative = await writeExperiment(
      "down",
      failing({ scheduler: "monolithic", at: ["1m"], downtime: -5 }),
    );
    await expectRefused(
      negative,
      /^cellsim: down\.json: failures\.schedulers\[0\]\.downtime: expected a non-negative duration, got -5\n$/,
    );
    const unknown = await writeExperiment(
      "master",
      failing({ scheduler: "master", at: ["1m"], downtime: { uniform: { min: "4s", max: "8s" } } }),
    );
    await expectRefused(
      unknown,
      /^cellsim: master\.json: failures\.schedulers\[0\]\.scheduler: unknown scheduler "master" of architecture monolithic: expected one of monolithic\n$/,
    );
    // Swept architectures: the message names the sweep point whose schedulers lack the name.
    const swept = await writeExperiment("swept", {
      ...failing({ scheduler: "mesos-batch-0", at: ["1m"], downtime: "5s" }),
      architecture: { type: "two-level" },
      sweep: { "architecture.type": ["two-level", "shared-state"] },
    });
    await expectRefused(
      swept,
      /^cellsim: swept\.json: failures\.schedulers\[0\]\.scheduler: unknown scheduler "mesos-batch-0" of architecture shared-state: expected one of omega-batch-0\|omega-service-0 \(architecture\.type="shared-state"\)\n$/,
    );
  });

  it("preemption under an architecture that declines it names scheduling.preemption", async () => {
    const json = { ...base, architecture: { type: "two-level" }, scheduling: { preemption: true } };
    const file = await writeExperiment("preempt", json);
    await expectRefused(
      file,
      /^cellsim: preempt\.json: scheduling\.preemption: preemption is not supported by the two-level architecture: .*\n$/,
    );
  });

  it("a figure axis that is not swept names figures[i].x", async () => {
    const sweep = { "architecture.decisionTime.*.perJob": ["0.1s", "1s"] };
    const figures = [
      "utilization-over-time",
      { kind: "wait-vs-decision-time", x: "workload.rateMultiplier" },
    ];
    const file = await writeExperiment("axis", { ...base, sweep, figures });
    await expectRefused(
      file,
      /^cellsim: axis\.json: figures\[1\]\.x: figure wait-vs-decision-time: "workload\.rateMultiplier" is not swept; the experiment sweeps architecture\.decisionTime\.\*\.perJob\n$/,
    );
  });

  it("runs over the event or memory budget name the field and the numbers", async () => {
    const cases: [string, Record<string, unknown>, string][] = [
      ["machines", { ...base, cluster: { machines: 1e9, cpus: 4, memGb: 16 } }, "cluster.machines"],
      ["period", { ...base, horizon: "1d", metrics: { samplePeriod: "1us" } }, "metrics.samplePeriod"],
      [
        "arrivals",
        { ...base, workload: synthetic({ constant: 1 }, { constant: "1us" }) },
        "workload.synthetic.batch.interarrival",
      ],
      ["rate", { ...base, workload: { preset: "google-c", rateMultiplier: 1e9 } }, "workload.rateMultiplier"],
    ];
    for (const [name, json, field] of cases) {
      const file = await writeExperiment(name, json);
      const message = await expectRefused(
        file,
        new RegExp(
          `^cellsim: ${name}\\.json: ${field.replace(/\./g, "\\.")}: run 000-s1 would simulate ~\\S+ events and need ~[\\d.]+ [KMGTP]?B of memory; `,
        ),
      );
      expect(message).toMatch(
        /the limits are 1e9 events per run and this machine's [\d.]+ [GT]B; pass --ignore-budget to run anyway\n$/,
      );
    }
  });

  it("--ignore-budget lets an over-budget experiment through validate", async () => {
    const file = await writeExperiment("period2", {
      ...base,
      horizon: "1d",
      metrics: { samplePeriod: "1us" },
    });
    const r = await cellsim(["validate", file, "--ignore-budget"], dir);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain("is valid: 1 runs");
  });

  it("an astronomically large sweep is refused before it is expanded", async () => {
    const sweep = Object.fromEntries(
      Array.from({ length: 10 }, (_, i) => [`retry.k${i}`, Array.from({ length: 100 }, (_, v) => v)]),
    );
    const file = await writeExperiment("sweep", { ...base, sweep });
    await expectRefused(
      file,
      /^cellsim: sweep\.json: sweep: 10 keys of 100 × 100 × .* values expand to 1e20 points; the limit is 10000 per experiment/,
    );
  });

  it("sweep keys reaching the prototype are refused, naming the key", async () => {
    for (const [name, key] of [
      ["proto", "__proto__.x"],
      ["ctor", "architecture.constructor.prototype"],
      ["prot", "cluster.prototype"],
    ] as const) {
      const file = await writeExperiment(name, { ...base, sweep: { [key]: [1] } });
      const escaped = key.replace(/\./g, "\\.");
      await expectRefused(
        file,
        new RegExp(
          `^cellsim: ${name}\\.json: sweep\\["${escaped}"\\]: "(__proto__|constructor|prototype)" is not a field name`,
        ),
      );
    }
  });

  it("JSON syntax errors give line and column", async () => {
    const file = await writeExperiment("syntax", '{\n  "name": "t",\n  "horizon": "1h" x\n}\n');
    await expectRefused(
      file,
      /^cellsim: syntax\.json:3:19: not valid JSON: Expected ',' or '}' after property value\n$/,
    );
    const token = await writeExperiment("token", '{\n  "name": "t",\n  "horizon": nope\n}\n');
    await expectRefused(token, /^cellsim: token\.json:3:15: not valid JSON: Unexpected token 'o'\n$/);
  });

  it("--out that is a file, under a file, too long or unwritable", async () => {
    const file = await writeExperiment("out", base);
    await writeFile(path.join(dir, "a-file"), "");
    const cases: [string, RegExp][] = [
      ["a-file", /^cellsim: --out: a-file exists and is a file, not a folder\n$/],
      ["a-file/sub", /^cellsim: --out: .*a-file is a file, not a folder \(in "a-file\/sub"\)\n$/],
      ["n".repeat(300), /^cellsim: --out: a name in "n{40}…" is too long \(300 bytes; at most 255\)\n$/],
      [
        Array.from({ length: 21 }, () => "p".repeat(200)).join("/"),
        /^cellsim: --out: path "p{40}…" is too long/,
      ],
    ];
    for (const [out, expected] of cases) {
      const r = await cellsim(["run", file, "--out", out], dir);
      expect(r.code).toBe(2);
      expect(r.stderr).toMatch(expected);
    }
    expect(await readdir(dir)).not.toContain("n".repeat(300));
  });

  it("--out in a folder nobody may write to", async () => {
    const file = await writeExperiment("ro", base);
    const locked = path.join(dir, "locked");
    await mkdir(locked);
    await chmod(locked, 0o555);
    // Root ignores permission bits; /sys refuses writes even to root.
    const target = writable(locked) ? (writable("/sys") ? undefined : "/sys") : locked;
    expect(target, "no unwritable folder on this machine (root, and /sys writable)").toBeDefined();
    const r = await cellsim(["run", file, "--out", path.join(target as string, "out")], dir);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/^cellsim: --out: cannot write in \S+ \((EACCES|EPERM|EROFS)\)\n$/);
    await chmod(locked, 0o755);
    expect(await readdir(locked)).toEqual([]);
  });

  it("a bare number is seconds: --horizon 3600", async () => {
    const file = await writeExperiment("bare", base);
    const r = await cellsim(["validate", file, "--horizon", "3600"], dir);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain("horizon 3600 s");
    const help = await cellsim(["run", "--help"], dir);
    expect(help.stdout).toContain("e.g. 1d or 3600");
  });

  it("tasks larger than every machine: the run goes ahead, warning once on stderr and in the manifest", async () => {
    const sweep = { seeds: [1, 2], sweep: { placement: ["random-first-fit", "first-fit"] } };
    const file = await writeExperiment("bigtasks", {
      ...base,
      ...sweep,
      workload: synthetic({ uniform: { min: 1, max: 6 } }),
    });
    const warning =
      "cellsim: warning: bigtasks.json: workload.synthetic.batch.cpusPerTask: ~24 of ~61 batch jobs (40%) ask for tasks larger than a machine's 4 CPUs; such jobs are never placed (each is retried until abandoned)\n";
    const validated = await cellsim(["validate", file], dir);
    expect(validated.code).toBe(0);
    expect(validated.stderr).toBe(warning);
    const ran = await cellsim(["run", file, "--out", "out-bigtasks", "--jobs", "1"], dir);
    expect(ran.code).toBe(0);
    expect(ran.stderr.split("\n").filter((l) => l.includes("warning"))).toEqual([warning.trimEnd()]);
    const manifest = JSON.parse(await readFile(path.join(dir, "out-bigtasks", "manifest.json"), "utf8"));
    expect(manifest.warnings).toEqual([warning.replace("cellsim: warning: ", "").trimEnd()]);
  });
});

/** True if a folder can be created in `folder` by this process. */
function writable(folder: string): boolean {
  try {
    rmdirSync(mkdtempSync(path.join(folder, ".probe-")));
    return true;
  } catch {
    return false;
  }
}

describe("trace generate: bad --out and Ctrl-C", () => {
  let traceDir = "";
  beforeAll(async () => {
    requireDist(CLI_MAIN);
    traceDir = await mkdtemp(path.join(tmpdir(), "cellsim-bad-trace-"));
  });

  it("into a missing folder or onto a folder: one message", async () => {
    await mkdir(path.join(traceDir, "a-dir"));
    const missing = await cellsim(["trace", "generate", "google-c", "--out", "nowhere/x.csv"], traceDir);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toBe("cellsim: --out: folder nowhere does not exist\n");
    const folder = await cellsim(["trace", "generate", "google-c", "--out", "a-dir"], traceDir);
    expect(folder.code).toBe(2);
    expect(folder.stderr).toBe(
      `cellsim: --out: a-dir is a folder; give a file name, e.g. ${path.join("a-dir", "trace.csv")}\n`,
    );
    expect(await readdir(path.join(traceDir, "a-dir"))).toEqual([]);
  });

  it("Ctrl-C removes the temporary file and exits with 130", async () => {
    // google-b over 60 days is ~2.6 M jobs: several seconds of writing.
    const child = spawn(
      process.execPath,
      [CLI_MAIN, "trace", "generate", "google-b", "--out", "big.csv", "--horizon", "60d"],
      { cwd: traceDir },
    );
    let stderr = "";
    child.stderr.on("data", (d: Buffer) => (stderr += d.toString()));
    const temp = `big.csv.${child.pid}.tmp`;
    await waitFor(() => existsSync(path.join(traceDir, temp)));
    child.kill("SIGINT");
    const code = await new Promise<number | null>((resolve) => child.on("exit", (c) => resolve(c)));
    expect(code).toBe(130);
    expect(stderr).toBe("cellsim: interrupted (SIGINT); nothing written\n");
    expect((await readdir(traceDir)).filter((f) => f.startsWith("big.csv"))).toEqual([]);
  });
});

async function waitFor(condition: () => boolean, timeoutMs = 20_000): Promise<void> {
  const start = performance.now();
  while (!condition()) {
    if (performance.now() - start > timeoutMs) throw new Error("timed out waiting for the temporary file");
    await new Promise((r) => setTimeout(r, 20));
  }
}
