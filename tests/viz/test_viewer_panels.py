#!/usr/bin/python3
"""The Trial and Curves panels of the real plantar-view under Xvfb, against `plantar analyze --json`.

A simulated walk: `plantar-view --screenshot` at a frame in the middle of a step prints the
Trial panel's lines ("panel: ..."); each foot's foot type, arch index, pronation and CPEI are
those of `plantar analyze --json` for the trial, a BORDERLINE mark is there exactly when the JSON
says borderline, the "this step" line names the step the JSON has in stance at that frame, and
the steps table has every step. In the screenshot, the curves' stance band shows each step's
side colour at the step's time and no step colour between steps. A standing trial (`plantar
simulate --scenario static`): the balance line gives the JSON's ellipse area and the sway plot
has the yellow 95 % ellipse. Never skips: a missing Xvfb is a failure.
"""
import json
import os
import re
import subprocess
import sys

import numpy as np

from png_reader import read_png
from viewer_checks import check, finish, run_viewer, start

PLANTAR = os.environ["PLANTAR_BIN"]
VIEW = os.environ["PLANTAR_VIEW_BIN"]
WORK = os.environ.get("PLANTAR_TEST_DIR", "/tmp/plantar-view-panels-test")
# viz/plantar_view/curves_drawing.hpp
LEFT_STEP = (70, 150, 255)
RIGHT_STEP = (255, 140, 40)
ELLIPSE = (255, 230, 0)
REGION_CURVES = {"heel": (90, 170, 255), "midfoot": (110, 225, 110), "forefoot": (255, 165, 60), "toes": (200, 140, 255)}
STEP_BAND_HEIGHT = 8  # left in its upper half, right in its lower half


def near(pixel, colour, tolerance=10):
    return all(abs(int(pixel[i]) - colour[i]) <= tolerance for i in range(3))


def analyse(session):
    run = subprocess.run([PLANTAR, "analyze", session, "--json"], capture_output=True, text=True, check=True)
    return json.loads(run.stdout)["trials"][0]


def screenshot(session, frame, name):
    """The PNG and the "panel: " lines plantar-view prints."""
    png = os.path.join(WORK, name)
    cmd = [VIEW, session, "--screenshot", png, "--frame", str(frame),
           "--size", "1600x1000"]
    run = run_viewer(cmd, capture_output=True, text=True, timeout=300)
    check(run.returncode == 0, "plantar-view --screenshot at frame %d exits 0 (%s)" % (frame, run.stderr.strip()))
    lines = [line[len("panel: "):] for line in run.stdout.splitlines() if line.startswith("panel: ")]
    check(len(lines) > 5, "it prints the Trial panel's lines (%d)" % len(lines))
    return read_png(png), lines


def lines_of(lines, section):
    return [line[len(section) + 2:] for line in lines if line.startswith(section + ": ")]


def plot_rect(lines, which):
    for line in lines_of(lines, "curves"):
        match = re.match(which + r" plot at x=(\d+) y=(\d+) width=(\d+) height=(\d+)(?: from ([\d.]+) s to ([\d.]+) s)?", line)
        if match:
            return [int(v) for v in match.groups()[:4]], [float(v) for v in match.groups()[4:] if v is not None]
    check(False, "the %s plot's place is printed: %s" % (which, lines_of(lines, "curves")))
    return None, None


