#!/usr/bin/env bash
# The README's scale-out recipes, tested for real (issue 16): installs Slurm, munge and GNU parallel
# from Debian, then runs `npm run test:scale-out`, writing jest's JSON summary to $1.
#   bash .ci/scale-out.sh SUMMARY.json
# The Slurm test starts a throwaway one-node cluster in $TVEM_SLURM_DIR and stops it itself; the
# trap below stops it again whatever happens to jest (a kill, a timeout).
set -uo pipefail
cd "$(dirname "$0")/.." || exit 1
summary=${1:?usage: .ci/scale-out.sh SUMMARY.json}

install() { DEBIAN_FRONTEND=noninteractive apt-get install -y -qq slurm-wlm munge parallel >/dev/null 2>&1; }
if ! install && ! { apt-get update -qq >/dev/null 2>&1 && install; }; then
  # The tests then fail, naming what is missing.
  echo "could not install slurm-wlm munge parallel"
fi

TVEM_SLURM_DIR=$(mktemp -d "${TMPDIR:-/tmp}/tvem-slurm-XXXXXX")
export TVEM_SLURM_DIR
trap 'bash .ci/slurm-down.sh "$TVEM_SLURM_DIR"' EXIT

npm run test:scale-out -- --json --outputFile="$summary"
