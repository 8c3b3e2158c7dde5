#!/usr/bin/python3
"""The real plantar-view in a real window under Xvfb (Mesa's software OpenGL).

Makes a simulated walk with `plantar simulate`, takes screenshots with
`plantar-view SESSION --screenshot shot.png --frame K --size 1280x800` at a frame where the
simulator's truth says a foot is on the plate and at one where nothing is, and checks each PNG
against the frame stored in the session (read with h5py): the right size; where a sensor is
loaded the heatmap shows a print colour, where a sensor and its neighbours are unloaded it shows
the background; the loaded frame's heel (truth) is coloured; the empty frame has no print. These run with
--no-overlays (the heatmap alone). With the analysis overlays on, the loaded frame shows the
magenta foot axis along the truth's axis; with them off, and at the empty frame, no magenta.
A one-foot export (the emed sample of ../shared/data, when present) is drawn toes up: as
imported, and with its picture stored upside down, the toe-off frame's pixels lie above the heel
strike's, and the turned view is the same picture. Also: clear one-line errors and a non-zero exit
without a display, for a session that cannot be opened and for a PNG that cannot be written.
Never skips: a missing Xvfb is a failure.
"""
import os
import re
import subprocess
import sys

import h5py
import numpy as np

from png_reader import read_png
from sim_truth import first_step_frames
from viewer_checks import check, finish, run_viewer, start

PLANTAR = os.environ["PLANTAR_BIN"]
VIEW = os.environ["PLANTAR_VIEW_BIN"]
WORK = os.environ.get("PLANTAR_TEST_DIR", "/tmp/plantar-view-test")
BACKGROUND = (24, 24, 28)  # viz/include/plantar/viz/colour_map.hpp, kBackground


EMED = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..", "..", "shared", "data", "vendor-exports",
                    "pressuRe-extdata", "emed_test.lst")


def turned_screenshot(session, frame, name, overlays=False):
    """The PNG, the heatmap's rectangle [x, y, width, height] and how many quarter turns it is turned."""
    png = os.path.join(WORK, name)
    cmd = [VIEW, session, "--screenshot", png,
           "--frame", str(frame), "--size", "1280x800"] + ([] if overlays else ["--no-overlays"])
    run = run_viewer(cmd, capture_output=True, text=True, timeout=120)
    check(run.returncode == 0, "plantar-view --screenshot at frame %d exits 0 (%s)" % (frame, run.stderr.strip()))
    match = re.search(r"heatmap at x=(\d+) y=(\d+) width=(\d+) height=(\d+); plate turned (\d) quarter", run.stdout)
    check(match is not None, "it says where the heatmap is and how it is turned: " + run.stdout.strip())
    if match is None:
        return read_png(png), [0, 0, 1, 1], None
    return read_png(png), [int(v) for v in match.groups()[:4]], int(match.group(5))


def screenshot(session, frame, name, overlays=False):
    image, rect, _ = turned_screenshot(session, frame, name, overlays)
    return image, rect


def is_background(pixel):
    return all(abs(int(pixel[i]) - BACKGROUND[i]) <= 3 for i in range(3))


def compare_with_frame(image, rect, pressure, label):
    """Every sensor centre: loaded -> print colour; unloaded with unloaded neighbours -> background."""
    rows, cols = pressure.shape
    x0, y0, width, height = rect
    loaded = pressure > 0
    padded = np.pad(loaded, 1)
    neighbourhood = np.zeros_like(loaded)
    for dr in (0, 1, 2):
        for dc in (0, 1, 2):
            neighbourhood |= padded[dr:dr + rows, dc:dc + cols]
    wrong_loaded = wrong_empty = 0
    for r in range(rows):
        for c in range(cols):
            px = int(x0 + (c + 0.5) * width / cols)
            py = int(y0 + (rows - 1 - r + 0.5) * height / rows)  # seen from above: row 0 at the bottom
            background = is_background(image[py, px])
            if loaded[r, c] and background:
                wrong_loaded += 1
            if not neighbourhood[r, c] and not background:
                wrong_empty += 1
    check(wrong_loaded == 0, "%s: all %d loaded sensors show a print colour (%d do not)" % (label, loaded.sum(), wrong_loaded))
    check(wrong_empty == 0, "%s: unloaded sensors away from any load show the background (%d do not)" % (label, wrong_empty))


def is_axis_colour(area):
    """Pure magenta, the foot axis's colour (viz/plantar_view/overlay_drawing.cpp), far from every map colour."""
    area = area[..., :3].astype(int)
    return (area[..., 0] >= 235) & (area[..., 1] <= 30) & (area[..., 2] >= 235)


def plate_to_pixel(rect, rows, cols, pitch_x, pitch_y, x_mm, y_mm):
    x0, y0, width, height = rect
    return (x0 + (x_mm / pitch_x + 0.5) * width / cols, y0 + (rows - 0.5 - y_mm / pitch_y) * height / rows)


