#!/usr/bin/env bash
# The main job of `./dev demo`: simulate a walking trial on a 2 m walkway (three or more steps
# of each foot), store it as a session, analyse it, store the analysis back into the session,
# and print the per-foot summary. Then the live viewer: with a display ($DISPLAY or
# $WAYLAND_DISPLAY) `plantar-view --live` opens, starting plantard on the simulated plate (and
# stopping it when the window closes); headless, a live screenshot is written under xvfb-run
# into demo-output/live.png instead.
set -euo pipefail
cd "$(dirname "$0")/.."
build_dir=${1:-build}
plantar="$build_dir/cli/plantar"
viewer="$build_dir/viz/plantar-view"
mkdir -p demo-output
"$plantar" simulate --scenario walk --plate 256x64 --seconds 10 --rate 100 --seed 1 --force -o demo-output/walk.h5
echo
"$plantar" analyze demo-output/walk.h5 --store
echo
echo "The session, with its analysis, is in demo-output/walk.h5. Try:"
echo "  $plantar analyze demo-output/walk.h5 --json"
echo "  $plantar info demo-output/walk.h5 --json"
echo "  $plantar export demo-output/walk.h5 --csv demo-output/walk.csv"
echo "  $viewer demo-output/walk.h5"
echo
# The viewer finds the plantard of this build next to it; $PLANTARD names another one.
export PLANTARD="${PLANTARD:-$build_dir/capture/plantard}"
if [ -n "${DISPLAY:-}" ] || [ -n "${WAYLAND_DISPLAY:-}" ]; then
  echo "Opening the live viewer on the simulated plate: $viewer --live (close the window to end the demo)"
  exec "$viewer" --live
fi
if ! command -v xvfb-run >/dev/null; then
  echo "No display (\$DISPLAY and \$WAYLAND_DISPLAY are empty) and no xvfb-run: skipping the live viewer."
  exit 0
fi
echo "No display (\$DISPLAY and \$WAYLAND_DISPLAY are empty): writing a live screenshot under xvfb-run instead."
xvfb-run -a -s "-screen 0 1600x1000x24" "$viewer" --live --screenshot demo-output/live.png --size 1600x1000 --wait 20
echo "The live view (the simulated plate, started and stopped by the viewer) is in demo-output/live.png"
