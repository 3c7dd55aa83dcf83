#!/bin/bash
#SBATCH --job-name=tvem-reproduce
#SBATCH --array=1-4
#SBATCH --output=tvem-shard-%A_%a.out
#
# `tvem reproduce` as a Slurm job array: task i of 4 runs shard i/4 into runs/shard-i.
# Submit from the checkout (on a file system the nodes share):   sbatch examples/slurm-array.sh
# Extra arguments for every shard:  TVEM_ARGS='--quick --only A1,A2' sbatch examples/slurm-array.sh
# From another folder: TVEM_REPO=<checkout> sbatch <checkout>/examples/slurm-array.sh (runs/ is
# written where sbatch was run).
# Afterwards, once all four tasks have finished:
#   npx tvem merge runs/shard-* --out runs/merged
set -euo pipefail
# shellcheck disable=SC2086 # TVEM_ARGS is split into words on purpose
npx --prefix "${TVEM_REPO:-.}" tvem reproduce --seed "${SEED:-20250209}" \
  --shard "${SLURM_ARRAY_TASK_ID}/4" --out "runs/shard-${SLURM_ARRAY_TASK_ID}" ${TVEM_ARGS:-}
