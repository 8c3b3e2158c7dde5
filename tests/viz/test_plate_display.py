#!/usr/bin/python3
"""The Plate panel's layers in the real plantar-view under Xvfb (Mesa), checked against the frames.

- Isobars (--isobars): on a simulated walk's mid-stance frame, red isobar pixels lie only where the
  frame crosses one of the legend's levels (a square of four sensor centres with values on both
  sides of a level) and nearly every such square has one; without --isobars there are none.
- Zoom and the sensor grid (--zoom 6): at a frame with no foot, the grid lines sit on the sensor
  cell edges, one sensor pitch apart, while the cell centres stay background; at zoom 1 (sensors
  under 12 px) no grid is drawn.
- Sensors without a grid: the pliance sample of ../shared/data/vendor-exports, imported with
  `plantar import`, draws each sensor at its own place: loaded sensors in map colours, unloaded ones
  in the dim cell colour. Exits 77 (skipped) with a message when that folder is absent.
The PNG reader is png_reader.py's.
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
WORK = os.environ.get("PLANTAR_TEST_DIR", "/tmp/plantar-plate-display-test")
DATA = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..", "..", "shared", "data", "vendor-exports")
BACKGROUND = (24, 24, 28)  # viz/include/plantar/viz/colour_map.hpp, kBackground
UNLOADED_CELL = (48, 48, 56)  # viz/plantar_view/plate_layers.cpp, draw_placed_sensors


def is_background(pixel):
    return all(abs(int(pixel[i]) - BACKGROUND[i]) <= 3 for i in range(3))


def screenshot(session, name, *options):
    png = os.path.join(WORK, name)
    cmd = [VIEW, session, "--screenshot", png, "--size", "1280x800"]
    run = run_viewer(cmd + list(options), capture_output=True, text=True, timeout=180)
    check(run.returncode == 0, "plantar-view %s exits 0 (%s)" % (" ".join(options), run.stderr.strip()))
    match = re.search(r"heatmap at x=(-?\d+) y=(-?\d+) width=(\d+) height=(\d+)", run.stdout)
    check(match is not None, "it says where the heatmap is: " + run.stdout.strip())
    return read_png(png)[..., :3].astype(int), [int(v) for v in match.groups()]


def is_isobar(image):
    """The isobars' red (plate_layers.hpp, kIsobarColour), far from every colour of the map (chroma <= 40)."""
    return (image[..., 0] >= 170) & (image[..., 1] <= 110) & (image[..., 2] <= 110) & (image[..., 0] - image[..., 1] >= 100)


def legend_levels(peak):
    """The legend's round ticks above 0 for the 'trial peak' scale (heatmap.hpp: nice_scale_max, legend_ticks)."""
    decade = 10.0 ** np.floor(np.log10(peak))
    top = next(m * decade for m in (1, 1.2, 1.5, 2, 2.5, 3, 4, 5, 6, 8, 10) if m * decade >= peak * (1 - 1e-12))
    raw = top / 6.0
    decade = 10.0 ** np.floor(np.log10(raw))
    step = next(m * decade for m in (1, 2, 2.5, 5, 10) if m * decade >= raw * (1 - 1e-12))
    return [step * i for i in range(1, int(top / step + 1e-9) + 1)]


