# shellcheck shell=bash
# RabbitMQ 3.10: one node per profile, with the management plugin, its own
# Erlang cookie (HOME) and its own epmd (ERL_EPMD_PORT).

# The /usr/sbin wrappers switch to the rabbitmq user when run as root, which
# drops our RABBITMQ_* environment and HOME; the real scripts live here.
readonly RMQ_BIN=/usr/lib/rabbitmq/bin

rmq_paths() {
  RMQ_DIR=$STATE/rabbitmq
  RMQ_HOME=$RMQ_DIR/home
  RMQ_NODE=arscale-$PROFILE@localhost
  RMQ_PIDFILE=$STATE/pids/rabbitmq.pid # written by the node itself (beam pid)
  RMQ_LAUNCHER_PIDFILE=$STATE/pids/rabbitmq-launcher.pid
  EPMD_PIDFILE=$STATE/pids/epmd.pid
  RMQ_LOG=$STATE/logs/rabbitmq.log # stdout/stderr of the launcher
  EPMD_LOG=$STATE/logs/epmd.log
}

# Environment for both the server and the CLI tools; call it in a subshell.
rmq_env() {
  # The Erlang cookie is $HOME/.erlang.cookie: private per profile, and the
  # CLI tools must see the same HOME to be allowed to talk to the node.
  export HOME=$RMQ_HOME
  export RABBITMQ_NODENAME=$RMQ_NODE
  export RABBITMQ_NODE_IP_ADDRESS=127.0.0.1
  export RABBITMQ_NODE_PORT=$AMQP_PORT
  # Must be explicit: the default (AMQP port + 20000) is above 65535 here.
  export RABBITMQ_DIST_PORT=$DIST_PORT
  export RABBITMQ_MNESIA_BASE=$RMQ_DIR/mnesia
  export RABBITMQ_LOG_BASE=$STATE/logs/rabbitmq
  export RABBITMQ_CONFIG_FILE=$RMQ_DIR/rabbitmq.conf
  export RABBITMQ_ADVANCED_CONFIG_FILE=$RMQ_DIR/advanced.config
  export RABBITMQ_ENABLED_PLUGINS_FILE=$RMQ_DIR/enabled_plugins
  # Keeps /etc/rabbitmq/rabbitmq-env.conf (system settings) out of our node.
  export RABBITMQ_CONF_ENV_FILE=$RMQ_DIR/rabbitmq-env.conf
  export RABBITMQ_PID_FILE=$RMQ_PIDFILE
  # Erlang distribution only on loopback.
  export RABBITMQ_SERVER_ADDITIONAL_ERL_ARGS="-kernel inet_dist_use_interface {127,0,0,1}"
  # Erlang writes crash dumps to the cwd, which spawn_detached sets to /.
  export ERL_CRASH_DUMP=$STATE/logs/erl_crash.dump
  export ERL_EPMD_PORT=$EPMD_PORT
  export ERL_EPMD_ADDRESS=127.0.0.1
  unset RABBITMQ_ALLOW_INPUT RABBITMQ_USE_LONGNAME
}

# Bounded: a hung node must not hang start or stop forever. --foreground keeps
# the CLI in our process group, so Ctrl-C on infra.sh reaches it too.
rmqctl() { (rmq_env && exec timeout --foreground 90 "$RMQ_BIN/rabbitmqctl" -n "$RMQ_NODE" "$@" 8>&- 9>&-); }

rmq_our_pid() {
  local pid
  pid=$(read_pid "$RMQ_PIDFILE")
  pid_matches "$pid" "-home $RMQ_HOME " && printf '%s' "$pid"
}

epmd_our_pid() {
  local pid
  pid=$(read_pid "$EPMD_PIDFILE")
  pid_matches "$pid" "-port $EPMD_PORT" && printf '%s' "$pid"
}

# The launcher (the rabbitmq-server shell script, parent of beam) exists from
# the first moment; the node writes its own pid file only later in the boot.
rmq_launcher_pid() {
  local pid
  pid=$(read_pid "$RMQ_LAUNCHER_PIDFILE")
  pid_matches "$pid" "$RMQ_BIN/rabbitmq-server" && printf '%s' "$pid"
}

rmq_preflight() {
  # Ours already, up or still booting: rmq_start takes it from there.
  rmq_our_pid >/dev/null && return 0
  rmq_launcher_pid >/dev/null && return 0
  local rc=0
  require_free_port RabbitMQ "$AMQP_PORT" ARSCALE_AMQP_PORT || rc=1
  require_free_port "RabbitMQ (management)" "$MGMT_PORT" ARSCALE_RABBIT_MGMT_PORT || rc=1
  require_free_port "RabbitMQ (Erlang distribution)" "$DIST_PORT" ARSCALE_RABBIT_DIST_PORT || rc=1
  # Our own epmd left over from a crashed node is fine; it will be reused.
  if ! epmd_our_pid >/dev/null; then
    require_free_port "RabbitMQ (epmd)" "$EPMD_PORT" ARSCALE_EPMD_PORT || rc=1
  fi
  return "$rc"
}

