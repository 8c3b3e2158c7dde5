#!/usr/bin/env bash
# The main job of `./dev demo`: simulate a walking trial on the clinical plate, store it as a
# session, and print its summary. (From the viewer issue on, this opens the viewer instead.)
set -euo pipefail
cd "$(dirname "$0")/.."
build_dir=${1:-build}
plantar="$build_dir/cli/plantar"
mkdir -p demo-output
"$plantar" simulate --scenario walk --seconds 10 --rate 100 --seed 1 --force -o demo-output/walk.h5
echo
echo "The session is in demo-output/walk.h5. Try:"
echo "  $plantar info demo-output/walk.h5 --json"
echo "  $plantar export demo-output/walk.h5 --csv demo-output/walk.csv"
