#!/usr/bin/python3
"""The replay controls of the real plantar-view under Xvfb (issue 6, Replay).

On a simulated session with two trials (a walk on the 256x64 walkway, then a static stance):
- the walkway is drawn across the wide Plate panel, and upright with --upright;
- the timeline's bar shows each step of `plantar analyze --json` as a span at the step's x position,
  left steps blue in the upper row, right steps orange in the lower one, with the bar's background
  between steps;
- `--trial 1` shows trial 1 (the static stance): the screenshot's print matches that trial's frame;
- `--bench` and `--bench-scrub` print a bench line (parsable, frames > 0);
- a corrupt file on the command line exits 1 with one line naming the file;
- a folder on the command line opens the Open dialog there (screenshot);
- a session still being written (plantard --source sim --record on a private endpoint) is followed:
  over a --bench run the trial's frame count grows.
Never skips: a missing Xvfb is a failure.
"""
import json
import os
import re
import shutil
import signal
import subprocess
import sys
import tempfile
import time

import h5py
import numpy as np

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from png_reader import read_png  # noqa: E402
from viewer_checks import check, finish, run_viewer, start

PLANTAR = os.environ["PLANTAR_BIN"]
PLANTARD = os.environ["PLANTARD_BIN"]
VIEW = os.environ["PLANTAR_VIEW_BIN"]
WORK = os.environ.get("PLANTAR_TEST_DIR", "/tmp/plantar-view-replay-test")
BACKGROUND = (24, 24, 28)        # viz/include/plantar/viz/colour_map.hpp, kBackground
BAR_BACKGROUND = (40, 40, 46)    # viz/plantar_view/timeline_panel.cpp, kBarBackground
LEFT_STEP = (70, 150, 255)       # kLeftStep
RIGHT_STEP = (255, 140, 40)      # kRightStep
LEFT_STEP_CUT = (32, 68, 115)    # kLeftStepCut: a step cut by the plate edge or the recording
RIGHT_STEP_CUT = (115, 63, 18)   # kRightStepCut
BENCH = re.compile(r"bench (replay|replay-scrub): frames (\d+) in ([\d.]+) s = ([\d.]+) fps; frame ms mean ([\d.]+) "
                   r"median ([\d.]+) p99 ([\d.]+) max ([\d.]+); over 50 ms (\d+)")


def viewer(arguments, timeout=300):
    return run_viewer([VIEW] + arguments, capture_output=True,
                          text=True, timeout=timeout)


def screenshot(session, name, extra):
    png = os.path.join(WORK, name)
    run = viewer([session, "--screenshot", png, "--size", "1600x1000", "--no-overlays"] + extra)
    check(run.returncode == 0, "screenshot %s: exit 0 (%s)" % (name, run.stderr.strip()))
    return read_png(png), run.stdout


def near(pixel, colour, tolerance=12):
    return all(abs(int(pixel[i]) - colour[i]) <= tolerance for i in range(3))


