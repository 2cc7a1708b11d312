#!/usr/bin/env bash
# The install test: Vane installed into someone else's Backstage, as the plugin READMEs tell.
#  1. builds and packs every plugin package (backstage-cli package build, yarn pack with its
#     prepack/postpack), and refuses a packed package.json that still has a workspace: range;
#  2. creates a new app with @backstage/create-app from the npm registry the machine's npm is
#     configured with (bootstrap.sh hands it to yarn as YARN_NPM_REGISTRY_SERVER);
#  3. applies the README install steps (applyReadmeInstallSteps.js: the `yarn --cwd ... add` lines,
#     with the tarballs in place of the registry, and the `backend.add(...)` lines);
#  4. installs, type checks and builds the app (yarn install, yarn tsc, the app's bundle);
#  5. starts a mesh lab (`mesh-lab up`, startLab underneath) with podinfo and its Canary, and the
#     new app's backend against it (serving the built app) on a free port of 127.0.0.1;
#  6. in Chromium, signs in as guest and sees the entity card show podinfo's rollout
#     (entityCard.test.ts); the screenshot is saved in test-results/screenshots/.
# Cached between runs, in $VANE_CACHE/install-test: after a passed run the app's installed
# dependencies (node_modules, yarn's install state, yarn.lock without the Vane entries; per
# create-app version, keepAppInstall.js), so the next run's `yarn install` relinks the new
# tarballs only; the packages themselves are in yarn's global cache. A clean clone (no cache)
# installs everything. One install test at a time per machine (flock on the cache folder).
# Everything started here listens on 127.0.0.1 and is stopped by pid when the script ends.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/../bootstrap.sh"
cd "$VANE_ROOT"
here="$VANE_ROOT/scripts/install-test"
started_at=$(date +%s)
step() { printf '\n[vane] install test: %s (%ss)\n' "$*" "$(($(date +%s) - started_at))" >&2; }

cache="$VANE_CACHE/install-test"
mkdir -p "$cache"
exec 9> "$cache/lock"
flock 9
# A fixed place (in the cache's filesystem, so that keeping the install is a rename); the previous
# run's app, if it failed, is kept there until now for a look.
work="$cache/run"
rm -rf "$work"
tarballs="$work/tarballs"
app="$work/app"
mkdir -p "$tarballs"
kept_install=""
lab_pid=""
backend_pid=""
stop_all() {
  local rc=$?
  # The backend runs in a process group of its own (yarn, backstage-cli and the backend's node):
  # the group of the pid started here is stopped. The lab's processes die with its pid.
  if [ -n "$backend_pid" ] && kill -0 "$backend_pid" 2>/dev/null; then
    vane_log "install test: stopping the app's backend (process group $backend_pid)"
    kill -TERM -- "-$backend_pid" 2>/dev/null || true
    wait "$backend_pid" 2>/dev/null || true
  fi
  if [ -n "$lab_pid" ] && kill -0 "$lab_pid" 2>/dev/null; then
    vane_log "install test: stopping the mesh lab (pid $lab_pid)"
    kill -TERM "$lab_pid" 2>/dev/null || true
    wait "$lab_pid" 2>/dev/null || true
  fi
  if [ "$rc" = 0 ]; then
    [ -n "$kept_install" ] && node "$here/keepAppInstall.js" save "$app" "$kept_install" >&2
    rm -rf "$work"
  else
    vane_log "install test failed; its app, tarballs and logs are in $work"
  fi
}
trap stop_all EXIT
trap 'exit 130' INT TERM

# --- 1. build and pack -----------------------------------------------------------------------
plugins=(canary-common canary-node canary-backend scaffolder-backend-module-canary canary)
manifests_before="$(cat plugins/*/package.json | sha256sum)"
# The packages' .d.ts files come from dist-types (incremental after the test command's own tsc).
step "type declarations (yarn tsc)"
yarn tsc
for plugin in "${plugins[@]}"; do
  step "build and pack plugins/$plugin"
  (cd "plugins/$plugin" && yarn backstage-cli package build && yarn pack --out "$tarballs/$plugin.tgz") > "$work/pack-$plugin.log" 2>&1 ||
    { tail -30 "$work/pack-$plugin.log" >&2; exit 1; }
  tar -xzOf "$tarballs/$plugin.tgz" package/package.json > "$tarballs/$plugin.tgz.package.json"
  if grep -n '"workspace:' "$tarballs/$plugin.tgz.package.json" >&2; then
    vane_log "the packed package.json of plugins/$plugin still has workspace: ranges (above)"
    exit 1
  fi
done
# A pack leaves the workspace as it was (postpack restores package.json).
[ "$(cat plugins/*/package.json | sha256sum)" = "$manifests_before" ] ||
  { vane_log "yarn pack left a plugins/*/package.json changed (postpack did not restore it)"; exit 1; }

# --- 2. create the app ------------------------------------------------------------------------
create_app_version="$(npm view @backstage/create-app version)"
step "create a new app with @backstage/create-app@$create_app_version"
echo vane-install-test | NODE_OPTIONS="--require $here/withoutNetwork.js" \
  npx --yes "@backstage/create-app@$create_app_version" --skip-install --path "$app" > "$work/create-app.log" 2>&1 ||
  { tail -30 "$work/create-app.log" >&2; exit 1; }
