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
# `node --version` rather than `node -e`: starting a script costs a quarter of a
# second, which a no-op build should not pay.
node_version=$(node --version)
IFS=. read -r node_major node_minor _ <<<"${node_version#v}"
if ((node_major < 20 || (node_major == 20 && node_minor < 19))); then
  echo "Node.js >= 20.19 is required, this is $node_version" >&2
  exit 1
fi

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
for font in fonts-dejavu-core fonts-noto-core fonts-noto-color-emoji; do
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

# The workspace is installed again only when what pnpm installs from has
# changed since the last install that succeeded here: pnpm's own up-to-date
# check costs half a second, most of a no-op build.
install_stamp=node_modules/.press-install-stamp
install_inputs=$( { command -v pnpm >/dev/null 2>&1 && pnpm --version; cat pnpm-lock.yaml pnpm-workspace.yaml package.json packages/*/package.json tests/package.json; } 2>/dev/null | sha256sum)
if [[ -f $install_stamp && "$(<"$install_stamp")" == "$install_inputs" ]]; then
  exit 0
fi

if ! command -v pnpm >/dev/null 2>&1 || [[ "$(pnpm --version)" != 12.* ]]; then
  say "installing pnpm 12.4.2 (npm i -g pnpm@12.4.2)"
  npm i -g pnpm@12.4.2 >/dev/null
fi

say "installing the workspace (pnpm install --frozen-lockfile)"
pnpm install --frozen-lockfile --reporter=silent
install_inputs=$( { pnpm --version; cat pnpm-lock.yaml pnpm-workspace.yaml package.json packages/*/package.json tests/package.json; } 2>/dev/null | sha256sum)
printf '%s' "$install_inputs" >"$install_stamp"
