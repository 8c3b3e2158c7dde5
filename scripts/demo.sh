#!/usr/bin/env bash
# The main job of `./dev demo`: simulate a walking trial on a 2 m walkway (three or more steps
# of each foot), store it as a session, analyse it, store the analysis back into the session,
# and print the per-foot summary. Then the live viewer: with a display ($DISPLAY or
# $WAYLAND_DISPLAY) `plantar-view --live` opens, starting plantard on the simulated plate (and
# stopping it when the window closes); headless, a live screenshot is written on a virtual
# display (Xvfb) into demo-output/live.png instead.
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
if ! command -v Xvfb >/dev/null; then
  echo "No display (\$DISPLAY and \$WAYLAND_DISPLAY are empty) and no Xvfb: skipping the live viewer."
  exit 0
fi
echo "No display (\$DISPLAY and \$WAYLAND_DISPLAY are empty): writing a live screenshot on a virtual display (Xvfb) instead."
# Our own Xvfb on a display number it picks (-displayfd), stopped when the script ends. Not
# xvfb-run: its cleanup fails now and then and leaves an X server behind (tests/viz/viewer_checks.py).
announced=$(mktemp)
Xvfb -displayfd 3 -screen 0 1600x1000x24 -nolisten tcp 3>"$announced" 2>/dev/null &
xvfb_pid=$!
trap 'kill "$xvfb_pid" 2>/dev/null; wait "$xvfb_pid" 2>/dev/null; rm -f "$announced"' EXIT
for _ in $(seq 100); do
  [ -s "$announced" ] && break
  kill -0 "$xvfb_pid" 2>/dev/null || { echo "demo: Xvfb did not start" >&2; exit 1; }
  sleep 0.1
done
DISPLAY=":$(head -n1 "$announced")" "$viewer" --live --screenshot demo-output/live.png --size 1600x1000 --wait 20
echo "The live view (the simulated plate, started and stopped by the viewer) is in demo-output/live.png"
