#!/usr/bin/env bash
# npm test: every test, in Node and in headless Chromium, with OpenSSL as the outside judge.
# Finds what the tests need beyond npm, installs it where it can, or says the one line that does.
set -euo pipefail
cd "$(dirname "$0")/.."
export PATH="$PWD/node_modules/.bin:$PATH"

need_apt=()
if [ -z "${CHROMIUM_PATH:-}" ] && ! command -v chromium >/dev/null 2>&1; then need_apt+=(chromium); fi
command -v openssl >/dev/null 2>&1 || need_apt+=(openssl)

if [ ${#need_apt[@]} -gt 0 ]; then
  if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
    echo "Installing ${need_apt[*]} (Debian packages) for the tests…"
    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${need_apt[@]}" >/dev/null
  else
    echo "The tests need ${need_apt[*]}: run  sudo apt-get install -y ${need_apt[*]}" >&2
    exit 1
  fi
fi

export CHROMIUM_PATH="${CHROMIUM_PATH:-$(command -v chromium)}"
# The elements' manifest (custom-elements.json) feeds Storybook's controls and the package's typings.
cem analyze >/dev/null
exec vitest run "$@"