rmq_write_config() {
  mkdir -p "$RMQ_HOME" "$RMQ_DIR/mnesia" "$STATE/logs/rabbitmq"
  chmod 700 "$RMQ_HOME"
  cat >"$RMQ_DIR/rabbitmq.conf" <<EOF
# Written by scripts/infra.sh at every start; edits are lost.
listeners.tcp.default = 127.0.0.1:$AMQP_PORT
management.tcp.ip = 127.0.0.1
management.tcp.port = $MGMT_PORT
# guest/guest works from loopback only, which is all we listen on.
loopback_users.guest = true
log.file.level = info
log.console = false
EOF
  : >"$RMQ_DIR/rabbitmq-env.conf"
}

rmq_start() {
  local t0 pid launcher
  t0=$(now_us)
  rmq_paths
  if pid=$(rmq_our_pid) && port_held_by "$AMQP_PORT" "$pid" && port_held_by "$MGMT_PORT" "$pid"; then
    say "RabbitMQ: already running on 127.0.0.1:$AMQP_PORT (node $RMQ_NODE, pid $pid)"
    return 0
  fi
  if launcher=$(rmq_launcher_pid) || launcher=$(rmq_our_pid); then
    # An earlier start was interrupted while the node booted: join it rather
    # than launch a second node with the same name.
    say "RabbitMQ: node $RMQ_NODE (pid $launcher) is still booting from an earlier start; waiting for it"
  else
    rmq_launch || return 1
    launcher=$(read_pid "$RMQ_LAUNCHER_PIDFILE")
  fi
  rmq_wait_ready "$t0" "$launcher"
}

# Prepares config, plugins and epmd, then starts the node detached.
rmq_launch() {
  local pid
  rmq_preflight || return 1
  [[ -x $RMQ_BIN/rabbitmq-server ]] || {
    say "RabbitMQ: $RMQ_BIN/rabbitmq-server not found; install rabbitmq-server"
    return 1
  }
  command -v epmd >/dev/null || {
    say "RabbitMQ: epmd not found (it comes with erlang-base); reinstall rabbitmq-server"
    return 1
  }
  rmq_write_config
  rm -f "$RMQ_PIDFILE"

  if ! grep -qs rabbitmq_management "$RMQ_DIR/enabled_plugins"; then
    # Offline: only writes the enabled_plugins file, needs no running node.
    local out
    out=$( (rmq_env && exec "$RMQ_BIN/rabbitmq-plugins" enable --offline rabbitmq_management) 2>&1 8>&- 9>&-) || {
      say "RabbitMQ: enabling the management plugin failed:"
      say "$out" | sed 's/^/    | /'
      return 1
    }
  fi

  if ! pid=$(epmd_our_pid); then
    spawn_detached "$EPMD_LOG" epmd -port "$EPMD_PORT" -address 127.0.0.1
    pid=$SPAWNED_PID
    printf '%s\n' "$pid" >"$EPMD_PIDFILE"
    if ! wait_tcp "$EPMD_PORT" 5 "$pid"; then
      say "RabbitMQ: epmd did not come up on port $EPMD_PORT."
      log_tail "$EPMD_LOG"
      return 1
    fi
  fi

  : >"$RMQ_LOG"
  (rmq_env && spawn_detached "$RMQ_LOG" "$RMQ_BIN/rabbitmq-server" && printf '%s\n' "$SPAWNED_PID" >"$RMQ_LAUNCHER_PIDFILE")
}

rmq_wait_ready() {
  local t0=$1 launcher=$2 pid

  # "rabbitmqctl wait" alone would sit out its whole timeout if the node dies
  # while booting, so run it in the background and watch the launcher.
  # exec straight into timeout so $! is a process whose death takes the CLI
  # node with it (killing an intermediate subshell would orphan the CLI);
  # --foreground: see rmqctl.
  local wait_out=$STATE/logs/rabbitmq-wait.out
  (rmq_env && exec timeout --foreground 90 "$RMQ_BIN/rabbitmqctl" -n "$RMQ_NODE" wait --timeout 60 "$RMQ_PIDFILE") \
    >"$wait_out" 2>&1 8>&- 9>&- &
  local waiter=$! rc=0
  while pid_alive "$waiter"; do
    if ! pid_alive "$launcher"; then
      kill "$waiter" 2>/dev/null || true
      wait "$waiter" 2>/dev/null || true
      say "RabbitMQ: the node exited while booting."
      rmq_failure_report
      return 1
    fi
    sleep 0.2
  done
  wait "$waiter" || rc=$?
  if ((rc != 0)); then
    if pid_alive "$launcher"; then
      say "RabbitMQ: node $RMQ_NODE did not become ready within 60 s (rabbitmqctl wait exit $rc)."
    else
      say "RabbitMQ: the node exited while booting."
    fi
    log_tail "$wait_out" 10
    rmq_failure_report
    return 1
  fi
  pid=$(rmq_our_pid) || {
    say "RabbitMQ: ready reported but no node process found via $RMQ_PIDFILE."
    return 1
  }
  local port
  for port in "$AMQP_PORT" "$MGMT_PORT"; do
    if ! wait_tcp "$port" 15 "$pid"; then
      say "RabbitMQ: node is up but 127.0.0.1:$port does not accept connections."
      log_tail "$RMQ_LOG"
      return 1
    fi
  done
  say "RabbitMQ: up on 127.0.0.1:$AMQP_PORT (management http://127.0.0.1:$MGMT_PORT/, node $RMQ_NODE, pid $pid) ($(elapsed "$t0"))"
}

