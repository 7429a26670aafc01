#!/usr/bin/env bash
# Installs what Pattern Press needs and is missing: pnpm, the workspace's
# packages, and the Debian packages the pipeline runs (pandoc, Chromium,
# xmllint, poppler, python3, fonts, epubcheck). Safe to run again: it only installs what is absent.
set -euo pipefail
cd "$(dirname "$0")/.."

say() { printf '\033[1m==>\033[0m %s\n' "$*" >&2; }

if ! command -v node >/dev/null 2>&1; then
  echo "Node.js 20 or newer is required (https://nodejs.org); install it and run this again." >&2
  exit 1
fi
node -e 'const [a,b]=process.versions.node.split(".").map(Number); if (a<20||(a===20&&b<19)) { console.error("Node.js >= 20.19 is required, this is "+process.version); process.exit(1) }'

# Debian packages: command to look for -> package that provides it.
declare -A needed=(
  [pandoc]=pandoc
  [chromium]=chromium
  [xmllint]=libxml2-utils
  [pdftotext]=poppler-utils
  [python3]=python3
  [fc-list]=fontconfig
  [bwrap]=bubblewrap
  [epubcheck]=epubcheck
)
missing=()
for cmd in "${!needed[@]}"; do
  command -v "$cmd" >/dev/null 2>&1 || missing+=("${needed[$cmd]}")
done
for font in fonts-dejavu-core fonts-noto-core; do
  dpkg -s "$font" >/dev/null 2>&1 || missing+=("$font")
done
if ((${#missing[@]})); then
  if [[ $(id -u) -eq 0 ]] && command -v apt-get >/dev/null 2>&1; then
    say "installing Debian packages: ${missing[*]}"
    export DEBIAN_FRONTEND=noninteractive
    apt-get update -qq
    apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
  else
    echo "Missing Debian packages: ${missing[*]}" >&2
    echo "Install them with: sudo apt-get install ${missing[*]}" >&2
    exit 1
  fi
fi

if ! command -v pnpm >/dev/null 2>&1 || [[ "$(pnpm --version)" != 12.* ]]; then
  say "installing pnpm 12.4.2 (npm i -g pnpm@12.4.2)"
  npm i -g pnpm@12.4.2 >/dev/null
fi

say "installing the workspace (pnpm install --frozen-lockfile)"
pnpm install --frozen-lockfile --reporter=silent
