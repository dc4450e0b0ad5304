# shellcheck shell=bash
# SMTP sink: aiosmtpd (Maildir, fast, for tests and load) or maildev (web UI
# and HTTP API to look at mail, single-threaded, for dev).

smtp_paths() {
  MAILDIR=$STATE/mail
  MAILDEV_DIR=$STATE/maildev
  # The package's bin path moved between releases; npm's shim knows it.
  MAILDEV_BIN=$TOOLS_DIR/node_modules/.bin/maildev
  SMTP_LOG=$STATE/logs/$SMTP_SINK.log
  SMTP_PIDFILE=$STATE/pids/$SMTP_SINK.pid
}

# The text that identifies a sink's command line as this profile's.
smtp_marker() {
  case $1 in
    # Includes the handler name: "$STATE/mail" alone is a prefix of maildev's.
    aiosmtpd) printf '%s' "aiosmtpd.handlers.Mailbox $STATE/mail" ;;
    maildev) printf '%s' "$STATE/maildev" ;;
  esac
}

smtp_sink_pid() {
  local sink=$1 pid
  pid=$(read_pid "$STATE/pids/$sink.pid")
  pid_matches "$pid" "$(smtp_marker "$sink")" && printf '%s' "$pid"
}

smtp_preflight() {
  local other=aiosmtpd pid
  [[ $SMTP_SINK == aiosmtpd ]] && other=maildev
  if pid=$(smtp_sink_pid "$other"); then
    say "SMTP: this profile's $other sink (pid $pid) is running; run 'scripts/infra.sh stop --profile $PROFILE' before switching to $SMTP_SINK."
    return 1
  fi
  # Ours already: smtp_start takes it from there.
  smtp_sink_pid "$SMTP_SINK" >/dev/null && return 0
  local rc=0
  require_free_port "SMTP ($SMTP_SINK)" "$SMTP_PORT" ARSCALE_SMTP_PORT || rc=1
  if [[ $SMTP_SINK == maildev ]]; then
    require_free_port "SMTP (maildev web)" "$WEB_PORT" ARSCALE_MAIL_WEB_PORT || rc=1
  fi
  return "$rc"
}

smtp_start() {
  local t0 pid fresh=1
  t0=$(now_us)
  smtp_paths
  if pid=$(smtp_sink_pid "$SMTP_SINK"); then
    fresh=0
  else
    smtp_preflight || return 1
    smtp_launch || return 1
    pid=$SPAWNED_PID
    printf '%s\n' "$pid" >"$SMTP_PIDFILE"
  fi
  local port rc ports=("$SMTP_PORT")
  [[ $SMTP_SINK == maildev ]] && ports+=("$WEB_PORT")
  for port in "${ports[@]}"; do
    rc=0
    wait_tcp "$port" 20 "$pid" || rc=$?
    ((rc == 0)) && port_held_by "$port" "$pid" && continue
    if ((rc == 2)); then
      say "SMTP: $SMTP_SINK exited while starting."
    else
      say "SMTP: $SMTP_SINK (pid $pid) does not listen on 127.0.0.1:$port (waited 20 s)."
    fi
    log_tail "$SMTP_LOG"
    return 1
  done
  if ((!fresh)); then
    say "SMTP: $SMTP_SINK already running on 127.0.0.1:$SMTP_PORT (pid $pid)"
  elif [[ $SMTP_SINK == maildev ]]; then
    say "SMTP: maildev up on 127.0.0.1:$SMTP_PORT (web/API http://127.0.0.1:$WEB_PORT/, pid $pid) ($(elapsed "$t0"))"
  else
    say "SMTP: aiosmtpd up on 127.0.0.1:$SMTP_PORT (Maildir $MAILDIR, pid $pid) ($(elapsed "$t0"))"
  fi
}