# Erlang puts the cause first and pages of crash report after it, so show the
# first errors as well as the end of the log.
rmq_failure_report() {
  if grep -q '\[error\]' "$RMQ_LOG" 2>/dev/null; then
    say "    --- first errors in $RMQ_LOG ---"
    grep -m 12 '\[error\]' "$RMQ_LOG" | sed 's/^/    | /'
  fi
  log_tail "$RMQ_LOG" 6
  say "    (node logs: $STATE/logs/rabbitmq/)"
}

rmq_stop() {
  local t0 pid launcher epmd_pid="" p stopped="" beams=""
  t0=$(now_us)
  rmq_paths
  launcher=$(rmq_launcher_pid) || launcher=""
  # Remember the launcher's beam child: if the node is still booting there is
  # no pid file yet, and the child is the only handle on it.
  [[ -n $launcher ]] && beams=$(ps -o pid= --ppid "$launcher" 2>/dev/null || true)
  if pid=$(rmq_our_pid); then
    # With the pid file, "stop" returns only once the node process is gone.
    if ! rmqctl stop "$RMQ_PIDFILE" >>"$RMQ_LOG" 2>&1; then
      say "RabbitMQ: rabbitmqctl stop failed; killing pid $pid"
    fi
    kill_and_wait "$pid" 15 || say "RabbitMQ: pid $pid survived SIGKILL"
    stopped=1
  fi
  if [[ -n $launcher ]]; then
    # The launcher turns TERM into a graceful stop of its node and waits.
    kill_and_wait "$launcher" 20 || true
    for p in $beams; do
      pid_matches "$p" "-home $RMQ_HOME " && { kill_and_wait "$p" 10 || true; }
    done
  fi
  # Our epmd, by pid, plus any epmd on our private port (the node may have
  # started one itself if ours had died). Never the shared one on 4369.
  if epmd_pid=$(epmd_our_pid); then kill_and_wait "$epmd_pid" 5 || true; fi
  for p in $(port_pids "$EPMD_PORT"); do
    if [[ $(cat "/proc/$p/comm" 2>/dev/null) == epmd ]]; then
      kill_and_wait "$p" 5 || true
      epmd_pid=$p
    fi
  done
  rm -f "$RMQ_PIDFILE" "$RMQ_LAUNCHER_PIDFILE" "$EPMD_PIDFILE"
  if [[ -n $stopped || -n $launcher || -n $epmd_pid ]]; then
    say "RabbitMQ: stopped ($(elapsed "$t0"))"
  else
    say "RabbitMQ: not running"
  fi
}

rmq_status() {
  local pid
  rmq_paths
  if pid=$(rmq_our_pid) && port_held_by "$AMQP_PORT" "$pid"; then
    local mgmt=down
    port_held_by "$MGMT_PORT" "$pid" && mgmt=up
    say "rabbitmq  up    127.0.0.1:$AMQP_PORT  management=$mgmt(:$MGMT_PORT) node=$RMQ_NODE pid=$pid"
  elif [[ -n ${pid:-} ]]; then
    say "rabbitmq  DOWN  127.0.0.1:$AMQP_PORT  (node pid $pid runs but does not listen on this port yet)"
    return 1
  elif port_in_use "$AMQP_PORT"; then
    say "rabbitmq  DOWN  127.0.0.1:$AMQP_PORT  (port held by another process: $(port_owner "$AMQP_PORT"))"
    return 1
  else
    say "rabbitmq  down  127.0.0.1:$AMQP_PORT"
    return 1
  fi
}

rmq_env_lines() {
  export_line ConnectionStrings__rabbitmq "amqp://guest:guest@127.0.0.1:$AMQP_PORT/"
  export_line ARSCALE_RABBIT_MANAGEMENT_URL "http://127.0.0.1:$MGMT_PORT/"
}