def check_foot(lines, side, foot):
    column = lines_of(lines, side)
    ft, pr = foot["foot_type"], foot["pronation"]
    expected = "Foot type: %s (arch index %.3f" % (ft["label"], ft["value"])
    check(any(line.startswith(expected) for line in column), "%s: '%s...' as in the JSON" % (side, expected))
    expected = "Pronation: %s (CPEI %.1f %%, z %+.2f" % (pr["label"], pr["value"], pr["z_score"])
    check(any(line.startswith(expected) for line in column), "%s: '%s...' as in the JSON" % (side, expected))
    borderline = [line for line in column if line.startswith("BORDERLINE")]
    expected_marks = int(ft["borderline"]) + int(pr["borderline"])
    check(len(borderline) == expected_marks, "%s: %d BORDERLINE mark(s) as the JSON says (%s)" % (side, expected_marks, borderline))
    if ft["borderline"]:
        margin = "BORDERLINE: %.3f from the threshold %.3f" % (ft["margin"], ft["nearest_threshold"])
        check(margin in borderline, "%s: the arch index's margin and threshold: %s" % (side, margin))
    check(any("Cavanagh & Rodgers" in line and "methods.md" in line for line in column),
          "%s: the foot type names its method and docs/methods.md" % side)
    check(any(line.startswith("%s foot: %d complete step" % (side.capitalize(), foot["complete_steps"])) for line in column),
          "%s: its number of complete steps (%d)" % (side, foot["complete_steps"]))


