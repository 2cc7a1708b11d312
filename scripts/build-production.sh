#!/usr/bin/env bash
# Builds the portal as Backstage's deployment docs build it ("Host Build"): `yarn tsc`, then
# `yarn build:backend` (backstage-cli package build in packages/backend, which also builds the app
# bundle of packages/app and every Vane package the backend uses), and lays the result out as the
# Dockerfile of the docs does: skeleton.tar.gz, `yarn workspaces focus --all --production`, then
# bundle.tar.gz, plus the app-config files and the sample catalog (examples/). The backend is then
# started from that directory with `NODE_ENV=production node packages/backend --config ...`
# (scripts/start.sh --production does it).
#
# Prints the directory on stdout (default $VANE_CACHE/production/<this checkout>, or
# $VANE_PRODUCTION_DIR). A second run with the same sources reuses it: the sources' digest (every
# tracked and untracked, not ignored file but tests, test helpers, benchmarks and Markdown, which
# the build leaves out) is kept in the directory. A rebuild keeps the installed production
# dependencies while the manifests (yarn.lock, the package.json files) are unchanged.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/bootstrap.sh"
cd "$VANE_ROOT"

# One directory per checkout: several worktrees share $VANE_CACHE.
checkout_id="$(printf '%s' "$VANE_ROOT" | sha256sum | cut -c1-12)"
out="${VANE_PRODUCTION_DIR:-$VANE_CACHE/production/$checkout_id}"
mkdir -p "$(dirname "$out")"
# One build at a time per directory (a test and a benchmark may ask at once); the second waits
# and then finds it up to date.
exec 9> "$out.lock"
flock 9

sources_digest() {
  git -C "$VANE_ROOT" ls-files -z --cached --others --exclude-standard |
    grep -zvE '\.test\.tsx?$|/__testUtils__/|/src/testing/|/bench/|\.md$|^packages/app/e2e-tests/|^playwright\.config\.ts$' |
    xargs -0 sha256sum 2>/dev/null | sha256sum | cut -d' ' -f1
}
digest="$(sources_digest)"
stamp="$out/.vane-sources-digest"
if [ -f "$stamp" ] && [ "$(cat "$stamp")" = "$digest" ] && [ -d "$out/node_modules" ]; then
  vane_log "production build in $out is up to date with the sources"
  printf '%s\n' "$out"
  exit 0
fi

started=$SECONDS
vane_log "production build: yarn tsc (the Vane packages' type declarations, for their build)"
yarn tsc >&2
vane_log "production build: yarn build:backend (the backend, the app bundle and the Vane packages)"
yarn build:backend >&2

# The production dependencies follow from the manifests alone; installing them (native addons
# compiled) is the slow half of the build, so it is skipped while they are unchanged.
deps_digest="$(cat yarn.lock package.json .yarnrc.yml packages/*/package.json plugins/*/package.json |
  sha256sum | cut -d' ' -f1)"
deps_stamp="$out/.vane-dependencies-digest"
rm -f "$stamp"
if [ -d "$out/node_modules" ] && [ -f "$deps_stamp" ] && [ "$(cat "$deps_stamp")" = "$deps_digest" ]; then
  vane_log "production build: production dependencies in $out unchanged, replacing the bundle"
  rm -rf "$out/packages" "$out/plugins" "$out/examples"
else
  vane_log "production build: installing its production dependencies in $out"
  rm -rf "$out"
  mkdir -p "$out"
  tar -xzf packages/backend/dist/skeleton.tar.gz -C "$out"
  cp package.json yarn.lock .yarnrc.yml "$out/"
  mkdir -p "$out/.yarn"
  cp -r .yarn/releases "$out/.yarn/"
  ( cd "$out" && node .yarn/releases/yarn-4.13.0.cjs workspaces focus --all --production ) >&2
  printf '%s\n' "$deps_digest" > "$deps_stamp"
fi
tar -xzf packages/backend/dist/bundle.tar.gz -C "$out"
cp app-config.yaml app-config.production.yaml "$out/"
cp -r examples "$out/"
printf '%s\n' "$digest" > "$stamp"
vane_log "production build ready in $out ($((SECONDS - started)) s)"
printf '%s\n' "$out"
