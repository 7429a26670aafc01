#!/usr/bin/env bash
# Runs every test: installs what is missing, compiles, type-checks the test
# files, lints (Biome), checks the formatting (run `pnpm format` to fix it),
# checks that the generated types match the schemas, then runs each package's
# tests and the end-to-end tests in tests/.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
pnpm run build
pnpm run typecheck:tests
pnpm run lint
pnpm run format:check
pnpm run test
