#!/usr/bin/env bash
# Sets everything up and runs every test: type check, lint, and the jest suites of all packages
# (unit tests, backend tests against a real test backend, and the mesh lab's integration tests).
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/bootstrap.sh"
cd "$VANE_ROOT"

step() { printf '\n[vane] == %s ==\n' "$*" >&2; }

step "type check (yarn tsc)"
yarn tsc

step "lint (yarn lint:all)"
yarn lint:all

step "tests (backstage-cli repo test)"
# CI=true: no watch mode, and jest prints its summary as the last lines of this script's output.
CI=true yarn backstage-cli repo test
