#!/usr/bin/env bash
# Sets everything up and starts the portal: the app on http://localhost:3000 and the backend on
# http://localhost:7007, with the local mesh lab (packages/mesh-lab) as its cluster: a real
# kube-apiserver, controller-manager and Prometheus with the demo workloads of examples/lab.
# VANE_LAB=0 starts the portal with the catalog alone. Ctrl-C stops the portal and the lab.
# While the lab runs, a release driver keeps releasing new podinfo versions, sometimes a faulty one,
# so the portal always shows a rollout; VANE_RELEASE_DRIVER=0 switches it off (the browser tests
# do, they release themselves). VANE_DEMO_INTERVAL (default 15s) is the demo Canaries'
# analysis interval; the browser tests use 5s. VANE_DB=postgres runs the backend on a PostgreSQL
# of its own (scripts/postgres.sh: Debian's postgresql on 127.0.0.1, stopped with the portal)
# instead of SQLite.
# --production (yarn start:prod) starts the production build instead, as Backstage's deployment
# docs run it: scripts/build-production.sh (yarn tsc, yarn build:backend with the app bundle,
# production dependencies; reused while the sources are unchanged), then `NODE_ENV=production
# node packages/backend` from the build's directory with app-config.yaml and
# app-config.production.yaml, serving the app and the API on http://localhost:7007.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/bootstrap.sh"
source "$(dirname "${BASH_SOURCE[0]}")/postgres.sh"
cd "$VANE_ROOT"

production=0
for arg in "$@"; do
  case "$arg" in
    --production) production=1 ;;
    *) vane_log "unknown argument $arg (only --production)"; exit 2 ;;
  esac
done
production_dir=""
if [ "$production" = "1" ]; then
  # Built before the lab starts, so the lab's demo does not wait for the build.
  production_dir="$(bash scripts/build-production.sh)"
  config_args=(--config "$production_dir/app-config.yaml" --config "$production_dir/app-config.production.yaml")
else
  config_args=(--config "$VANE_ROOT/app-config.yaml")
fi
lab_pid=""
driver_pids=()
stop_lab() {
  for pid in "${driver_pids[@]}"; do
    if kill -0 "$pid" 2>/dev/null; then
      vane_log "stopping a release driver (pid $pid)"
      kill -TERM "$pid" 2>/dev/null || true
      wait "$pid" 2>/dev/null || true
    fi
  done
  if [ -n "$lab_pid" ] && kill -0 "$lab_pid" 2>/dev/null; then
    vane_log "stopping the mesh lab (pid $lab_pid)"
    kill -TERM "$lab_pid" 2>/dev/null || true
    wait "$lab_pid" 2>/dev/null || true
  fi
  vane_postgres_down
}
trap stop_lab EXIT
trap 'exit 130' INT TERM

run_dir="$VANE_CACHE/run"
mkdir -p "$run_dir"
# The plugins' databases (the canary plugin's rollout history among them) outlive backend restarts
# (the dev backend restarts on every code change): on a PostgreSQL started here, or with the lab
# in SQLite files on disk; a fresh lab has none of the old rollouts, so their history starts afresh
# with it.
db_config="$run_dir/app-config.db.yaml"
rm -f "$db_config"
case "${VANE_DB:-sqlite}" in
  postgres)
    vane_postgres_up
    printf 'backend:\n  database:\n    client: pg\n    connection: %s\n' "$VANE_POSTGRES_URL" > "$db_config"
    config_args+=(--config "$db_config")
    ;;
  sqlite)
    if [ "${VANE_LAB:-1}" != "0" ]; then
      db_dir="$run_dir/db"
      rm -rf "$db_dir"
      mkdir -p "$db_dir"
      printf 'backend:\n  database:\n    client: better-sqlite3\n    connection:\n      directory: %s\n' "$db_dir" > "$db_config"
      config_args+=(--config "$db_config")
    fi
    ;;
  *)
    vane_log "VANE_DB must be sqlite or postgres (got $VANE_DB)"
    exit 1
    ;;
esac

