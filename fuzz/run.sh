#!/usr/bin/env bash
# Fuzz curlport's import or lint path for SECONDS (default 600), corpus seeded from the fixtures.
#   fuzz/run.sh import 3600      fuzz/run.sh lint 600
# FUZZ_KEEP_GOING=1 records each distinct crash (by exception type and the line it came from) in
# fuzz/crashes/<target>/ and goes on, to collect several before fixing them (libFuzzer's -fork does not
# work with atheris). Further arguments go to libFuzzer.
# Needs `pip install atheris` in the active Python. Crashes land in fuzz/crashes/<target>/.
set -euo pipefail
cd "$(dirname "$0")/.."
target=${1:-import}; seconds=${2:-600}; python=${PYTHON:-python3}
corpus=fuzz/corpus/$target; crashes=fuzz/crashes/$target
mkdir -p "$corpus" "$crashes"
if [ -z "$(ls -A "$corpus")" ]; then
  if [ "$target" = import ]; then cp fixtures/curl/*.curl fixtures/errors/*.curl "$corpus"/;
  else for f in fixtures/configs/*.json; do case $f in *.findings.json|*.lint.json) ;; *) cp "$f" "$corpus"/;; esac; done; fi
fi
exec "$python" fuzz/harness.py "$target" "$corpus" -max_total_time="$seconds" -max_len=4096 -dict="fuzz/$target.dict" \
  -artifact_prefix="$crashes/" -timeout=20 -rss_limit_mb=2048 "${@:3}"
