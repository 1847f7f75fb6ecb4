#!/usr/bin/env bash
# The worked examples (examples/*/) as a researcher's own project would use them: pack cellsim,
# copy each example to a folder outside the repository, install the tarball and vitest into it
# from npm, then run its tests and its experiment; check that --jobs 2 writes byte-identical
# results to --jobs 1, that a second run resumes every run, and that editing the plug-in
# executes every run again. Packs dist/ as built (CI: `npm test` builds it; by hand: `npm run
# build` first). Needs the npm registry. Any failure names its step and exits 1.
set -Eeuo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
work="$(mktemp -d "${TMPDIR:-/tmp}/cellsim-examples.XXXXXX")"
step="setup"
log="$work/step.log"
trap 'rm -rf "$work"' EXIT
trap 'echo "test-examples: FAILED at: $step" >&2; [ -s "$log" ] && tail -n 40 "$log" >&2' ERR

say() { echo "test-examples: $*" >&2; }
fail() {
  echo "test-examples: FAILED at: $step: $*" >&2
  [ -s "$log" ] && tail -n 40 "$log" >&2
  exit 1
}
# Runs a command as one named step, its output in $log; prints the step's wall time.
run() {
  step="$1"
  shift
  local t0=$SECONDS
  "$@" >"$log" 2>&1
  say "$step ($((SECONDS - t0)) s)"
}

cd "$root"
[ -f dist/src/index.js ] && [ -f dist/build-info.json ] || fail "no built dist/: run npm run build"
# dist/ must be the build of the sources as they are (by content: scripts/ensure-built.mjs).
node scripts/ensure-built.mjs --check || fail "dist/ is not current: run npm run build"
mkdir "$work/pack"
run "npm pack" npm pack --ignore-scripts --pack-destination "$work/pack"
tarball="$(ls "$work"/pack/cellsim-*.tgz)"

for example in examples/*/; do
  name="$(basename "$example")"
  dir="$work/$name"
  tar -C examples --exclude=node_modules --exclude=package-lock.json --exclude=reports -cf - "$name" | tar -C "$work" -xf -
  cd "$dir"
  run "$name: npm install <tarball> vitest@3.2.7" npm install --no-audit --no-fund --prefer-offline "$tarball" vitest@3.2.7
  step="$name: cellsim installed from the tarball"
  grep -q '"cellsim": "file:.*\.tgz"' package.json && [ ! -L node_modules/cellsim ] || fail "$(grep cellsim package.json)"
  run "$name: npx vitest run" npx vitest run
  run "$name: cellsim run --jobs 1" npx cellsim run experiment.json --jobs 1 --out a
  run "$name: cellsim run --jobs 2" npx cellsim run experiment.json --jobs 2 --out b
  step="$name: --jobs 2 results equal --jobs 1"
  : >"$log"
  cmp a/results.json b/results.json || fail "a/results.json and b/results.json differ"
  runs="$(node -e 'console.log(JSON.parse(require("fs").readFileSync("a/results.json", "utf8")).runs.length)')"
  run "$name: cellsim run again (resume)" npx cellsim run experiment.json --jobs 2 --out a
  grep -q "^cellsim: 0 runs executed, $runs resumed" "$log" || fail "expected 0 runs executed, $runs resumed"
  plugin="$(node -e 'console.log(JSON.parse(require("fs").readFileSync("experiment.json", "utf8")).plugins[0])')"
  echo "// edited by scripts/test-examples.sh" >>"$plugin"
  run "$name: cellsim run after editing $plugin" npx cellsim run experiment.json --jobs 2 --out a
  grep -q "^cellsim: $runs runs executed, 0 resumed" "$log" || fail "expected $runs runs executed, 0 resumed"
  say "$name: ok ($runs runs)"
  cd "$root"
done
say "all examples passed in $SECONDS s"
