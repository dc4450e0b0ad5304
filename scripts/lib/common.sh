# shellcheck shell=bash
# Shared helpers for scripts/infra.sh. Sourced, never executed.
#
# Conventions: every component function prints lines prefixed with its display
# name ("PostgreSQL: ..."), returns non-zero on failure and never calls exit,
# because components run in parallel subshells and the caller collects results.

# fd 8 = machine-wide install lock, fd 9 = per-profile lock. Every daemon we
# start must close both, otherwise it would hold the lock for its whole life.
readonly INSTALL_LOCK_FD=8
readonly PROFILE_LOCK_FD=9

say() { printf '%s\n' "$*"; }
warn() { printf '%s\n' "$*" >&2; }
die() {
  printf 'infra.sh: %s\n' "$*" >&2
  exit 1
}

# Microseconds since the epoch; strips the decimal separator whatever the locale.
now_us() { printf '%s' "${EPOCHREALTIME//[!0-9]/}"; }

# Elapsed time since a now_us value, as "1.3 s".
elapsed() {
  local ms=$((($(now_us) - $1) / 1000))
  printf '%d.%d s' $((ms / 1000)) $((ms % 1000 / 100))
}

# Last lines of a log, indented, so a failure explains itself without the user
# having to go and find the file.
log_tail() {
  local file=$1 lines=${2:-25}
  if [[ -s $file ]]; then
    say "    --- last $lines lines of $file ---"
    tail -n "$lines" -- "$file" | sed 's/^/    | /'
  else
    say "    (log $file is empty or missing)"
  fi
}