def check_axis_overlay(image, rect, geometry, step, foot_length_mm, label):
    """Magenta pixels near the truth's foot axis all the way from behind the arch to the forefoot."""
    rows, cols, pitch_x, pitch_y = geometry
    angle = np.radians(step["axis_angle_deg"])  # against +y, positive turning the toes to +x
    radius = 12.0 * rect[2] / (cols * pitch_x)  # 12 mm in pixels: the found axis is not the truth's
    magenta = is_axis_colour(image)
    missing = []
    for fraction in np.linspace(0.1, 0.7, 13):
        along = fraction * foot_length_mm
        x, y = plate_to_pixel(rect, rows, cols, pitch_x, pitch_y, step["heel_x_mm"] + along * np.sin(angle),
                              step["heel_y_mm"] + along * np.cos(angle))
        r = int(np.ceil(radius))
        window = magenta[max(int(y) - r, 0):int(y) + r + 1, max(int(x) - r, 0):int(x) + r + 1]
        if not window.any():
            missing.append(round(along))
    check(not missing, "%s: the magenta foot axis runs along the truth's axis from heel to forefoot "
          "(nothing within 12 mm at %s mm from the heel)" % (label, missing))


def coloured_fraction(image, rect):
    x0, y0, width, height = rect
    area = image[y0:y0 + height, x0:x0 + width, :3].astype(int)
    background = (np.abs(area - np.array(BACKGROUND)).max(axis=2) <= 3)
    return 1.0 - background.mean()


def print_pixels(image, rect):
    """The print-coloured pixels of the heatmap, as a boolean mask over the heatmap's rectangle."""
    x0, y0, width, height = rect
    area = image[y0:y0 + height, x0:x0 + width, :3].astype(int)
    return np.abs(area - np.array(BACKGROUND)).max(axis=2) > 3


def check_one_foot_toes_up():
    """The emed sample, imported, and the same trial with its picture stored upside down (rows and
    columns reversed: a rotation by half a turn, as an export drawn the other way up would hold it):
    both are drawn toes up, the second turned by half a turn, and the two pictures are the same."""
    if not os.path.exists(EMED):
        print("note: %s is absent: the one-foot toes-up check did not run" % EMED)
        return
    session = os.path.join(WORK, "emed.h5")
    upside_down = os.path.join(WORK, "emed-upside-down.h5")
    run = subprocess.run([PLANTAR, "import", EMED, "-o", session], capture_output=True, text=True)
    check(run.returncode == 0, "plantar import emed_test.lst exits 0 (%s)" % run.stderr.strip())
    subprocess.run([PLANTAR, "import", EMED, "-o", upside_down], check=True, capture_output=True)
    with h5py.File(upside_down, "r+") as f:
        pressure = f["trials/0000/pressure"]
        pressure[...] = pressure[()][:, ::-1, ::-1]
    with h5py.File(session, "r") as f:
        load = f["trials/0000/pressure"][()].sum(axis=(1, 2))
    loaded = np.flatnonzero(load > 0.05 * load.max())
    strike, toe_off = int(loaded[0]), int(loaded[-1])
    pictures, turns = {}, {}
    for name, path in (("as imported", session), ("stored upside down", upside_down)):
        heel_image, rect, turns[name] = turned_screenshot(path, strike, name + "-strike.png")
        toe_image, _ = screenshot(path, toe_off, name + "-toe-off.png")
        heel_rows = np.flatnonzero(print_pixels(heel_image, rect).any(axis=1))
        toe_rows = np.flatnonzero(print_pixels(toe_image, rect).any(axis=1))
        check(heel_rows.size > 0 and toe_rows.size > 0, "%s: the heel strike (frame %d) and the toe-off (frame %d) "
              "show a print" % (name, strike, toe_off))
        if heel_rows.size and toe_rows.size:
            check(toe_rows.mean() < heel_rows.min(), "%s: the toe-off's pixels (rows %d-%d of the heatmap) lie above the "
                  "heel strike's (rows %d-%d): toes up" % (name, toe_rows.min(), toe_rows.max(), heel_rows.min(),
                                                           heel_rows.max()))
        pictures[name] = (print_pixels(toe_image, rect), rect)
    check(turns == {"as imported": 0, "stored upside down": 2},
          "the imported emed trial is drawn as stored, the upside-down copy turned by half a turn: %s" % turns)
    (a, rect_a), (b, rect_b) = pictures["as imported"], pictures["stored upside down"]
    check(rect_a == rect_b, "both are drawn in the same rectangle: %s %s" % (rect_a, rect_b))
    if a.shape == b.shape:
        differ = float((a != b).mean())
        check(differ < 0.01, "turned back, the upside-down copy is the same picture (a rotation, not a mirror): "
              "%.2f %% of the pixels differ" % (100 * differ))


