#!/usr/bin/env bash
# ArScale local infrastructure: PostgreSQL 15, RabbitMQ 3.10 and an SMTP sink
# as plain processes (no Docker, no systemd), one isolated set per profile so
# dev and test can run side by side.
#
#   scripts/infra.sh start|stop|status|env [--profile dev|test|load] [--purge]
#
# See usage() below for details.
# shellcheck source-path=SCRIPTDIR
set -euo pipefail

SCRIPT_DIR=$(cd -P -- "$(dirname -- "${BASH_SOURCE[0]}")" && pwd)
REPO_DIR=$(dirname -- "$SCRIPT_DIR")
readonly SCRIPT_DIR REPO_DIR

# shellcheck source=lib/common.sh
source "$SCRIPT_DIR/lib/common.sh"
# shellcheck source=lib/postgres.sh
source "$SCRIPT_DIR/lib/postgres.sh"
# shellcheck source=lib/rabbitmq.sh
source "$SCRIPT_DIR/lib/rabbitmq.sh"
# shellcheck source=lib/smtp.sh
source "$SCRIPT_DIR/lib/smtp.sh"

usage() {
  cat <<'EOF'
Usage: scripts/infra.sh start|stop|status|env [--profile dev|test|load] [--purge]
       scripts/infra.sh ctl rabbitmq|postgres ARGS... [--profile ...]

  start    install what is missing (apt, npm), then start PostgreSQL, RabbitMQ
           and the SMTP sink for the profile; harmless if already running
  stop     stop what this profile started; harmless if nothing runs
           --purge also deletes the profile's state folder (data, mail, logs)
  status   show each component up/down (exit 0 when all are up, 3 otherwise)
  env      print export lines:  eval "$(scripts/infra.sh env --profile test)"
  ctl      run rabbitmqctl (ARGS e.g. stop_app, start_app) or pg_ctl (ARGS e.g.
           restart -m fast) against the profile's own node or cluster: the
           load tool's fault scenarios stop and restart them mid-run this way

Profile: --profile, else $ARSCALE_PROFILE, else dev.

              dev    test   override with
  PostgreSQL  25432  26432  ARSCALE_PG_PORT
  AMQP        25672  26672  ARSCALE_AMQP_PORT
  management  25673  26673  ARSCALE_RABBIT_MGMT_PORT
  Erlang dist 25674  26674  ARSCALE_RABBIT_DIST_PORT
  epmd        25675  26675  ARSCALE_EPMD_PORT
  SMTP        25025  26025  ARSCALE_SMTP_PORT
  mail web    25080  26080  ARSCALE_MAIL_WEB_PORT  (maildev only)

  ARSCALE_SMTP_SINK=aiosmtpd|maildev  (default: maildev for dev, aiosmtpd for test)
  ARSCALE_INFRA_DIR   state root (default <repo>/.infra); state is <root>/<profile>
  ARSCALE_TOOLS_DIR   where maildev is npm-installed (default <repo>/.infra/tools)

While a profile runs, status/env/stop use the ports it was started with unless
the variables above are set explicitly.

If one component fails to start, the others are left running (their logs are
useful); 'stop' cleans up. Exit status is non-zero on any failure.
EOF
}

# One export line, single-quoted so eval keeps semicolons and spaces intact.
export_line() {
  local value=$2 q="'"
  printf "export %s='%s'\n" "$1" "${value//$q/$q\\$q$q}"
}

COMPONENTS=(postgres smtp rabbitmq) # rabbitmq last: it is the slowest

# Runs "<component>_<verb>" for every component in parallel, each into its own
# buffer file, then prints the buffers in a fixed order so output never
# interleaves. Returns the number of failed components.
run_parallel() {
  local verb=$1 comp fn failed=0 rc
  local -A pids=()
  for comp in "${COMPONENTS[@]}"; do
    case $comp in
      postgres) fn=pg_$verb ;;
      rabbitmq) fn=rmq_$verb ;;
      smtp) fn=smtp_$verb ;;
    esac
    (
      set -E
      trap 'say "$comp: internal error in infra.sh at line $LINENO: $BASH_COMMAND"' ERR
      "$fn"
    ) >"$STATE/logs/.$verb-$comp.out" 2>&1 &
    pids[$comp]=$!
  done
  for comp in "${COMPONENTS[@]}"; do
    rc=0
    wait "${pids[$comp]}" || rc=$?
    cat -- "$STATE/logs/.$verb-$comp.out"
    rm -f -- "$STATE/logs/.$verb-$comp.out"
    if ((rc != 0)); then
      failed=$((failed + 1))
      FAILED_COMPONENTS+=("$comp")
    fi
  done
  return "$failed"
}