def check_walk():
    session = os.path.join(WORK, "walk.h5")
    subprocess.run([PLANTAR, "simulate", "-o", session, "--seconds", "6", "--seed", "3"], check=True, capture_output=True)
    trial = analyse(session)
    steps = trial["steps"]
    check(len(steps) >= 2 and {s["side"] for s in steps} >= {"left", "right"}, "the walk has left and right steps")
    step_index = len(steps) - 1
    step = steps[step_index]
    frame = (step["first_frame"] + step["last_frame"]) // 2
    image, lines = screenshot(session, frame, "walk.png")
    for side in ("left", "right"):
        check_foot(lines, side, trial["feet"][side])

    this_step = lines_of(lines, "this step")
    in_stance = [i for i, s in enumerate(steps) if s["first_frame"] <= frame <= s["last_frame"]]
    for i in in_stance:
        s = steps[i]
        expected = "#%d %s: AI %.3f, CPEI %.1f %%" % (i + 1, s["side"], s["footprint"]["arch_index"], s["cpei"]["cpei_pct"])
        check(any(line.startswith(expected) for line in this_step), "this step at frame %d: '%s' (%s)" % (frame, expected, this_step))
    check(len(this_step) == len(in_stance), "only the steps in stance at frame %d are named: %s" % (frame, this_step))
    rows = lines_of(lines, "step")
    check(len(rows) == len(steps), "the steps table has all %d steps (%d rows)" % (len(steps), len(rows)))

    rect, window = plot_rect(lines, "force")
    if rect is None:
        return
    x0, y0, width, height = rect
    start_s, end_s = window
    check(start_s <= 0.0 + 1e-6 and end_s >= trial["duration_s"] - 0.01, "a 6 s trial shows whole: %s s" % window)
    band_y = {"left": y0 + height - STEP_BAND_HEIGHT * 3 // 4, "right": y0 + height - STEP_BAND_HEIGHT // 4}
    to_x = lambda t: int(round(x0 + (t - start_s) / (end_s - start_s) * width))
    for i, s in enumerate(steps):
        # A third into the stance: away from the cursor, which stands at the middle of the last step.
        middle = s["strike_s"] + (s["off_s"] - s["strike_s"]) / 3 if s["strike_s"] is not None and s["off_s"] is not None else None
        if middle is None or not start_s <= middle <= end_s:
            continue
        colour = LEFT_STEP if s["side"] == "left" else RIGHT_STEP
        other = RIGHT_STEP if s["side"] == "left" else LEFT_STEP
        pixel = image[band_y[s["side"]], to_x(middle)]
        check(near(pixel, colour) and not near(pixel, other),
              "step %d (%s, %.2f-%.2f s): the curves' stance band is %s at %.2f s (pixel %s)"
              % (i + 1, s["side"], s["strike_s"], s["off_s"], colour, middle, tuple(pixel[:3])))
    # Between the steps nobody stands on the plate: no step colour in the band.
    gap_start, gap_end = steps[0]["off_s"], steps[1]["strike_s"]
    if gap_end - gap_start > 0.5:
        band = image[y0 + height - STEP_BAND_HEIGHT:y0 + height, to_x(gap_start + 0.2):to_x(gap_end - 0.2)].reshape(-1, image.shape[2])
        coloured = sum(near(p, LEFT_STEP) or near(p, RIGHT_STEP) for p in band)
        check(coloured == 0, "no stance band between the steps (%.2f-%.2f s): %d step-coloured pixels" % (gap_start, gap_end, coloured))
    # Each region's force line (heel, midfoot, forefoot, toes) is drawn during the step in stance.
    stance = image[y0:y0 + height - STEP_BAND_HEIGHT, to_x(step["strike_s"]):to_x(step["off_s"]), :3].astype(int)
    for name, colour in REGION_CURVES.items():
        count = int((np.abs(stance - np.array(colour)).max(axis=2) <= 12).sum())
        check(count > 10, "the %s force line is drawn during step %d (%d pixels)" % (name, step_index + 1, count))
    # The total force line is drawn over the steps (light grey-white pixels inside the plot).
    area = image[y0:y0 + height - STEP_BAND_HEIGHT, x0:x0 + width, :3].astype(int)
    light = int(((area.min(axis=2) >= 200)).sum())
    check(light > width // 20, "the force curves are drawn in the plot (%d light pixels)" % light)


def check_static():
    session = os.path.join(WORK, "static.h5")
    subprocess.run([PLANTAR, "simulate", "-o", session, "--seconds", "6", "--scenario", "static", "--seed", "2"], check=True,
                   capture_output=True)
    trial = analyse(session)
    ellipse = trial["balance"]["ellipse_95"]
    check(ellipse["area_mm2"] is not None, "the standing trial has a 95 %% ellipse: %s" % ellipse)
    image, lines = screenshot(session, 300, "static.png")
    balance = lines_of(lines, "balance")
    expected = "95 %% ellipse area %.0f mm^2" % ellipse["area_mm2"]
    check(any(line.startswith(expected) for line in balance), "balance: '%s' as in the JSON (%s)" % (expected, balance))
    check(not lines_of(lines, "left"), "a standing trial gets no foot-type column")
    rect, _ = plot_rect(lines, "sway")
    if rect is None:
        return
    x0, y0, width, height = rect
    area = image[y0:y0 + height, x0:x0 + width, :3].astype(int)
    yellow = (np.abs(area - np.array(ELLIPSE)).max(axis=2) <= 40)
    check(int(yellow.sum()) > 100, "the sway plot draws the yellow 95 %% ellipse (%d pixels)" % int(yellow.sum()))
    if yellow.any():
        # The plot is centred on the ellipse's centre (the mean COP), so the outline's middle is the plot's.
        rows, cols = np.nonzero(yellow)
        middle_x, middle_y = (cols.min() + cols.max()) / 2, (rows.min() + rows.max()) / 2
        check(abs(middle_x - width / 2) < 0.05 * width and abs(middle_y - height / 2) < 0.05 * height,
              "the ellipse is centred in the sway plot (%.0f, %.0f of %d x %d)" % (middle_x, middle_y, width, height))


def check_no_forces():
    """A pedar insole export (sensor positions unknown, from ../shared/data): the curves say why there are none."""
    export = os.path.join(os.environ.get("PLANTAR_SOURCE_DIR", os.path.join(os.path.dirname(__file__), "..", "..")), "..",
                          "shared", "data", "vendor-exports", "pressuRe-extdata", "pedar_example.asc")
    if not os.path.exists(export):
        print("note: %s is absent: the 'no forces' case is not checked" % export)
        return
    session = os.path.join(WORK, "pedar.h5")
    subprocess.run([PLANTAR, "import", export, "-o", session], check=True, capture_output=True)
    image, lines = screenshot(session, 50, "pedar.png")
    curves = lines_of(lines, "curves")
    check(any(line.startswith("No force curves: this trial has unknown sensor positions") for line in curves),
          "an insole without sensor positions: the curves say there are no forces and why (%s)" % curves)
    check(not any(line.startswith("force plot") for line in curves), "and no force plot is drawn")


def main():
    if not start(WORK):
        return 1
    check_walk()
    check_static()
    check_no_forces()
    return finish()


if __name__ == "__main__":
    sys.exit(main())