if [ "${VANE_LAB:-1}" != "0" ]; then
  lab_config="$run_dir/app-config.lab.yaml"
  rm -f "$lab_config"
  # The analysis interval of the demo Canaries: the `interval:` directly under `analysis:` (four
  # spaces in), not the metrics' query windows (eight spaces in).
  demo_interval="${VANE_DEMO_INTERVAL:-15s}"
  [[ "$demo_interval" =~ ^[0-9]+(ms|s|m)$ ]] || {
    vane_log "VANE_DEMO_INTERVAL must be a duration such as 15s or 5s (got $demo_interval)"
    exit 1
  }
  demo_manifest="$run_dir/demo.yaml"
  sed -E "s/^(    interval: ).*$/\1${demo_interval}/" examples/lab/demo.yaml > "$demo_manifest"
  # Rollouts of controllers that do not run in the lab (Argo Rollouts, Flagger), with the status
  # they would have written, dated now.
  other_manifest="$run_dir/other-controllers.yaml"
  sed "s/2000-01-01T00:00:00Z/$(date -u +%Y-%m-%dT%H:%M:%SZ)/g" examples/lab/other-controllers.yaml > "$other_manifest"
  vane_log "starting the mesh lab (the first start builds the control plane: about 8 minutes, then cached)"
  # The lab's processes die with it (pdeathsig), also if this script is killed outright. podinfo's
  # load comes through the ingress gateway for app.example.com, as in the Flagger walkthrough; the
  # others' from inside the mesh.
  packages/mesh-lab/bin/mesh-lab --name portal up \
    --config-out "$lab_config" \
    --apply "$demo_manifest" --apply "$other_manifest" \
    --image-behaviour ghcr.io/stefanprodan/podinfo:6.0.1=0.1,800 \
    --load istio-system/istio-ingressgateway@app.example.com=20 \
    --load webapp/frontend=10 --load shop/checkout=20 --load shop/payments=10 \
    --load weather/weather=10 \
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
  if [ "${VANE_RELEASE_DRIVER:-1}" != "0" ]; then
    # Release drivers: each sets a new image once the previous rollout has ended and stops by
    # itself when the lab's process is gone. podinfo gets a release every few minutes, every third
    # one the faulty 6.0.1 (10% errors, 800 ms); frontend's releases wait at its manual gate for
    # an owner's Approve in the portal.
    packages/mesh-lab/bin/mesh-lab --name portal release-driver \
      --deployment test/podinfo --container podinfod \
      --good ghcr.io/stefanprodan/podinfo:6.1.0,ghcr.io/stefanprodan/podinfo:6.2.0,ghcr.io/stefanprodan/podinfo:6.3.0 \
      --faulty ghcr.io/stefanprodan/podinfo:6.0.1 --faulty-every 3 --pause 90 \
      > >(tee "$run_dir/release-driver-podinfo.log" >&2) 2>&1 &
    driver_pids+=($!)
    packages/mesh-lab/bin/mesh-lab --name portal release-driver \
      --deployment webapp/frontend --container podinfod \
      --good ghcr.io/stefanprodan/podinfo:6.1.0,ghcr.io/stefanprodan/podinfo:6.2.0 \
      --faulty-every 0 --pause 120 \
      > >(tee "$run_dir/release-driver-frontend.log" >&2) 2>&1 &
    driver_pids+=($!)
    vane_log "release drivers running (pids ${driver_pids[*]}, logs $run_dir/release-driver-*.log); VANE_RELEASE_DRIVER=0 switches them off"
  fi
fi

vane_log "sign in with 'Enter' (guest, a member of team-podinfo, which owns podinfo and frontend)"
if [ "$production" = "1" ]; then
  vane_log "starting the production build from $production_dir: app and backend on http://localhost:7007"
  # Not exec: the EXIT trap stops the lab when the backend ends.
  ( cd "$production_dir" && NODE_ENV=production node packages/backend "${config_args[@]}" )
else
  vane_log "starting the portal: app http://localhost:3000, backend http://localhost:7007"
  yarn start "${config_args[@]}"
fi
