import { mkdtemp, readFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { OMEGA_STUDIES } from "../claims.js";
import { omegaSlurm } from "../slurm.js";

/** `reproduce:omega -- --slurm N` without --submit: the scripts and the commands it prints. */

describe("reproduce:omega --slurm", () => {
  it("an array and a merge per experiment, then the combined job after every merge", async () => {
    const out = await mkdtemp(path.join(tmpdir(), "omega-slurm-"));
    const logs: string[] = [];
    const lines = await omegaSlurm({ quick: true, shards: 3, out, submit: false, log: (l) => logs.push(l) });
    const k = OMEGA_STUDIES.length;
    expect(lines).toHaveLength(2 * k + 1);
    const merges = OMEGA_STUDIES.map((_, i) => `$m${i}`).join(":");
    expect(lines.at(-1)).toBe(
      `sbatch --dependency=afterok:${merges} ${path.join(out, "slurm-combined.sbatch")}`,
    );
    for (const [i, study] of OMEGA_STUDIES.entries()) {
      const dir = path.join(out, study.name);
      expect(lines[2 * i]).toBe(`a${i}=$(sbatch --parsable ${dir}/slurm-array.sbatch)`);
      expect(lines[2 * i + 1]).toBe(
        `m${i}=$(sbatch --parsable --dependency=afterok:$a${i} ${dir}/slurm-merge.sbatch)`,
      );
      const array = await readFile(path.join(dir, "slurm-array.sbatch"), "utf8");
      expect(array).toContain(`run ${study.file} --shard auto --shards 3 --out ${dir} --quick --jobs`);
    }
    const combined = await readFile(path.join(out, "slurm-combined.sbatch"), "utf8");
    expect(combined).toMatch(/exec node \S+\/studies\/omega\/main\.js --quick --jobs 1 --out \S+\n$/);
    expect(logs).toEqual([`reproduce omega --slurm 3: ${k} arrays of 3 shards → ${out}`]);
  });
});