def check_isobars(session, frame, pressure, peak):
    rows, cols = pressure.shape
    image, rect = screenshot(session, "isobars.png", "--frame", str(frame), "--no-overlays", "--isobars")
    x0, y0, width, height = rect
    red = is_isobar(image[y0:y0 + height, x0:x0 + width])
    check(red.sum() > 30, "isobars on: %d isobar-red pixels over the print" % red.sum())
    # Squares (between four sensor centres) the frame crosses a level in.
    corners = np.stack([pressure[:-1, :-1], pressure[:-1, 1:], pressure[1:, :-1], pressure[1:, 1:]])
    low, high = corners.min(axis=0), corners.max(axis=0)
    crossed = np.zeros_like(low, dtype=bool)
    for level in legend_levels(peak):
        crossed |= (low < level) & (high >= level)
    # A pixel's plate position in sensor units; a square (r, c) spans rows r..r+1, columns c..c+1.
    ys, xs = np.nonzero(red)
    u = (xs + 0.5) * cols / width - 0.5
    v = rows - 0.5 - (ys + 0.5) * rows / height
    near = np.zeros_like(crossed)  # within one sensor of a crossed square (line width, anti-aliasing)
    padded = np.pad(crossed, 1)
    for dr in (0, 1, 2):
        for dc in (0, 1, 2):
            near |= padded[dr:dr + rows - 1, dc:dc + cols - 1]
    r = np.clip(np.floor(v).astype(int), 0, rows - 2)
    c = np.clip(np.floor(u).astype(int), 0, cols - 2)
    stray = int((~near[r, c]).sum())
    check(stray == 0, "every isobar pixel is where the frame crosses a level of the legend (%d are not)" % stray)
    hit = np.zeros_like(crossed)
    hit[r, c] = True
    # A line through a square may be drawn over the pixels of its neighbour (rounding, line width).
    hit_near = np.zeros_like(hit)
    padded = np.pad(hit, 1)
    for dr in (0, 1, 2):
        for dc in (0, 1, 2):
            hit_near |= padded[dr:dr + rows - 1, dc:dc + cols - 1]
    found = hit_near[crossed].mean() if crossed.any() else 0.0
    check(found > 0.9, "%.0f %% of the %d squares where the frame crosses a level have isobar pixels" % (100 * found, crossed.sum()))
    plain, rect_plain = screenshot(session, "no-isobars.png", "--frame", str(frame), "--no-overlays")
    x0, y0, width, height = rect_plain
    off = int(is_isobar(plain[y0:y0 + height, x0:x0 + width]).sum())
    check(off == 0, "isobars off: no isobar-red pixels (%d)" % off)


def is_grid(pixel):
    """kGridColour over the background: grey, clearly lighter than the background."""
    return int(pixel[0]) > 60 and abs(int(pixel[0]) - int(pixel[1])) < 12 and abs(int(pixel[2]) - int(pixel[0])) < 20


def check_grid(session, empty_frame, geometry):
    rows, cols = geometry[:2]
    zoom = 6
    image, rect = screenshot(session, "zoom6.png", "--frame", str(empty_frame), "--no-overlays", "--zoom", str(zoom))
    x0, y0, width, height = rect
    cell_x, cell_y = width / cols, height / rows
    check(cell_x >= 12, "at --zoom 6 a sensor is %.1f px wide (>= 12: the grid shows)" % cell_x)
    # The visible view is the zoom-1 image, centred on the zoomed one (no pan).
    view_w, view_h = width / zoom, height / zoom
    vx0, vy0 = x0 + (width - view_w) / 2, y0 + (height - view_h) / 2
    edges = centres = edges_grey = centres_background = 0
    for c in range(cols + 1):
        x = int(np.floor(x0 + c * cell_x))
        if not vx0 + 2 <= x <= vx0 + view_w - 3:
            continue
        for t in range(rows):
            y = int(y0 + (t + 0.5) * cell_y)
            if not vy0 + 2 <= y <= vy0 + view_h - 3:
                continue
            edges += 1
            # Within a pixel: the printed rectangle is rounded to whole pixels.
            edges_grey += any(is_grid(image[y, x + dx]) for dx in (-1, 0, 1))
            xc = int(x0 + (c + 0.5) * cell_x)
            if xc < vx0 + view_w - 3:
                centres += 1
                centres_background += is_background(image[y, xc])
    check(edges > 50, "%d cell edges in view at zoom 6" % edges)
    check(edges_grey == edges, "the grid lines lie on the sensor cell edges, one pitch (%.1f px) apart: %d of %d"
          % (cell_x, edges_grey, edges))
    check(centres_background == centres, "between the lines, the empty cells' centres are background: %d of %d"
          % (centres_background, centres))
    plain, rect1 = screenshot(session, "zoom1.png", "--frame", str(empty_frame), "--no-overlays")
    x0, y0, width, height = rect1
    area = plain[y0:y0 + height, x0:x0 + width]
    grey = int(np.sum((area[..., 0] > 60) & (np.abs(area[..., 0] - area[..., 1]) < 12)))
    check(width / cols < 12 and grey == 0, "at zoom 1 (%.1f px per sensor) no grid is drawn (%d grey pixels)" % (width / cols, grey))