def main():
    if not start(WORK):
        return 1
    check_one_foot_toes_up()
    session = os.path.join(WORK, "walk.h5")
    subprocess.run([PLANTAR, "simulate", "-o", session, "--seconds", "6", "--seed", "3"], check=True,
                   capture_output=True)
    with h5py.File(session, "r") as f:
        trial = f["trials/0000"]
        truth, mid_stance, empty = first_step_frames(trial)
        pressure = trial["pressure"]
        loaded_frame, empty_frame = pressure[mid_stance], pressure[empty]
        geometry = (trial.attrs["rows"], trial.attrs["cols"], trial.attrs["pitch_x_mm"], trial.attrs["pitch_y_mm"])
        foot_length = truth["config"]["foot"]["length_mm"]
        step = truth["steps"][0]
    check(loaded_frame.sum() > 0, "the simulator put a foot on the plate at frame %d" % mid_stance)

    image, rect = screenshot(session, mid_stance, "loaded.png")
    check(image.shape[:2] == (800, 1280), "the PNG is 1280x800 (it is %dx%d)" % (image.shape[1], image.shape[0]))
    x0, y0, width, height = rect
    check(width > 300 and height > 300 and x0 + width <= 1280 and y0 + height <= 800,
          "the heatmap is a large area inside the window: %s" % rect)
    fraction = coloured_fraction(image, rect)
    check(fraction > 0.02, "the heatmap is not blank: %.1f %% of it is print colour" % (100 * fraction))
    compare_with_frame(image, rect, loaded_frame, "frame %d (foot loaded)" % mid_stance)
    rows, cols, pitch_x, pitch_y = geometry
    heel_col = int(step["heel_x_mm"] / pitch_x + 0.5)
    heel_row = int(step["heel_y_mm"] / pitch_y + 0.5)
    px = int(x0 + (heel_col + 0.5) * width / cols)
    py = int(y0 + (rows - 1 - heel_row + 0.5) * height / rows)
    check(not is_background(image[py, px]), "the heel of the truth (%.0f, %.0f mm) is coloured" % (step["heel_x_mm"], step["heel_y_mm"]))

    # The analysis overlays at the same frame: the foot axis (magenta) lies along this foot; with
    # the overlays off there is no magenta anywhere.
    image_on, rect_on = screenshot(session, mid_stance, "overlays.png", overlays=True)
    check(rect_on == rect, "the overlays do not move the heatmap: %s" % rect_on)
    check_axis_overlay(image_on, rect_on, geometry, step, foot_length, "frame %d, overlays on" % mid_stance)
    magenta_off = int(is_axis_colour(image).sum())
    check(magenta_off == 0, "frame %d, overlays off (--no-overlays): no magenta pixels (%d)" % (mid_stance, magenta_off))

    image, rect = screenshot(session, empty, "empty.png")
    compare_with_frame(image, rect, empty_frame, "frame %d (no foot)" % empty)
    image_on, _ = screenshot(session, empty, "empty-overlays.png", overlays=True)
    magenta_empty = int(is_axis_colour(image_on).sum())
    check(magenta_empty == 0, "frame %d, no foot in stance: overlays on draw no axis (%d magenta pixels)" % (empty, magenta_empty))
    fraction = coloured_fraction(image, rect)
    check(fraction < 0.002, "no print colours with no foot on the plate: %.3f %% coloured" % (100 * fraction))

    # Errors: one line, non-zero exit.
    env = dict(os.environ)
    env.pop("DISPLAY", None)
    env.pop("WAYLAND_DISPLAY", None)
    run = subprocess.run([VIEW, session, "--screenshot", os.path.join(WORK, "x.png")], capture_output=True, text=True, env=env)
    check(run.returncode != 0 and "display" in run.stderr.lower() and run.stderr.count("\n") == 1,
          "without a display: non-zero exit and one line: " + run.stderr.strip())
    run = run_viewer([VIEW, os.path.join(WORK, "missing.h5"), "--screenshot", os.path.join(WORK, "y.png")],
                         capture_output=True, text=True)
    check(run.returncode != 0 and "cannot open the session" in run.stderr and run.stderr.count("\n") == 1,
          "a session that cannot be opened: non-zero exit and one line: " + run.stderr.strip())
    run = run_viewer([VIEW, session, "--screenshot", "/nonexistent-dir/z.png"],
                         capture_output=True, text=True)
    check(run.returncode != 0 and "cannot create /nonexistent-dir/z.png" in run.stderr and run.stderr.count("\n") == 1,
          "a PNG that cannot be written: non-zero exit and one line: " + run.stderr.strip())

    return finish()


if __name__ == "__main__":
    sys.exit(main())
