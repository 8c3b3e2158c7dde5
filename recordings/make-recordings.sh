#!/usr/bin/env bash
# Remakes the example sessions in this folder with `plantar simulate`. The simulator is
# deterministic from its seed, so the same build gives the same frames (timestamps of creation
# and host arrival differ). Usage: recordings/make-recordings.sh [path/to/plantar]
set -euo pipefail
cd "$(dirname "$0")"
plantar=${1:-../build/cli/plantar}
export PLANTAR_PROGRESS=0

"$plantar" simulate --force --scenario walk --foot-type normal --seconds 10 --rate 100 --seed 1 \
  --subject SIM-0001 -o walk-normal-clinical.h5 >/dev/null

"$plantar" simulate --force --scenario static --foot-type flat --body-mass 85 --seconds 10 --rate 50 --seed 2 \
  --subject SIM-0002 -o static-flat-clinical.h5 >/dev/null

"$plantar" simulate --force --scenario walk --foot-type high-arch --pronation -0.6 --plate walkway --seconds 8 \
  --rate 100 --seed 3 --subject SIM-0003 -o walk-high-arch-supinated-walkway.h5 >/dev/null

# A screening as a clinic records it: standing, then walking, then a single step, one file.
"$plantar" simulate --force --scenario static --foot-type normal --pronation 0.6 --body-mass 64 --seconds 5 \
  --rate 50 --seed 4 --subject SIM-0004 -o screening-pronated.h5 >/dev/null
"$plantar" simulate --append --scenario walk --foot-type normal --pronation 0.6 --body-mass 64 --seconds 6 \
  --rate 100 --seed 5 -o screening-pronated.h5 >/dev/null
"$plantar" simulate --append --scenario step --foot-type normal --pronation 0.6 --body-mass 64 --seconds 2 \
  --rate 200 --seed 6 -o screening-pronated.h5 >/dev/null

ls -l *.h5
