#!/usr/bin/env bash
# Sets everything up and runs every test: type check, lint, the jest suites of all packages (unit
# tests, backend tests against a real test backend, the mesh lab's integration tests), the
# fault-injection suite (control plane, Prometheus and cluster faults under rollouts), then the
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
CI=true yarn backstage-cli repo test

# The fault-injection suite (plugins/canary-backend/src/faults/*.fault.test.ts) stops and starts
# the labs' API servers, etcd and Prometheus under rollouts; the repo run above leaves it out
# (the package's jest.testPathIgnorePatterns) so it runs here alone, one file at a time, timed.
step "fault-injection suite (plugins/canary-backend: yarn test:faults)"
fault_started=$SECONDS
(cd plugins/canary-backend && CI=true yarn test:faults)
printf '[vane] fault-injection suite took %d s\n' "$((SECONDS - fault_started))" >&2

# The repo run above lists files, not test names; the database suites again, verbose, so the
# log shows each of them passing on SQLite and on PostgreSQL by name (about 20 s).
step "the canary plugin's database suites, by database (SQLite and PostgreSQL)"
(cd plugins/canary-backend && CI=true yarn backstage-cli package test --verbose \
  src/history/RolloutHistoryStore.test.ts src/service/historyRoute.test.ts)
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
