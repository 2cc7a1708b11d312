#!/usr/bin/env bash
# Sets everything up and starts the portal: the app on http://localhost:3000 and the backend on
# http://localhost:7007, with the local mesh lab (packages/mesh-lab) as its cluster: a real
# kube-apiserver, controller-manager and Prometheus with the demo workloads of examples/lab.
# VANE_LAB=0 starts the portal with the catalog alone. Ctrl-C stops the portal and the lab.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/bootstrap.sh"
cd "$VANE_ROOT"

config_args=(--config "$VANE_ROOT/app-config.yaml")
lab_pid=""
stop_lab() {
  if [ -n "$lab_pid" ] && kill -0 "$lab_pid" 2>/dev/null; then
    vane_log "stopping the mesh lab (pid $lab_pid)"
    kill -TERM "$lab_pid" 2>/dev/null || true
    wait "$lab_pid" 2>/dev/null || true
  fi
}
trap stop_lab EXIT
trap 'exit 130' INT TERM

if [ "${VANE_LAB:-1}" != "0" ]; then
  run_dir="$VANE_CACHE/run"
  mkdir -p "$run_dir"
  lab_config="$run_dir/app-config.lab.yaml"
  rm -f "$lab_config"
  vane_log "starting the mesh lab (the first start builds the control plane: about 8 minutes, then cached)"
  # The lab's processes die with it (pdeathsig), also if this script is killed outright.
  packages/mesh-lab/bin/mesh-lab --name portal up \
    --config-out "$lab_config" \
    --apply examples/lab/demo.yaml \
    --load test/podinfo=20 --load shop/checkout=20 --load shop/payments=10 \
    > "$run_dir/mesh-lab.log" 2>&1 &
  lab_pid=$!
  for _ in $(seq 1 1800); do
    [ -s "$lab_config" ] && break
    if ! kill -0 "$lab_pid" 2>/dev/null; then
      vane_log "the mesh lab failed to start; its log ($run_dir/mesh-lab.log) ends with:"
      tail -20 "$run_dir/mesh-lab.log" >&2
      exit 1
    fi
    sleep 1
  done
  [ -s "$lab_config" ] || { vane_log "the mesh lab did not come up within 30 minutes"; exit 1; }
  config_args+=(--config "$lab_config")
  vane_log "mesh lab up: $(grep -m1 'kubeconfig:' "$run_dir/mesh-lab.log" | sed 's/^ *//')"
  vane_log "  try a release: KUBECONFIG=... kubectl -n test set image deployment/podinfo podinfod=ghcr.io/stefanprodan/podinfo:6.1.0"
fi

vane_log "starting the portal: app http://localhost:3000, backend http://localhost:7007"
vane_log "sign in with 'Enter' (guest, a member of team-podinfo); the catalog lists podinfo, checkout and payments"
yarn start "${config_args[@]}"
