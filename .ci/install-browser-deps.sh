#!/usr/bin/env bash
# Installs Debian's chromium and npm's playwright-core (into tests/browser/node_modules) for the
# end-to-end browser test. Safe to run repeatedly; does nothing when both are present.
set -euo pipefail
cd "$(dirname "$0")/.."
if ! command -v chromium >/dev/null 2>&1; then
  if command -v apt-get >/dev/null 2>&1; then
    (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null) || exit 1
  else
    exit 1
  fi
fi
if [ -f tests/browser/package.json ] && [ ! -d tests/browser/node_modules/playwright-core ]; then
  (cd tests/browser && npm install --no-audit --no-fund --silent) || exit 1
fi
