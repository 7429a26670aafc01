#!/usr/bin/env bash
# Builds everything: installs what is missing, then runs the turbo pipeline
# (turbo.json): the packages compile, then one task per output (dist:modules,
# dist:schedule, dist:pdf, dist:scorm, dist:slides, dist:report, then dist:api),
# two at a time, each a cache hit when its inputs are unchanged.
# See docs/build-engine.md (remote cache: TURBO_API, TURBO_TOKEN, TURBO_TEAM).
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
# The tasks are package.json's "dist" script; turbo's npm entry point is a node
# script that only finds and starts turbo's native binary, so the binary is
# started directly: a no-op build should not pay two node start-ups for that.
dist_args=$(sed -n 's/^ *"dist": "turbo \(.*\)",$/\1/p' package.json)
turbo_binary=$(printf '%s\n' node_modules/.pnpm/@turbo+*/node_modules/@turbo/*/bin/turbo | head -n 1)
if [[ -n $dist_args && -x $turbo_binary ]]; then
  # shellcheck disable=SC2086 # the task list is words
  exec "$turbo_binary" $dist_args
fi
exec pnpm run dist