cmd_start() {
  local t0
  t0=$(now_us)
  lock_profile
  mkdir -p "$STATE/logs" "$STATE/pids"
  say "Profile $PROFILE: state in $STATE"

  # Port checks need ss; a bare machine may lack it until the install.
  command -v ss >/dev/null || ensure_installed
  # Check every port before installing or starting anything, so a conflict
  # fails in well under a second and leaves nothing half-started.
  pg_paths
  rmq_paths
  smtp_paths
  local problems
  problems=$(
    rc=0
    check_running_settings "$(profile_alive && echo 1 || echo 0)" || exit 1
    pg_preflight || rc=1
    rmq_preflight || rc=1
    smtp_preflight || rc=1
    exit "$rc"
  ) || {
    say "$problems" >&2
    die "profile $PROFILE not started: nothing was changed"
  }

  ensure_installed
  save_recorded

  FAILED_COMPONENTS=()
  if ! run_parallel start; then
    warn "Profile $PROFILE: FAILED: ${FAILED_COMPONENTS[*]} (logs in $STATE/logs/)."
    warn "Components that did start are left running; 'scripts/infra.sh stop --profile $PROFILE' stops them."
    exit 1
  fi
  say "Profile $PROFILE ready in $(elapsed "$t0"). Use: eval \"\$(scripts/infra.sh env --profile $PROFILE)\""
}

# Does any process of this profile run?
profile_alive() {
  pg_our_pid >/dev/null || rmq_our_pid >/dev/null || rmq_launcher_pid >/dev/null ||
    epmd_our_pid >/dev/null || smtp_sink_pid aiosmtpd >/dev/null || smtp_sink_pid maildev >/dev/null
}

cmd_stop() {
  local purge=$1 t0
  t0=$(now_us)
  if [[ ! -d $STATE ]]; then
    say "Profile $PROFILE: nothing to stop ($STATE does not exist)"
    return 0
  fi
  lock_profile
  mkdir -p "$STATE/logs" "$STATE/pids"
  FAILED_COMPONENTS=()
  if ! run_parallel stop; then
    die "profile $PROFILE: could not stop: ${FAILED_COMPONENTS[*]}"
  fi
  rm -f "$STATE/running.env"
  if ((purge)); then
    # Guard against a surprising ARSCALE_INFRA_DIR turning this into rm -rf /.
    [[ $STATE == /?*/"$PROFILE" ]] || die "refusing to purge suspicious path '$STATE'"
    pg_purge
    rm -rf -- "$STATE"
    say "Profile $PROFILE: purged $STATE"
  fi
  say "Profile $PROFILE stopped in $(elapsed "$t0")"
}

cmd_status() {
  local down=0
  say "Profile $PROFILE ($STATE)"
  pg_status || down=1
  rmq_status || down=1
  smtp_status || down=1
  ((down == 0)) || return 3
}

cmd_env() {
  pg_env
  rmq_env_lines
  smtp_env_lines
}

main() {
  local cmd="" purge=0
  PROFILE=${ARSCALE_PROFILE:-dev}
  while (($#)); do
    case $1 in
      start | stop | status | env)
        [[ -z $cmd ]] || die "only one command at a time (got '$cmd' and '$1')"
        cmd=$1
        ;;
      ctl)
        [[ -z $cmd ]] || die "only one command at a time (got '$cmd' and '$1')"
        (($# >= 3)) || die "ctl needs a component (rabbitmq or postgres) and its arguments"
        cmd=ctl
        CTL_COMPONENT=$2
        shift 2
        CTL_ARGS=()
        while (($#)) && [[ $1 != --profile && $1 != --profile=* ]]; do
          CTL_ARGS+=("$1")
          shift
        done
        continue
        ;;
      --profile)
        (($# >= 2)) || die "--profile needs a value (dev or test)"
        PROFILE=$2
        shift
        ;;
      --profile=*) PROFILE=${1#*=} ;;
      --purge) purge=1 ;;
      -h | --help | help)
        usage
        return 0
        ;;
      *)
        usage >&2
        die "unknown argument '$1'"
        ;;
    esac
    shift
  done
  [[ -n $cmd ]] || {
    usage >&2
    exit 2
  }
  ((purge == 0)) || [[ $cmd == stop ]] || die "--purge only goes with stop"
  resolve_settings
  case $cmd in
    start) cmd_start ;;
    stop) cmd_stop "$purge" ;;
    status) cmd_status ;;
    env) cmd_env ;;
    ctl) cmd_ctl ;;
  esac
}

# Fault injection: the profile's own broker node or database cluster, nothing else on the machine.
cmd_ctl() {
  case $CTL_COMPONENT in
    rabbitmq)
      rmq_paths
      rmqctl "${CTL_ARGS[@]}"
      ;;
    postgres)
      pg_paths
      # As at start: a restarted postmaster inherits our output, which must be its log, never the caller's pipe.
      as_postgres "$PG_BIN/pg_ctl" -D "$PG_DATA" -w -t 120 -s "${CTL_ARGS[@]}" </dev/null >>"$PG_LOG" 2>&1 8>&- 9>&-
      ;;
    *) die "ctl: unknown component '$CTL_COMPONENT' (rabbitmq or postgres)" ;;
  esac
}

main "$@"