# Zombies count as dead: an init that reaps lazily (as in some VMs and
# containers) would otherwise make a stopped server look alive for seconds.
pid_alive() {
  local stat
  [[ ${1:-} =~ ^[0-9]+$ ]] || return 1
  { read -r stat <"/proc/$1/stat"; } 2>/dev/null || return 1
  stat=${stat##*) }
  [[ ${stat:0:1} != Z ]]
}

# True when pid is alive and its command line contains the given text. Pid files
# outlive their processes and pids get reused, so a bare "kill -0" is not proof
# that a process is ours.
pid_matches() {
  local pid=$1 text=$2 cmdline
  pid_alive "$pid" || return 1
  cmdline=$(tr '\0' ' ' <"/proc/$pid/cmdline" 2>/dev/null) || return 1
  [[ $cmdline == *"$text"* ]]
}

read_pid() {
  local pid=""
  [[ -f $1 ]] && read -r pid <"$1" 2>/dev/null
  printf '%s' "$pid"
}

# Pids of processes with a TCP socket listening on the port (any address: a
# listener on 0.0.0.0 blocks our bind to 127.0.0.1 just as well).
port_pids() {
  ss -Hltnp "sport = :$1" 2>/dev/null | grep -o 'pid=[0-9]*' | cut -d= -f2 | sort -u || true
}

port_in_use() { [[ -n $(ss -Hltn "sport = :$1" 2>/dev/null) ]]; }

# "pid N, name X" for whoever listens on the port.
port_owner() {
  local line
  line=$(ss -Hltnp "sport = :$1" 2>/dev/null | head -n 1 || true)
  if [[ $line =~ users:\(\(\"([^\"]*)\",pid=([0-9]+) ]]; then
    printf 'pid %s, name %s' "${BASH_REMATCH[2]}" "${BASH_REMATCH[1]}"
  else
    # Happens for listeners in another network namespace or when not root.
    printf 'owner not visible'
  fi
}

# Is pid among the listeners of port?
port_held_by() {
  local port=$1 pid=$2 p
  for p in $(port_pids "$port"); do
    [[ $p == "$pid" ]] && return 0
  done
  return 1
}

# Fails with the standard message when port is taken by someone else.
# Usage: require_free_port <Component> <port> <ENV_VAR>
require_free_port() {
  local comp=$1 port=$2 var=$3
  if port_in_use "$port"; then
    say "$comp: port $port is already in use by another process ($(port_owner "$port")). Stop it or set $var."
    return 1
  fi
}

# A bare TCP connect: quicker than any client tool and needs nothing installed.
tcp_open() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }

# Waits until port accepts connections. Returns 2 at once if watch_pid dies
# (so a crashed start fails in milliseconds, not after the timeout), 1 on timeout.
wait_tcp() {
  local port=$1 timeout_s=$2 watch_pid=${3:-}
  local deadline=$(($(now_us) + timeout_s * 1000000))
  while :; do
    tcp_open "$port" && return 0
    if [[ -n $watch_pid ]] && ! pid_alive "$watch_pid"; then return 2; fi
    (($(now_us) < deadline)) || return 1
    sleep 0.1
  done
}

# Starts "$@" detached: own session (no SIGHUP from our terminal), stdin from
# /dev/null, output appended to the log, our lock fds closed, and the open-files
# limit raised to the hard limit because load tests open many connections.
# cwd is / so a daemon neither pins the caller's folder nor picks up config
# files from it (maildev searches the cwd and its parents).
# setsid does not fork here (a background job is not a group leader when job
# control is off), so $! is the daemon's own pid. Sets SPAWNED_PID.
SPAWNED_PID=""
spawn_detached() {
  local log=$1
  shift
  (
    ulimit -n "$(ulimit -Hn)" 2>/dev/null || true
    cd /
    exec setsid "$@"
  ) </dev/null >>"$log" 2>&1 8>&- 9>&- &
  # shellcheck disable=SC2034 # read by the component libraries
  SPAWNED_PID=$!
}

# Sends TERM, waits up to timeout_s, then KILL. Only for pids already verified
# to be ours.
kill_and_wait() {
  local pid=$1 timeout_s=${2:-10} i
  pid_alive "$pid" || return 0
  kill -TERM "$pid" 2>/dev/null || true
  for ((i = 0; i < timeout_s * 10; i++)); do
    pid_alive "$pid" || return 0
    sleep 0.1
  done
  kill -KILL "$pid" 2>/dev/null || true
  sleep 0.2
  ! pid_alive "$pid"
}

# Per-profile lock: two "start"s of the same profile at once (say two terminals,
# or CI steps) must not initdb the same folder twice.
lock_profile() {
  mkdir -p "$STATE"
  eval "exec $PROFILE_LOCK_FD>\"\$STATE/.lock\""
  if ! flock -n "$PROFILE_LOCK_FD"; then
    say "Waiting for another infra.sh run on profile $PROFILE to finish..."
    flock -w 600 "$PROFILE_LOCK_FD" || die "could not lock $STATE/.lock within 600 s"
  fi
}

# ---------------------------------------------------------------------------
# Settings. Precedence: explicit environment variable > what the running
# instance recorded at start (so status/env/stop describe what actually runs
# even when called without the overrides used at start) > profile default.
# ---------------------------------------------------------------------------
declare -A RECORDED=()

load_recorded() {
  local key value
  RECORDED=()
  [[ -f $STATE/running.env ]] || return 0
  while IFS='=' read -r key value; do
    [[ $key =~ ^[A-Z_]+$ ]] && RECORDED[$key]=$value
  done <"$STATE/running.env"
}

setting() {
  local var=$1 default=$2
  if [[ -n ${!var:-} ]]; then
    printf '%s' "${!var}"
  elif [[ -n ${RECORDED[$var]:-} ]]; then
    printf '%s' "${RECORDED[$var]}"
  else
    printf '%s' "$default"
  fi
}

resolve_settings() {
  local base
  case $PROFILE in
    dev) base=25 ;;
    test) base=26 ;;
    load) base=27 ;;
    *) die "unknown profile '$PROFILE' (expected dev, test or load)" ;;
  esac
  local infra_dir=${ARSCALE_INFRA_DIR:-$REPO_DIR/.infra}
  [[ $infra_dir == /* ]] || infra_dir=$PWD/$infra_dir
  STATE=${infra_dir%/}/$PROFILE
  TOOLS_DIR=${ARSCALE_TOOLS_DIR:-$REPO_DIR/.infra/tools}
  load_recorded

  PG_PORT=$(setting ARSCALE_PG_PORT "${base}432")
  AMQP_PORT=$(setting ARSCALE_AMQP_PORT "${base}672")
  MGMT_PORT=$(setting ARSCALE_RABBIT_MGMT_PORT "${base}673")
  DIST_PORT=$(setting ARSCALE_RABBIT_DIST_PORT "${base}674")
  # Not in the public list of ports: each profile runs its own epmd so that
  # stopping one profile can kill "its" epmd without breaking the other one.
  EPMD_PORT=$(setting ARSCALE_EPMD_PORT "${base}675")
  SMTP_PORT=$(setting ARSCALE_SMTP_PORT "${base}025")
  WEB_PORT=$(setting ARSCALE_MAIL_WEB_PORT "${base}080")
  local default_sink=aiosmtpd
  [[ $PROFILE == dev ]] && default_sink=maildev
  SMTP_SINK=$(setting ARSCALE_SMTP_SINK "$default_sink")

  case $SMTP_SINK in
    aiosmtpd | maildev) ;;
    *) die "ARSCALE_SMTP_SINK must be aiosmtpd or maildev, not '$SMTP_SINK'" ;;
  esac
  local name port
  local -A seen=() env_name=([PG_PORT]=ARSCALE_PG_PORT [AMQP_PORT]=ARSCALE_AMQP_PORT
    [MGMT_PORT]=ARSCALE_RABBIT_MGMT_PORT [DIST_PORT]=ARSCALE_RABBIT_DIST_PORT
    [EPMD_PORT]=ARSCALE_EPMD_PORT [SMTP_PORT]=ARSCALE_SMTP_PORT [WEB_PORT]=ARSCALE_MAIL_WEB_PORT)
  for name in PG_PORT AMQP_PORT MGMT_PORT DIST_PORT EPMD_PORT SMTP_PORT WEB_PORT; do
    port=${!name}
    if ! [[ $port =~ ^[0-9]+$ ]] || ((port < 1 || port > 65535)); then
      die "${env_name[$name]}='$port' is not a TCP port"
    fi
    [[ -z ${seen[$port]:-} ]] || die "port $port is used twice (${seen[$port]} and ${env_name[$name]})"
    seen[$port]=${env_name[$name]}
  done
}

# A running profile keeps its ports until stopped: asking for other ones at
# start must fail loudly rather than half-apply. $1 = whether anything runs.
check_running_settings() {
  local alive=$1 var
  local -a changed=()
  ((alive)) || return 0
  for var in "${!RECORDED[@]}"; do
    if [[ -n ${!var:-} && ${!var} != "${RECORDED[$var]}" ]]; then
      changed+=("$var=${!var} (running with ${RECORDED[$var]})")
    fi
  done
  ((${#changed[@]} == 0)) && return 0
  say "Profile $PROFILE is running with other settings: ${changed[*]}."
  say "Run 'scripts/infra.sh stop --profile $PROFILE' first, or unset those variables."
  return 1
}

save_recorded() {
  {
    printf 'ARSCALE_PG_PORT=%s\n' "$PG_PORT"
    printf 'ARSCALE_AMQP_PORT=%s\n' "$AMQP_PORT"
    printf 'ARSCALE_RABBIT_MGMT_PORT=%s\n' "$MGMT_PORT"
    printf 'ARSCALE_RABBIT_DIST_PORT=%s\n' "$DIST_PORT"
    printf 'ARSCALE_EPMD_PORT=%s\n' "$EPMD_PORT"
    printf 'ARSCALE_SMTP_PORT=%s\n' "$SMTP_PORT"
    printf 'ARSCALE_MAIL_WEB_PORT=%s\n' "$WEB_PORT"
    printf 'ARSCALE_SMTP_SINK=%s\n' "$SMTP_SINK"
  } >"$STATE/running.env"
}

# ---------------------------------------------------------------------------
# Installation
# ---------------------------------------------------------------------------

# apt packages missing for this run (printed one per line).
missing_packages() {
  [[ -x /usr/lib/postgresql/15/bin/initdb ]] || say postgresql-15
  [[ -x /usr/lib/rabbitmq/bin/rabbitmq-server ]] || say rabbitmq-server
  if ! /usr/bin/python3 -c 'import aiosmtpd' 2>/dev/null; then say python3-aiosmtpd; fi
  command -v ss >/dev/null || say iproute2
  if ! command -v setsid >/dev/null || ! command -v flock >/dev/null || ! command -v runuser >/dev/null; then
    say util-linux
  fi
  # The browser tests (tests/Browser.Tests) drive Debian's Chromium; the test profile is the one the test command starts.
  [[ $PROFILE != test || -x /usr/bin/chromium ]] || say chromium
  if [[ $SMTP_SINK == maildev ]] && ! command -v npm >/dev/null; then
    say nodejs
    say npm
  fi
}

apt_get() {
  DEBIAN_FRONTEND=noninteractive apt-get -q -o DPkg::Lock::Timeout=300 "$@"
}

# Installs what is missing. Serialised machine-wide because apt and npm are
# machine-wide too (dev and test profiles may be started at the same time).
ensure_installed() {
  local -a pkgs
  mapfile -t pkgs < <(missing_packages)
  local need_maildev=0
  [[ $SMTP_SINK == maildev && ! -e $TOOLS_DIR/node_modules/.bin/maildev ]] && need_maildev=1
  ((${#pkgs[@]} > 0 || need_maildev)) || return 0

  local t0 log
  t0=$(now_us)
  mkdir -p "$STATE/logs"
  log=$STATE/logs/install.log
  eval "exec $INSTALL_LOCK_FD>/tmp/arscale-infra-install.lock"
  flock -w 900 "$INSTALL_LOCK_FD" || die "install: could not get /tmp/arscale-infra-install.lock"
  # Someone else may have installed things while we waited for the lock.
  mapfile -t pkgs < <(missing_packages)

  if ((${#pkgs[@]} > 0)); then
    ((EUID == 0)) || die "install: missing ${pkgs[*]}; run as root or install them: apt-get install ${pkgs[*]}"
    say "install: apt-get install ${pkgs[*]} (log: $log)"
    if ! install_apt_packages "${pkgs[@]}" >>"$log" 2>&1; then
      say "install: apt-get failed."
      log_tail "$log" 30
      die "install failed; fix the apt problem above and run start again"
    fi
    local -a still
    mapfile -t still < <(missing_packages)
    ((${#still[@]} == 0)) || die "install: still missing after apt-get: ${still[*]} (see $log)"
  fi

  if [[ $SMTP_SINK == maildev && ! -e $TOOLS_DIR/node_modules/.bin/maildev ]]; then
    say "install: npm install maildev@3 into $TOOLS_DIR (log: $log)"
    mkdir -p "$TOOLS_DIR"
    if ! npm install --prefix "$TOOLS_DIR" --no-audit --no-fund --loglevel=warn maildev@3 >>"$log" 2>&1 8>&- 9>&-; then
      say "install: npm install maildev@3 failed."
      log_tail "$log" 30
      die "install failed; check npm registry access, or use ARSCALE_SMTP_SINK=aiosmtpd"
    fi
  fi
  flock -u "$INSTALL_LOCK_FD"
  say "install: done in $(elapsed "$t0")"
}

install_apt_packages() {
  local policy=/usr/sbin/policy-rc.d made_policy=0 rc=0
  # Debian packages start their service from postinst (rabbitmq-server on 5672
  # and 4369, postgresql-15 on 5432). A policy-rc.d that exits 101 forbids that,
  # for invoke-rc.d and deb-systemd-invoke alike. Container images ship one;
  # a plain VM does not, so we add one for the duration of the install.
  if [[ ! -e $policy ]]; then
    printf '#!/bin/sh\n# arscale-infra: temporary, removed after install\nexit 101\n' >"$policy"
    chmod 755 "$policy"
    made_policy=1
  fi
  local before_5672=0
  port_in_use 5672 && before_5672=1

  # Update the package lists only when apt does not know a package at all (a
  # fresh machine/CI image has empty lists); otherwise try the install first
  # and update only if it fails (stale lists pointing at vanished versions).
  local updated=0 p
  for p in "$@"; do
    if ! apt-cache show --no-all-versions "$p" >/dev/null 2>&1; then
      apt_get update && updated=1 || rc=$?
      break
    fi
  done
  if ((rc == 0)); then
    apt_get install -y --no-install-recommends "$@" 8>&- 9>&- || rc=$?
    if ((rc != 0 && !updated)); then
      rc=0
      apt_get update && apt_get install -y --no-install-recommends "$@" 8>&- 9>&- || rc=$?
    fi
  fi

  if ((made_policy)) && grep -q arscale-infra "$policy" 2>/dev/null; then
    rm -f "$policy"
  fi
  # Belt and braces: if the install still left a system RabbitMQ running on the
  # default port, stop it; it would only confuse people and hold 4369.
  if ((!before_5672)) && port_in_use 5672; then
    echo "install: a system RabbitMQ came up on 5672 during the install; stopping it"
    if [[ -d /run/systemd/system ]]; then
      systemctl stop rabbitmq-server epmd.socket epmd.service || true
    else
      /etc/init.d/rabbitmq-server stop || true
    fi
  fi
  return "$rc"
}
