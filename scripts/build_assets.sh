#!/usr/bin/env bash
# Build Homeward's front-end assets offline into homeward/static/build/ (gitignored).
#
#   1. `npm ci` when node_modules is missing or was installed from a different package-lock.json;
#   2. compile frontend/homeward.scss (GOV.UK Design System with Arial) with the `sass` package;
#   3. copy the govuk-frontend JS bundle and Homeward's own favicon.
#
# Idempotent and fast when nothing changed: each step runs only when its inputs are newer than
# its outputs. Nothing GOV.UK-branded is shipped (no GDS Transport font files, no crown or crest,
# no GOV.UK favicon or manifest) and nothing is fetched from a CDN.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"

OUT="homeward/static/build"
GOVUK="node_modules/govuk-frontend/dist/govuk"
LOCK_STAMP="node_modules/.homeward-package-lock.sha256"

lock_hash() { sha256sum package-lock.json | cut -d' ' -f1; }

if [[ ! -d node_modules || ! -f "$LOCK_STAMP" || "$(cat "$LOCK_STAMP")" != "$(lock_hash)" ]]; then
  echo "build_assets: installing npm packages from package-lock.json"
  npm ci --no-audit --no-fund --loglevel=error
  lock_hash >"$LOCK_STAMP"
fi

mkdir -p "$OUT"

# Recompile when the CSS is missing or older than any Sass source or the installed packages.
css="$OUT/homeward.css"
if [[ ! -f "$css" ]] || [[ -n "$(find frontend -name '*.scss' -newer "$css" -print -quit)" ]] \
  || [[ "$LOCK_STAMP" -nt "$css" ]]; then
  echo "build_assets: compiling frontend/homeward.scss"
  node_modules/.bin/sass --pkg-importer=node --no-source-map --style=compressed \
    --quiet-deps frontend/homeward.scss "$css.tmp"
  mv "$css.tmp" "$css"
fi

copy_if_changed() {
  if ! cmp -s "$1" "$2"; then
    cp "$1" "$2"
    echo "build_assets: copied $(basename "$2")"
  fi
}

copy_if_changed "$GOVUK/govuk-frontend.min.js" "$OUT/govuk-frontend.min.js"
copy_if_changed frontend/images/favicon.svg "$OUT/favicon.svg"
copy_if_changed frontend/homeward.js "$OUT/homeward.js"
