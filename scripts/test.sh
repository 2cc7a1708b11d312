#!/usr/bin/env bash
# Sets everything up and runs every test: type check, lint, the jest suites of all packages (unit
# tests, backend tests against a real test backend, the mesh lab's integration tests), then the
# browser tests in Debian's Chromium against the portal as scripts/start.sh serves it, then the
# install test (Vane's packed packages in a new app made by @backstage/create-app, against a lab).
# Browser screenshots are kept in test-results/screenshots/.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/bootstrap.sh"
cd "$VANE_ROOT"

step() { printf '\n[vane] == %s ==\n' "$*" >&2; }

step "type check (yarn tsc)"
yarn tsc

step "lint (yarn lint:all)"
yarn lint:all

step "API reports of the plugin packages (yarn build:api-reports --ci: a public API change needs its report)"
yarn build:api-reports --ci

step "mesh lab: install and build the control plane once (cached in \$VANE_CACHE/mesh-lab)"
packages/mesh-lab/bin/mesh-lab prepare > /dev/null

# The canary plugin's database tests run on SQLite and on this PostgreSQL (Backstage's
# TestDatabases reads its connection string from the environment), and so do the replica lab
# tests; VANE_REQUIRE_POSTGRES makes them fail rather than fall back to SQLite alone.
step "PostgreSQL for the database tests (Debian's postgresql, on 127.0.0.1)"
source scripts/postgres.sh
trap vane_postgres_down EXIT
vane_postgres_up
export VANE_REQUIRE_POSTGRES=1

step "tests (backstage-cli repo test: unit, backend and lab integration tests)"
# The fault suites (*.fault.test.ts) run in a step of their own below, so their duration shows.
CI=true yarn backstage-cli repo test --testPathIgnorePatterns '\.fault\.test\.ts$'

# The repo run above lists files, not test names; the database suites again, verbose, so the
# log shows each of them passing on SQLite and on PostgreSQL by name (about 20 s).
step "the canary plugin's database suites, by database (SQLite and PostgreSQL)"
(cd plugins/canary-backend && CI=true yarn backstage-cli package test --verbose \
  src/history/RolloutHistoryStore.test.ts src/service/historyRoute.test.ts)
# Faults injected into real processes (plugins/canary-backend/src/faults, README "Faults"): a
# backend SIGKILLed at every phase, the API server restarted, etcd and Prometheus stopped, a
# cluster unreachable, 50 rollouts at once. Their own step, timed, with PostgreSQL still up.
step "fault suites (plugins/canary-backend/src/faults/*.fault.test.ts)"
fault_started=$SECONDS
(cd plugins/canary-backend && CI=true yarn backstage-cli package test '\.fault\.test\.ts$')
vane_log "fault suites passed in $((SECONDS - fault_started)) s"
vane_postgres_down

if [ ! -x /usr/bin/chromium ]; then
  step "installing Debian's chromium for the browser tests (apt)"
  apt-get update -qq >&2
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >&2
fi

step "browser tests (playwright, Chromium at /usr/bin/chromium)"
rm -rf test-results/screenshots
yarn playwright test

step "install test: Vane's packed packages in an app made by @backstage/create-app (scripts/install-test)"
bash scripts/install-test/install-test.sh
