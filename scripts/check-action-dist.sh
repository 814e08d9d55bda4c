#!/usr/bin/env bash
# Fail when the committed GitHub Action bundle (action/dist/) is not what `npm run build:action`
# makes from the current sources and lockfile. Builds into a temporary directory and compares, so
# the working tree is never touched. Fix a failure with: npm run build:action && git add action/dist
set -euo pipefail
cd "$(dirname "$0")/.."

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

node action/build.mjs --outdir "$tmp/dist" >/dev/null
if ! diff -r -q "$tmp/dist" action/dist >/dev/null 2>&1; then
  echo "action/dist is stale: run 'npm run build:action' and commit action/dist/" >&2
  diff -r -q "$tmp/dist" action/dist >&2 || true
  exit 1
fi
# what is committed must be what is checked: no uncommitted or untracked changes under action/dist
if [ -d .git ] || git rev-parse --git-dir >/dev/null 2>&1; then
  if ! git diff --quiet HEAD -- action/dist || [ -n "$(git ls-files --others --exclude-standard -- action/dist)" ]; then
    echo "action/dist has changes that are not committed" >&2
    git status --short -- action/dist >&2
    exit 1
  fi
fi
echo "action/dist is up to date"
