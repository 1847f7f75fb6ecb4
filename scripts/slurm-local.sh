#!/usr/bin/env bash
# A single-node Slurm on localhost, for the real-Slurm test (test/scale-out/slurm.test.ts) and for
# trying `cellsim slurm --submit` by hand. No systemd, no munge: slurmctld and slurmd run in the
# foreground (-D) in the background of this shell, with a private config and state folder, and
# AuthType=auth/none + CredType=cred/none (Debian's slurm-wlm-basic-plugins). Needs root (slurmd
# starts jobs as their user) and Debian's slurmctld slurmd slurm-client slurm-wlm-basic-plugins.
#
#   scripts/slurm-local.sh start [DIR]   write DIR/slurm.conf, start both daemons, wait until the
#                                        node is idle; prints `export SLURM_CONF=DIR/slurm.conf`
#   scripts/slurm-local.sh stop [DIR]    stop both daemons by the PIDs recorded in DIR
#
# DIR defaults to ${TMPDIR:-/tmp}/cellsim-slurm. Ports: 6817/6818 unless CELLSIM_SLURM_PORT is
# set (slurmctld on it, slurmd on it + 1). Only one such Slurm can run per port pair.
set -euo pipefail

action="${1:-}"
dir="${2:-${TMPDIR:-/tmp}/cellsim-slurm}"
port="${CELLSIM_SLURM_PORT:-6817}"
wait_sec="${CELLSIM_SLURM_WAIT_SEC:-60}"

die() {
  echo "slurm-local: $*" >&2
  exit 1
}

# The daemon whose PID file is $1 is alive.
alive() {
  [ -s "$1" ] && kill -0 "$(cat "$1")" 2>/dev/null
}

write_conf() {
  local node cpus mem_mb
  # slurmd finds its node by the short host name, so the node is named after it.
  node="$(hostname -s)"
  cpus="$(nproc)"
  # Half the memory, so a job's default request always fits and the node is never "drained"
  # for having less memory than configured.
  mem_mb="$(awk '/^MemTotal:/ { print int($2 / 1024 / 2) }' /proc/meminfo)"
  mkdir -p "$dir/state" "$dir/spool" "$dir/log"
  cat >"$dir/slurm.conf" <<EOF
ClusterName=cellsim-local
SlurmctldHost=$node(127.0.0.1)
SlurmctldPort=$port
SlurmdPort=$((port + 1))
SlurmUser=root
SlurmdUser=root
AuthType=auth/none
CredType=cred/none
StateSaveLocation=$dir/state
SlurmdSpoolDir=$dir/spool
SlurmctldPidFile=$dir/slurmctld.pid
SlurmdPidFile=$dir/slurmd.pid
SlurmctldLogFile=$dir/log/slurmctld.log
SlurmdLogFile=$dir/log/slurmd.log
ProctrackType=proctrack/linuxproc
TaskPlugin=task/none
JobAcctGatherType=jobacct_gather/none
AccountingStorageType=accounting_storage/none
JobCompType=jobcomp/none
MpiDefault=none
SchedulerType=sched/backfill
SelectType=select/cons_tres
SelectTypeParameters=CR_Core
ReturnToService=2
SlurmdTimeout=30
NodeName=$node NodeAddr=127.0.0.1 CPUs=$cpus RealMemory=$mem_mb State=UNKNOWN
PartitionName=local Nodes=ALL Default=YES MaxTime=INFINITE State=UP
EOF
}

start() {
  command -v slurmctld >/dev/null && command -v slurmd >/dev/null && command -v sinfo >/dev/null ||
    die "slurmctld, slurmd or sinfo not found: apt-get install -y slurmctld slurmd slurm-client slurm-wlm-basic-plugins"
  alive "$dir/slurmctld.pid" && die "already running in $dir (stop it first: $0 stop $dir)"
  write_conf
  export SLURM_CONF="$dir/slurm.conf"
  # -i: ignore state left by an earlier run in this folder; -D: foreground, so $! is the daemon.
  slurmctld -D -i -f "$SLURM_CONF" >>"$dir/log/slurmctld.out" 2>&1 &
  echo $! >"$dir/slurmctld.pid"
  slurmd -D -f "$SLURM_CONF" >>"$dir/log/slurmd.out" 2>&1 &
  echo $! >"$dir/slurmd.pid"
  local deadline=$((SECONDS + wait_sec)) state=""
  while [ $SECONDS -lt $deadline ]; do
    alive "$dir/slurmctld.pid" || { tail -20 "$dir/log/slurmctld.log" >&2 || true; stop; die "slurmctld exited (log: $dir/log/)"; }
    alive "$dir/slurmd.pid" || { tail -20 "$dir/log/slurmd.log" >&2 || true; stop; die "slurmd exited (log: $dir/log/)"; }
    state="$(sinfo -h -N -o '%t' 2>/dev/null | head -1 || true)"
    [ "$state" = "idle" ] && { echo "export SLURM_CONF=$SLURM_CONF"; return 0; }
    sleep 0.5
  done
  stop
  die "the node did not become idle within ${wait_sec} s (last state: '${state}'; logs: $dir/log/)"
}

# Stops a daemon by its recorded PID: TERM, then KILL after 10 s.
stop_one() {
  local pidfile="$dir/$1.pid" pid i
  [ -s "$pidfile" ] || return 0
  pid="$(cat "$pidfile")"
  if kill -0 "$pid" 2>/dev/null; then
    kill -TERM "$pid" 2>/dev/null || true
    for i in $(seq 1 100); do
      kill -0 "$pid" 2>/dev/null || break
      sleep 0.1
    done
    kill -0 "$pid" 2>/dev/null && kill -KILL "$pid" 2>/dev/null || true
  fi
  rm -f "$pidfile"
}

stop() {
  stop_one slurmd
  stop_one slurmctld
}

case "$action" in
start) start ;;
stop) stop ;;
*) die "usage: $0 start|stop [DIR]" ;;
esac