# create-app seeds yarn.lock with the versions of its Backstage release (a file it downloads from
# GitHub, so not here); without a seed, today's newest versions within the template's ranges do
# not fit together (plugin-signals-backend 0.3.21 wants an httpRouter that backend-defaults 0.18
# lacks, and the backend does not start). This repository's yarn.lock is such a seed when it is
# on the same Backstage release (backstage.json); yarn drops the entries the app does not use.
if [ "$(node -p "require('$app/backstage.json').version")" = "$(node -p "require('./backstage.json').version")" ]; then
  cp yarn.lock "$app/yarn.lock"
else
  vane_log "create-app's Backstage release differs from this repository's (backstage.json): installing without a yarn.lock seed"
fi
# The template's app is on the new frontend system (createApp from @backstage/frontend-defaults);
# the README's steps for it are the ones tested here. A legacy template would need EntityPage.tsx.
grep -q "@backstage/frontend-defaults" "$app/packages/app/src/App.tsx" ||
  { vane_log "create-app's template no longer uses the new frontend system: the tested steps do not apply"; exit 1; }

# --- 3. the README install steps --------------------------------------------------------------
step "apply the install steps of the plugin READMEs"
node "$here/applyReadmeInstallSteps.js" "$app" "$tarballs" \
  plugins/canary-backend/README.md plugins/scaffolder-backend-module-canary/README.md plugins/canary/README.md >&2

# --- 4. install, type check, build ------------------------------------------------------------
kept="$cache/create-app-$create_app_version"
node "$here/keepAppInstall.js" restore "$app" "$kept" >&2
step "yarn install in the new app"
# The new app's lockfile gains the tarballs: yarn makes installs immutable when CI is set.
(cd "$app" && YARN_ENABLE_IMMUTABLE_INSTALLS=false yarn install) > "$work/yarn-install.log" 2>&1 || { tail -40 "$work/yarn-install.log" >&2; exit 1; }
kept_install="$kept"
step "type check the new app (yarn tsc: the packed .d.ts files as a user compiles against them)"
(cd "$app" && yarn tsc) >&2
step "build the new app's frontend bundle (yarn workspace app build)"
(cd "$app" && yarn workspace app build) > "$work/app-build.log" 2>&1 || { tail -40 "$work/app-build.log" >&2; exit 1; }

# --- 5. a lab, and the new app's backend against it -------------------------------------------
step "start a mesh lab with podinfo and its Canary"
lab_config="$work/app-config.lab.yaml"
lab_name="install-test-$$"
packages/mesh-lab/bin/mesh-lab --name "$lab_name" up --config-out "$lab_config" \
  --apply "$here/podinfo.yaml" --load test/podinfo=20 > "$work/mesh-lab.log" 2>&1 &
lab_pid=$!
for _ in $(seq 1 600); do
  [ -s "$lab_config" ] && break
  kill -0 "$lab_pid" 2>/dev/null || { tail -20 "$work/mesh-lab.log" >&2; exit 1; }
  sleep 1
done
[ -s "$lab_config" ] || { vane_log "the mesh lab did not come up within 10 minutes"; exit 1; }

port="$(node -e 'const s=require("net").createServer().listen(0,"127.0.0.1",()=>{console.log(s.address().port);s.close()})')"
base_url="http://127.0.0.1:$port"
cp "$here/catalog-info.yaml" "$work/catalog-info.yaml"
# The app's own config, plus where this test runs: the lab's cluster (canary.clusters, as the
# backend README says), a port of 127.0.0.1 and the test's catalog entity.
cat > "$work/app-config.install-test.yaml" <<YAML
app:
  baseUrl: $base_url
backend:
  baseUrl: $base_url
  listen: { host: 127.0.0.1, port: $port }
  cors: { origin: $base_url }
catalog:
  locations:
    - type: file
      target: $work/catalog-info.yaml
YAML
step "start the new app's backend on $base_url"
(cd "$app/packages/backend" && exec setsid yarn start --config ../../app-config.yaml \
  --config "$work/app-config.install-test.yaml" --config "$lab_config") > "$work/backend.log" 2>&1 &
backend_pid=$!
for _ in $(seq 1 300); do
  curl -fsS "$base_url/.backstage/health/v1/readiness" > /dev/null 2>&1 && break
  kill -0 "$backend_pid" 2>/dev/null || { tail -40 "$work/backend.log" >&2; exit 1; }
  if grep -q "Backend startup failed" "$work/backend.log"; then
    grep -m3 "error" "$work/backend.log" >&2
    vane_log "the new app's backend failed to start (log: $work/backend.log)"
    exit 1
  fi
  sleep 1
done
curl -fsS "$base_url/.backstage/health/v1/readiness" > /dev/null ||
  { tail -40 "$work/backend.log" >&2; vane_log "the new app's backend was not ready within 5 minutes"; exit 1; }

# --- 6. the entity card in Chromium ------------------------------------------------------------
step "the entity card in Chromium"
VANE_INSTALL_TEST_URL="$base_url" VANE_INSTALL_TEST_LAB="$lab_name" \
  yarn playwright test --config "$here/playwright.config.ts"
step "passed"
