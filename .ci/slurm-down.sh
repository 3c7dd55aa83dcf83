#!/usr/bin/env bash
# Stops the throwaway cluster that .ci/slurm-up.sh DIR started, and removes DIR (keeps it with
# --keep). Safe to call more than once, after a failed start, or on a DIR that was never used:
# it only signals the processes whose ids DIR's pid files hold.
set -uo pipefail

dir=${1:?usage: slurm-down.sh DIR [--keep]}
keep=${2:-}
[ -d "$dir" ] || exit 0

if [ -f "$dir/slurm.conf" ] && command -v scancel >/dev/null 2>&1 && [ -f "$dir/slurmctld.pid" ]; then
  export SLURM_CONF=$dir/slurm.conf
  if timeout 10 scancel --quiet --user="$(id -un)" >/dev/null 2>&1; then
    for _ in $(seq 1 40); do
      [ -z "$(timeout 5 squeue -h -o %i 2>/dev/null)" ] && break
      sleep 0.25
    done
  fi
fi

# Running jobs' steps (slurmstepd) are children of slurmd's; stop those first, then the daemons.
stop() {
  local pidfile=$1 pid
  [ -f "$pidfile" ] || return 0
  pid=$(cat "$pidfile" 2>/dev/null)
  [ -n "$pid" ] && kill -0 "$pid" 2>/dev/null || return 0
  kill -TERM "$pid" 2>/dev/null
  for _ in $(seq 1 40); do
    kill -0 "$pid" 2>/dev/null || return 0
    sleep 0.25
  done
  kill -KILL "$pid" 2>/dev/null
}
stop "$dir/slurmd.pid"
stop "$dir/slurmctld.pid"
stop "$dir/munge/munged.pid"

# A slurmstepd left behind (its job outlived scancel) inherited this cluster's SLURM_CONF from slurmd.
for proc in /proc/[0-9]*; do
  if [ "$(cat "$proc/comm" 2>/dev/null)" = slurmstepd ] && tr '\0' '\n' <"$proc/environ" 2>/dev/null | grep -qxF "SLURM_CONF=$dir/slurm.conf"; then
    kill -KILL "${proc#/proc/}" 2>/dev/null || true
  fi
done

[ "$keep" = --keep ] || rm -rf "$dir"
exit 0
