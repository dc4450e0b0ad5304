# shellcheck shell=bash
# PostgreSQL 15: a throwaway cluster per profile, trust auth, 127.0.0.1 only.

readonly PG_BIN=/usr/lib/postgresql/15/bin
readonly PG_DB=arscale

pg_paths() {
  PG_DIR=$STATE/postgres
  # Set when the postgres user could not reach $STATE (see pg_prepare_dir).
  if [[ -f $STATE/postgres.location ]]; then
    PG_DIR=$(<"$STATE/postgres.location")
  fi
  PG_DATA=$PG_DIR/data
  PG_SOCKDIR=$PG_DATA
  # A Unix socket path must fit in 107 bytes; a deep checkout can exceed that.
  local sock=$PG_SOCKDIR/.s.PGSQL.$PG_PORT
  if ((${#sock} > 100)); then
    PG_SOCKDIR=/tmp/arscale-pgsock-$PROFILE-$(printf '%s' "$STATE" | cksum | cut -d' ' -f1)
  fi
  PG_LOG=$STATE/logs/postgres.log
  PG_PIDFILE=$STATE/pids/postgres.pid
}

# initdb and the server refuse to run as root.
as_postgres() {
  if ((EUID == 0)); then
    (cd / && runuser -u postgres -- "$@")
  else
    "$@"
  fi
}

pg_owner() { if ((EUID == 0)); then printf 'postgres:postgres'; else id -un; fi; }

# Pid of this profile's postmaster, if it runs.
pg_our_pid() {
  local pid
  pid=$(read_pid "$PG_DATA/postmaster.pid")
  pid_matches "$pid" "$PG_DATA" && printf '%s' "$pid"
}

pg_preflight() {
  # Ours already: pg_start takes it from there.
  pg_our_pid >/dev/null && return 0
  require_free_port PostgreSQL "$PG_PORT" ARSCALE_PG_PORT
}

# Creates the cluster's parent folder where the postgres user can reach it:
# a checkout under /root (mode 700) is not reachable, so fall back to /tmp.
pg_prepare_dir() {
  [[ -f $PG_DATA/PG_VERSION ]] && return 0
  mkdir -p "$PG_DIR"
  chown "$(pg_owner)" "$PG_DIR"
  if ! as_postgres test -w "$PG_DIR" 2>/dev/null; then
    local fallback
    fallback=/tmp/arscale-pg-$PROFILE-$(printf '%s' "$STATE" | cksum | cut -d' ' -f1)
    say "PostgreSQL: user postgres cannot write $PG_DIR (a parent folder is not traversable); keeping the cluster in $fallback"
    rmdir "$PG_DIR" 2>/dev/null || true
    mkdir -p "$fallback"
    chown "$(pg_owner)" "$fallback"
    chmod 700 "$fallback"
    printf '%s\n' "$fallback" >"$STATE/postgres.location"
    pg_paths
  fi
}

pg_write_config() {
  # Rewritten at every start so port overrides take effect; postgresql.conf
  # includes it (set up once at initdb).
  cat >"$PG_DATA/arscale.conf" <<EOF
# Written by scripts/infra.sh at every start; edits are lost.
listen_addresses = '127.0.0.1'
port = $PG_PORT
unix_socket_directories = '$PG_SOCKDIR'
# Sized for a dev/load-test box; durability left at the defaults so measured
# figures stay comparable with production-like settings.
max_connections = 200
shared_buffers = 256MB
effective_cache_size = 2GB
work_mem = 8MB
maintenance_work_mem = 128MB
wal_buffers = 16MB
min_wal_size = 256MB
max_wal_size = 2GB
checkpoint_timeout = 15min
checkpoint_completion_target = 0.9
random_page_cost = 1.1
effective_io_concurrency = 200
timezone = 'UTC'
log_timezone = 'UTC'
log_line_prefix = '%m [%p] %q%u@%d '
log_min_duration_statement = 1000
# Per-statement counts and times (SELECT * FROM pg_stat_statements after CREATE EXTENSION pg_stat_statements): what
# the load reports' commits-per-unit figures are traced back with.
shared_preload_libraries = 'pg_stat_statements'
pg_stat_statements.track = all
EOF
  chown "$(pg_owner)" "$PG_DATA/arscale.conf"
}

pg_start() {
  local t0 pid
  t0=$(now_us)
  pg_paths
  if pid=$(pg_our_pid); then
    if ! wait_tcp "$PG_PORT" 10 "$pid" || ! port_held_by "$PG_PORT" "$pid"; then
      say "PostgreSQL: this profile's server (pid $pid) runs but does not accept connections on port $PG_PORT. Run 'scripts/infra.sh stop --profile $PROFILE' and start again."
      return 1
    fi
    printf '%s\n' "$pid" >"$PG_PIDFILE"
    say "PostgreSQL: already running on 127.0.0.1:$PG_PORT (pid $pid)"
    pg_ensure_db || return 1
    return 0
  fi
  pg_preflight || return 1
  [[ -x $PG_BIN/initdb ]] || {
    say "PostgreSQL: $PG_BIN/initdb not found; install postgresql-15"
    return 1
  }

  pg_prepare_dir
  if [[ ! -f $PG_DATA/PG_VERSION ]]; then
    # --no-locale: C collation is fastest and identical everywhere; -N: no
    # fsync of a cluster we throw away anyway.
    if ! as_postgres "$PG_BIN/initdb" -D "$PG_DATA" -U postgres --auth=trust \
      --encoding=UTF8 --no-locale -N >>"$STATE/logs/initdb.log" 2>&1 8>&- 9>&-; then
      say "PostgreSQL: initdb failed."
      log_tail "$STATE/logs/initdb.log"
      return 1
    fi
    printf "\ninclude_if_exists = 'arscale.conf'\n" >>"$PG_DATA/postgresql.conf"
  fi
  if [[ $PG_SOCKDIR != "$PG_DATA" ]]; then
    mkdir -p "$PG_SOCKDIR"
    chown "$(pg_owner)" "$PG_SOCKDIR"
  fi
  pg_write_config
  # The log is opened by us (root) and inherited, so it can live in a folder
  # the postgres user cannot write. pg_ctl puts the postmaster in its own
  # session; -w returns as soon as it is ready or has died.
  if ! as_postgres "$PG_BIN/pg_ctl" start -D "$PG_DATA" -w -t 60 -s \
    </dev/null >>"$PG_LOG" 2>&1 8>&- 9>&-; then
    say "PostgreSQL: failed to start on port $PG_PORT."
    log_tail "$PG_LOG"
    return 1
  fi
  pid=$(pg_our_pid) || {
    say "PostgreSQL: pg_ctl reported success but no postmaster is running."
    log_tail "$PG_LOG"
    return 1
  }
  printf '%s\n' "$pid" >"$PG_PIDFILE"
  if ! wait_tcp "$PG_PORT" 10 "$pid"; then
    say "PostgreSQL: server is up but 127.0.0.1:$PG_PORT does not accept connections."
    log_tail "$PG_LOG"
    return 1
  fi
  pg_ensure_db || return 1
  say "PostgreSQL: up on 127.0.0.1:$PG_PORT, database $PG_DB, pid $pid ($(elapsed "$t0"))"
}

pg_psql() {
  "$PG_BIN/psql" -X -q -t -A -h 127.0.0.1 -p "$PG_PORT" -U postgres "$@"
}

pg_ensure_db() {
  local exists
  exists=$(pg_psql -d postgres -c "SELECT 1 FROM pg_database WHERE datname = '$PG_DB'" 2>&1) || {
    say "PostgreSQL: cannot query the server: $exists"
    return 1
  }
  [[ $exists == 1 ]] && return 0
  local out
  out=$(pg_psql -d postgres -c "CREATE DATABASE $PG_DB OWNER postgres" 2>&1) || {
    say "PostgreSQL: CREATE DATABASE $PG_DB failed: $out"
    return 1
  }
}

pg_stop() {
  local t0 pid
  t0=$(now_us)
  pg_paths
  pid=$(pg_our_pid) || pid=$(read_pid "$PG_PIDFILE")
  if ! pid_matches "$pid" "$PG_DATA"; then
    rm -f "$PG_PIDFILE"
    say "PostgreSQL: not running"
    return 0
  fi
  as_postgres "$PG_BIN/pg_ctl" stop -D "$PG_DATA" -m fast -w -t 30 -s \
    </dev/null >>"$PG_LOG" 2>&1 8>&- 9>&- || true
  if pid_alive "$pid"; then
    say "PostgreSQL: pg_ctl stop did not stop pid $pid; killing it"
    # SIGQUIT is the postmaster's immediate shutdown; its children follow.
    kill -QUIT "$pid" 2>/dev/null || true
    kill_and_wait "$pid" 10 || {
      say "PostgreSQL: pid $pid survived SIGKILL"
      return 1
    }
  fi
  rm -f "$PG_PIDFILE"
  say "PostgreSQL: stopped ($(elapsed "$t0"))"
}

pg_status() {
  local pid
  pg_paths
  if pid=$(pg_our_pid) && port_held_by "$PG_PORT" "$pid"; then
    say "postgres  up    127.0.0.1:$PG_PORT  db=$PG_DB pid=$pid data=$PG_DATA"
  elif [[ -n ${pid:-} ]]; then
    say "postgres  DOWN  127.0.0.1:$PG_PORT  (server pid $pid runs but does not listen on this port)"
    return 1
  elif port_in_use "$PG_PORT"; then
    say "postgres  DOWN  127.0.0.1:$PG_PORT  (port held by another process: $(port_owner "$PG_PORT"))"
    return 1
  else
    say "postgres  down  127.0.0.1:$PG_PORT"
    return 1
  fi
}

pg_env() {
  export_line ConnectionStrings__postgres "Host=127.0.0.1;Port=$PG_PORT;Username=postgres;Database=$PG_DB;Maximum Pool Size=100"
}

pg_purge() {
  pg_paths
  if [[ -f $STATE/postgres.location ]]; then
    local dir
    dir=$(<"$STATE/postgres.location")
    [[ $dir == /tmp/arscale-pg-* ]] && rm -rf -- "$dir"
  fi
  [[ $PG_SOCKDIR == /tmp/arscale-pgsock-* ]] && rm -rf -- "$PG_SOCKDIR"
  return 0
}
