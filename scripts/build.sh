#!/usr/bin/env bash
# Builds everything: installs what is missing, compiles the packages, then
# checks modules/ and writes every output into dist/.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
pnpm run build
pnpm run press build