# Starts the selected sink; sets SPAWNED_PID.
smtp_launch() {
  : >"$SMTP_LOG"
  case $SMTP_SINK in
    aiosmtpd)
      /usr/bin/python3 -c 'import aiosmtpd' 2>/dev/null || {
        say "SMTP: /usr/bin/python3 cannot import aiosmtpd; install python3-aiosmtpd"
        return 1
      }
      mkdir -p "$MAILDIR/new" "$MAILDIR/cur" "$MAILDIR/tmp"
      # /usr/bin/python3 on purpose: the python3 first on PATH may be a
      # pyenv build that cannot see Debian's modules. -n: stay root rather
      # than switch to "nobody", which could not write the Maildir.
      # -u: SMTPUTF8 for non-ASCII addresses; 64 MiB covers big attachments.
      # PYTHONUNBUFFERED so a crash shows up in the log at once.
      PYTHONUNBUFFERED=1 spawn_detached "$SMTP_LOG" /usr/bin/python3 -m aiosmtpd -n -u \
        -s 67108864 -l "127.0.0.1:$SMTP_PORT" -c aiosmtpd.handlers.Mailbox "$MAILDIR"
      ;;
    maildev)
      [[ -e $MAILDEV_BIN ]] || {
        say "SMTP: maildev not installed in $TOOLS_DIR (start installs it)"
        return 1
      }
      mkdir -p "$MAILDEV_DIR"
      # node directly (not npx or the .bin shim) so the recorded pid is the
      # server itself.
      spawn_detached "$SMTP_LOG" node "$(readlink -f -- "$MAILDEV_BIN")" --smtp "$SMTP_PORT" --web "$WEB_PORT" \
        --ip 127.0.0.1 --web-ip 127.0.0.1 --mail-directory "$MAILDEV_DIR"
      ;;
  esac
}

smtp_stop() {
  local t0 sink pid any=0
  t0=$(now_us)
  smtp_paths
  # Both sinks: the one running may not be the one currently selected.
  for sink in aiosmtpd maildev; do
    if pid=$(smtp_sink_pid "$sink"); then
      kill_and_wait "$pid" 10 || say "SMTP: $sink pid $pid survived SIGKILL"
      any=1
    fi
    rm -f "$STATE/pids/$sink.pid"
  done
  if ((any)); then
    say "SMTP: stopped ($(elapsed "$t0"))"
  else
    say "SMTP: not running"
  fi
}

smtp_status() {
  local pid
  smtp_paths
  if pid=$(smtp_sink_pid "$SMTP_SINK") && port_held_by "$SMTP_PORT" "$pid"; then
    if [[ $SMTP_SINK == maildev ]]; then
      say "smtp      up    127.0.0.1:$SMTP_PORT  sink=maildev web=http://127.0.0.1:$WEB_PORT/ pid=$pid"
    else
      say "smtp      up    127.0.0.1:$SMTP_PORT  sink=aiosmtpd maildir=$MAILDIR pid=$pid"
    fi
  elif port_in_use "$SMTP_PORT"; then
    say "smtp      DOWN  127.0.0.1:$SMTP_PORT  sink=$SMTP_SINK (port held by another process: $(port_owner "$SMTP_PORT"))"
    return 1
  else
    say "smtp      down  127.0.0.1:$SMTP_PORT  sink=$SMTP_SINK"
    return 1
  fi
}

smtp_env_lines() {
  export_line ConnectionStrings__smtp "smtp://127.0.0.1:$SMTP_PORT"
  export_line ARSCALE_SMTP_SINK "$SMTP_SINK"
  if [[ $SMTP_SINK == maildev ]]; then
    export_line ARSCALE_MAIL_WEB_URL "http://127.0.0.1:$WEB_PORT/"
    say "unset ARSCALE_SMTP_MAILDIR"
  else
    export_line ARSCALE_SMTP_MAILDIR "$STATE/mail"
    say "unset ARSCALE_MAIL_WEB_URL"
  fi
}
