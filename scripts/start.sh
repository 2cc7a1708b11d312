#!/usr/bin/env bash
# Sets everything up and starts the portal: the app on http://localhost:3000 and the backend on
# http://localhost:7007, with the local mesh lab as the default cluster when it is available.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/bootstrap.sh"
cd "$VANE_ROOT"

config_args=(--config "$VANE_ROOT/app-config.yaml")

vane_log "starting the portal: app http://localhost:3000, backend http://localhost:7007"
vane_log "sign in with 'Enter' (guest, a member of team-podinfo); the catalog lists podinfo, checkout and payments"
exec yarn start "${config_args[@]}"
