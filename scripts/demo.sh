#!/usr/bin/env bash
# The main job of `./dev demo`: simulate a walking trial on a 2 m walkway (three or more steps
# of each foot), store it as a session, analyse it, store the analysis back into the session,
# and print the per-foot summary. (From the viewer issue on, this opens the viewer instead.)
set -euo pipefail
cd "$(dirname "$0")/.."
build_dir=${1:-build}
plantar="$build_dir/cli/plantar"
mkdir -p demo-output
"$plantar" simulate --scenario walk --plate 256x64 --seconds 10 --rate 100 --seed 1 --force -o demo-output/walk.h5
echo
"$plantar" analyze demo-output/walk.h5 --store
echo
echo "The session, with its analysis, is in demo-output/walk.h5. Try:"
echo "  $plantar analyze demo-output/walk.h5 --json"
echo "  $plantar info demo-output/walk.h5 --json"
echo "  $plantar export demo-output/walk.h5 --csv demo-output/walk.csv"
