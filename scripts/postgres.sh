#!/usr/bin/env bash
# A PostgreSQL of the scripts' own, sourced by scripts/test.sh and scripts/start.sh (after
# bootstrap.sh): vane_postgres_up installs Debian's postgresql with apt when it is missing, starts
# `mesh-lab postgres` (a fresh data directory in a temp dir, a free port on 127.0.0.1) and exports
# VANE_POSTGRES_URL and BACKSTAGE_TEST_DATABASE_POSTGRES<major>_CONNECTION_STRING;
# vane_postgres_down stops it by pid (call it from the caller's EXIT trap).
vane_postgres_pid=""

vane_postgres_up() {
  if ! compgen -G '/usr/lib/postgresql/*/bin/postgres' > /dev/null; then
    vane_log "installing Debian's postgresql (apt)"
    apt-get update -qq >&2
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq postgresql >&2
  fi
  local run_dir="$VANE_CACHE/run"
  mkdir -p "$run_dir"
  local env_file log_file
  env_file="$(mktemp "$run_dir/postgres-env.XXXXXX")"
  log_file="$run_dir/postgres-$$.log"
  "$VANE_ROOT/packages/mesh-lab/bin/mesh-lab" postgres --env-out "$env_file" > "$log_file" 2>&1 &
  vane_postgres_pid=$!
  for _ in $(seq 1 600); do
    [ -s "$env_file" ] && break
    if ! kill -0 "$vane_postgres_pid" 2> /dev/null; then
      vane_log "PostgreSQL failed to start; its log ($log_file) ends with:"
      tail -20 "$log_file" >&2
      rm -f "$env_file"
      return 1
    fi
    sleep 0.1
  done
  [ -s "$env_file" ] || { vane_log "PostgreSQL did not come up within 60 s (log: $log_file)"; return 1; }
  set -a
  # shellcheck disable=SC1090
  source "$env_file"
  set +a
  rm -f "$env_file"
  vane_log "PostgreSQL up on $VANE_POSTGRES_URL (mesh-lab postgres, pid $vane_postgres_pid, log $log_file)"
}

vane_postgres_down() {
  if [ -n "$vane_postgres_pid" ] && kill -0 "$vane_postgres_pid" 2> /dev/null; then
    vane_log "stopping PostgreSQL (mesh-lab postgres, pid $vane_postgres_pid)"
    kill -TERM "$vane_postgres_pid" 2> /dev/null || true
    wait "$vane_postgres_pid" 2> /dev/null || true
  fi
  vane_postgres_pid=""
}