def check_step_spans(session):
    analysis = json.loads(subprocess.run([PLANTAR, "analyze", "--json", session, "--trial", "0"], check=True,
                                         capture_output=True, text=True).stdout)["trials"][0]
    steps = analysis["steps"]
    frames = analysis["frames"]
    sides = {s["side"] for s in steps if s["complete"]}
    check(sides == {"left", "right"} and len(steps) >= 4,
          "plantar analyze finds complete steps of both feet on the walkway (%d steps)" % len(steps))
    image, out = screenshot(session, "timeline.png", ["--trial", "0", "--frame", "0"])
    match = re.search(r"timeline bar at x=(\d+) y=(\d+) width=(\d+) height=(\d+) of (\d+) frames", out)
    check(match is not None, "it says where the timeline's bar is: " + out.strip())
    if match is None:
        return
    x0, y0, width, height, bar_frames = [int(v) for v in match.groups()]
    # The 2 m walkway fills the wide Plate panel turned across it (walking left to right), and
    # stands upright with --upright.
    plate = re.search(r"heatmap at x=\d+ y=\d+ width=(\d+) height=(\d+)", out)
    check(plate is not None and int(plate.group(1)) > 3 * int(plate.group(2)),
          "the walkway is drawn across the window, about 4 times as wide as high: " + (plate.group(0) if plate else out))
    _, upright_out = screenshot(session, "upright.png", ["--trial", "0", "--frame", "0", "--upright"])
    upright = re.search(r"heatmap at x=\d+ y=\d+ width=(\d+) height=(\d+)", upright_out)
    check(upright is not None and int(upright.group(2)) > 3 * int(upright.group(1)),
          "with --upright it stands, about 4 times as high as wide: " + (upright.group(0) if upright else upright_out))
    check(bar_frames == frames, "the bar spans the trial's %d frames (%d)" % (frames, bar_frames))
    # Rows as timeline_panel.cpp lays them out: track (30 %), left steps, right steps.
    track = int(height * 0.3)
    row = (height - track - 2) // 2
    rows = {"left": y0 + track + 1 + row // 2, "right": y0 + track + 1 + row + 1 + row // 2}
    colours = {"left": LEFT_STEP, "right": RIGHT_STEP}
    cut_colours = {"left": LEFT_STEP_CUT, "right": RIGHT_STEP_CUT}

    def x_of(frame):
        return x0 + width * frame / frames

    for number, step in enumerate(steps):
        if step["side"] not in rows:
            continue
        centre = int((x_of(step["first_frame"]) + x_of(step["last_frame"] + 1)) / 2)
        pixel = image[rows[step["side"]], centre]
        colour = colours[step["side"]] if step["complete"] else cut_colours[step["side"]]
        check(near(pixel, colour),
              "%s step %d (%s, frames %d-%d) is drawn at x=%d in the %s row: %s" %
              ("complete" if step["complete"] else "cut (dimmer)", number, step["side"], step["first_frame"],
               step["last_frame"], centre, step["side"], tuple(pixel[:3])))
    # Between two steps of the same foot: the bar's background in that foot's row.
    for side in rows:
        same = [s for s in steps if s["side"] == side]
        for before, after in zip(same, same[1:]):
            if after["first_frame"] - before["last_frame"] > 10:
                gap = int((x_of(before["last_frame"] + 1) + x_of(after["first_frame"])) / 2)
                check(near(image[rows[side], gap], BAR_BACKGROUND, 4),
                      "between two %s steps (x=%d) the %s row is empty" % (side, gap, side))
                break


def check_second_trial(session):
    with h5py.File(session, "r") as f:
        pressure = f["trials/0001/pressure"]
        frame = pressure.shape[0] // 2
        loaded = pressure[frame] > 0
    image, out = screenshot(session, "trial1.png", ["--trial", "1", "--frame", str(frame)])
    check(("trial 1 frame %d" % frame) in out, "it shows trial 1 frame %d: %s" % (frame, out.strip()))
    match = re.search(r"heatmap at x=(\d+) y=(\d+) width=(\d+) height=(\d+)", out)
    if match is None:
        check(False, "it says where the heatmap is")
        return
    x0, y0, width, height = [int(v) for v in match.groups()]
    rows, cols = loaded.shape

    def coloured(r, c):
        px = int(x0 + (c + 0.5) * width / cols)
        py = int(y0 + (rows - 1 - r + 0.5) * height / rows)
        return not near(image[py, px], BACKGROUND, 3)

    shown = np.array([[coloured(r, c) for c in range(cols)] for r in range(rows)])
    check(loaded.sum() > 0 and (shown & loaded).sum() == loaded.sum(),
          "every loaded sensor of trial 1's frame %d shows a print colour (%d of %d)" %
          (frame, (shown & loaded).sum(), loaded.sum()))
    # Trial 1 is on the 64x64 clinical plate, trial 0 on the 256x64 walkway: sensors away from any
    # load of trial 1's frame show the background, so no other frame is drawn there.
    padded = np.pad(loaded, 1)
    near_load = np.zeros_like(loaded)
    for dr in range(3):
        for dc in range(3):
            near_load |= padded[dr:dr + rows, dc:dc + cols]
    stray = (shown & ~near_load).sum()
    check(stray == 0, "unloaded sensors of trial 1's frame %d away from its load show the background (%d do not)" %
          (frame, stray))


def check_bench(session):
    for extra, case in (([], "replay"), (["--bench-scrub"], "replay-scrub")):
        run = viewer([session, "--bench", "2", "--size", "1280x800"] + extra)
        match = BENCH.search(run.stdout)
        check(run.returncode == 0 and match is not None and match.group(1) == case and int(match.group(2)) > 0,
              "--bench 2 %s prints a '%s' line with frames > 0: %s" % (" ".join(extra), case, run.stdout.strip()))


def check_corrupt_file():
    corrupt = os.path.join(WORK, "corrupt.h5")
    with open(corrupt, "wb") as f:
        f.write(b"\x89HDF\r\n\x1a\n" + os.urandom(4000))
    run = viewer([corrupt])
    check(run.returncode == 1 and run.stderr.count("\n") == 1 and "corrupt.h5" in run.stderr,
          "a corrupt file: exit 1 and one line naming it: %r" % run.stderr)


def check_folder_opens_dialog():
    png = os.path.join(WORK, "dialog.png")
    run = viewer([WORK, "--screenshot", png, "--size", "1280x800"])
    check(run.returncode == 0 and "the Open dialog" in run.stdout and os.path.getsize(png) > 0,
          "a folder on the command line opens the Open dialog there: %s %s" % (run.stdout.strip(), run.stderr.strip()))


def check_follow():
    folder = tempfile.mkdtemp(prefix="plantard-", dir=WORK)
    growing = os.path.join(WORK, "growing.h5")
    daemon = subprocess.Popen([PLANTARD, "--source", "sim", "--endpoint", "ipc://" + os.path.join(folder, "plantard"),
                               "--record", growing, "--force"], stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
                              text=True)
    try:
        deadline = time.monotonic() + 30
        while time.monotonic() < deadline and not os.path.exists(growing):
            time.sleep(0.1)
        time.sleep(2.0)  # a few flushes (every 250 ms)
        run = viewer([growing, "--bench", "3", "--size", "1280x800"])
        match = re.search(r"trial \d+ had (\d+) frames at the start and (\d+) at the end", run.stdout)
        check(run.returncode == 0 and match is not None and 0 < int(match.group(1)) < int(match.group(2)),
              "a session being written is followed: its frame count grew during --bench 3: %s %s" %
              (run.stdout.strip(), run.stderr.strip()))
    finally:
        daemon.send_signal(signal.SIGINT)
        try:
            daemon.wait(timeout=30)
        except subprocess.TimeoutExpired:
            daemon.kill()
            daemon.wait()
        shutil.rmtree(folder, ignore_errors=True)


def main():
    if not start(WORK):
        return 1
    session = os.path.join(WORK, "walk.h5")
    subprocess.run([PLANTAR, "simulate", "-o", session, "--plate", "walkway", "--seconds", "6", "--seed", "3"], check=True,
                   capture_output=True)
    subprocess.run([PLANTAR, "simulate", "-o", session, "--append", "--scenario", "static", "--seconds", "2", "--seed", "4"],
                   check=True, capture_output=True)
    check_step_spans(session)
    check_second_trial(session)
    check_bench(session)
    check_corrupt_file()
    check_folder_opens_dialog()
    check_follow()
    return finish()


if __name__ == "__main__":
    sys.exit(main())
