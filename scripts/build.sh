#!/usr/bin/env bash
# Builds everything: installs what is missing, then runs the turbo pipeline
# (turbo.json): the packages compile, then one task per output (dist:modules,
# dist:schedule, dist:pdf, dist:scorm, dist:slides, dist:report, then dist:api),
# two at a time, each a cache hit when its inputs are unchanged.
# See docs/build-engine.md (remote cache: TURBO_API, TURBO_TOKEN, TURBO_TEAM).
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
pnpm run dist
