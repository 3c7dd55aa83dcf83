#!/bin/bash
# `tvem reproduce` in four shards on this machine with GNU parallel (one shard per core at a
# time), then the merge into runs/merged. Run from the checkout:   bash examples/parallel.sh
# Extra arguments for every shard:  TVEM_ARGS='--quick --only A1,A2' bash examples/parallel.sh
# From another folder: TVEM_REPO=<checkout> bash <checkout>/examples/parallel.sh (runs/ is
# written in the current folder).
set -euo pipefail
repo=${TVEM_REPO:-.}
# shellcheck disable=SC2086 # TVEM_ARGS is split into words on purpose
parallel --halt now,fail=1 --line-buffer --tagstring 'shard {}' \
  npx --prefix "$repo" tvem reproduce --seed "${SEED:-20250209}" --shard {}/4 --out runs/shard-{} ${TVEM_ARGS:-} \
  ::: 1 2 3 4
npx --prefix "$repo" tvem merge runs/shard-1 runs/shard-2 runs/shard-3 runs/shard-4 --out runs/merged