def check_placed_sensors():
    sample = os.path.join(DATA, "pressuRe-extdata", "pliance_test.asc")
    session = os.path.join(WORK, "pliance.h5")
    run = subprocess.run([PLANTAR, "import", sample, "-o", session], capture_output=True, text=True)
    check(run.returncode == 0, "plantar import pliance_test.asc (%s)" % run.stderr.strip())
    with h5py.File(session, "r") as f:
        trial = f["trials/0000"]
        pressure = trial["pressure"][:, 0, :]
        x, y = trial["sensors/x_mm"][:], trial["sensors/y_mm"][:]
        corners = trial["sensors/corners_mm"][:]
    frame = int(np.argmax(pressure.sum(axis=1)))
    values = pressure[frame]
    image, rect = screenshot(session, "pliance.png", "--frame", str(frame), "--no-overlays")
    x0, y0, width, height = rect
    check(width > 100 and height > 100, "the sensors' area is drawn large: %s" % rect)
    xs, ys = corners[:, 0::2], corners[:, 1::2]
    x_min, x_max, y_min, y_max = xs.min() - 2, xs.max() + 2, ys.min() - 2, ys.max() + 2  # overlay_geometry: plate_bounds
    px = (x0 + (x - x_min) / (x_max - x_min) * width).astype(int)
    py = (y0 + (y_max - y) / (y_max - y_min) * height).astype(int)
    pixels = image[py, px]
    unloaded_colour = np.all(np.abs(pixels - np.array(UNLOADED_CELL)) <= 3, axis=1)
    background = np.all(np.abs(pixels - np.array(BACKGROUND)) <= 3, axis=1)
    loaded = values > 0
    check(loaded.sum() > 20, "frame %d loads %d of the %d sensors" % (frame, loaded.sum(), len(values)))
    wrong_loaded = int((loaded & (unloaded_colour | background)).sum())
    wrong_unloaded = int((~loaded & ~unloaded_colour).sum())
    check(wrong_loaded == 0, "every loaded sensor is drawn at its place in a map colour (%d are not)" % wrong_loaded)
    check(wrong_unloaded == 0, "every unloaded sensor is drawn at its place as a dim cell (%d are not)" % wrong_unloaded)


def main():
    if not start(WORK):
        return 1
    session = os.path.join(WORK, "walk.h5")
    subprocess.run([PLANTAR, "simulate", "-o", session, "--seconds", "6", "--seed", "3"], check=True, capture_output=True)
    with h5py.File(session, "r") as f:
        trial = f["trials/0000"]
        _, mid_stance, empty = first_step_frames(trial)
        pressure = trial["pressure"]
        loaded_frame = pressure[mid_stance].astype(float)
        peak = float(np.max(pressure[:]))
        geometry = (trial.attrs["rows"], trial.attrs["cols"])
    check_isobars(session, mid_stance, loaded_frame, peak)
    check_grid(session, empty, geometry)
    if os.path.isdir(DATA):
        check_placed_sensors()
    else:
        print("skip sensors without a grid: %s is absent (the shared vendor exports)" % os.path.normpath(DATA))
    if finish() != 0:
        return 1
    return 0 if os.path.isdir(DATA) else 77


if __name__ == "__main__":
    sys.exit(main())
