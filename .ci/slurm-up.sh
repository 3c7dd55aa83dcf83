#!/usr/bin/env bash
# A throwaway single-node Slurm cluster for the scale-out tests (properties/scale-out/).
#
#   bash .ci/slurm-up.sh DIR     # prints DIR; then: export SLURM_CONF=DIR/slurm.conf
#   bash .ci/slurm-down.sh DIR   # always, whatever the outcome
#
# Everything lives in DIR (created if missing): slurm.conf, a private munge key and socket, state,
# spool, pid and log files. It installs nothing: it needs slurm-wlm and munge
# (apt-get install slurm-wlm munge), and never touches /etc/slurm, /etc/munge or a running Slurm.
# The daemons listen on ports TVEM_SLURMCTLD_PORT (16817) and TVEM_SLURMD_PORT (16818), away from
# a real cluster's 6817/6818. Tested with Slurm 22.05 and munge 0.5.15 (Debian 12), as root.
set -euo pipefail

dir=${1:?usage: slurm-up.sh DIR}
here=$(cd "$(dirname "$0")" && pwd)

for tool in munged mungekey slurmctld slurmd sinfo sbatch; do
  command -v "$tool" >/dev/null 2>&1 || PATH=$PATH:/usr/sbin:/sbin
  if ! command -v "$tool" >/dev/null 2>&1; then
    echo "slurm-up: $tool is not installed: apt-get install slurm-wlm munge" >&2
    exit 1
  fi
done

mkdir -p "$dir"
dir=$(cd "$dir" && pwd)
chmod 700 "$dir"
mkdir -p "$dir/state" "$dir/spool" "$dir/munge"
chmod 700 "$dir/munge"

# If anything below fails, stop whatever was already started.
# shellcheck disable=SC2317 # called by the trap
on_exit() {
  local status=$?
  if [ "$status" -ne 0 ]; then
    echo "slurm-up: failed, logs in $dir" >&2
    cat "$dir/daemons.out" >&2 2>/dev/null
    bash "$here/slurm-down.sh" "$dir" --keep >&2
  fi
}
trap on_exit EXIT

# munge: a private daemon with its own key and socket.
[ -s "$dir/munge/munge.key" ] || dd if=/dev/urandom of="$dir/munge/munge.key" bs=1024 count=1 status=none
chmod 400 "$dir/munge/munge.key"
# The daemons detach; their own start-up messages go to daemons.out, never to the caller's pipes.
munged --force \
  --socket="$dir/munge/munge.socket" \
  --key-file="$dir/munge/munge.key" \
  --pid-file="$dir/munge/munged.pid" \
  --log-file="$dir/munge/munged.log" \
  --seed-file="$dir/munge/munged.seed" </dev/null >>"$dir/daemons.out" 2>&1

host=$(hostname -s)
cpus=$(nproc)
memory=$(($(awk '/^MemTotal:/ { print $2 }' /proc/meminfo) / 1024))
cat >"$dir/slurm.conf" <<EOF
# Written by .ci/slurm-up.sh: one node, everything in $dir.
ClusterName=tvem-ci
SlurmctldHost=$host(127.0.0.1)
SlurmctldPort=${TVEM_SLURMCTLD_PORT:-16817}
SlurmdPort=${TVEM_SLURMD_PORT:-16818}
SlurmUser=root
SlurmdUser=root
AuthType=auth/munge
CredType=cred/munge
AuthInfo=socket=$dir/munge/munge.socket
StateSaveLocation=$dir/state
SlurmdSpoolDir=$dir/spool/slurmd-%n
SlurmctldPidFile=$dir/slurmctld.pid
SlurmdPidFile=$dir/slurmd.pid
SlurmctldLogFile=$dir/slurmctld.log
SlurmdLogFile=$dir/slurmd.log
SelectType=select/cons_tres
SelectTypeParameters=CR_Core
ProctrackType=proctrack/linuxproc
TaskPlugin=task/none
JobAcctGatherType=jobacct_gather/none
AccountingStorageType=accounting_storage/none
MpiDefault=none
ReturnToService=2
MailProg=/bin/true
SchedulerType=sched/backfill
NodeName=$host NodeAddr=127.0.0.1 CPUs=$cpus RealMemory=$memory State=UNKNOWN
PartitionName=ci Nodes=$host Default=YES MaxTime=INFINITE State=UP
EOF
export SLURM_CONF=$dir/slurm.conf

slurmctld -f "$SLURM_CONF" </dev/null >>"$dir/daemons.out" 2>&1
slurmd -f "$SLURM_CONF" </dev/null >>"$dir/daemons.out" 2>&1

# Wait until the node is idle (at most a minute).
for _ in $(seq 1 120); do
  state=$(sinfo -h -N -o '%t' 2>/dev/null | head -n 1 || true)
  if [ "$state" = idle ]; then
    echo "$dir"
    exit 0
  fi
  sleep 0.5
done
echo "slurm-up: node $host not idle after 60 s (state: ${state:-none})" >&2
tail -n 20 "$dir/slurmctld.log" "$dir/slurmd.log" "$dir/munge/munged.log" >&2 || true
exit 1
