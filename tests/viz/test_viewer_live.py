#!/usr/bin/python3
"""plantar-view --live against the real plantard (--source sim --scenario static, so both feet
stand on the plate at every instant) under Xvfb.

Starts plantard on private IPC sockets in a temp folder, takes
`plantar-view --live --endpoint ipc://DIR --screenshot live.png --size 1280x800` and checks: the
PNG has the right size and print-coloured pixels inside the heatmap rectangle the viewer prints;
the status line printed to stdout says the device is streaming and received > 0. Then, with no
daemon on another endpoint, the viewer exits non-zero with one line naming the endpoint. plantard
is killed at the end whatever happens. Never skips: a missing xvfb-run is a failure.
"""
import os
import re
import shutil
import subprocess
import sys
import tempfile
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from test_viewer_screenshot import read_png, BACKGROUND  # noqa: E402  (reads the PNG, no display)

PLANTARD = os.environ["PLANTARD_BIN"]
VIEW = os.environ["PLANTAR_VIEW_BIN"]
failures = []


def check(condition, message):
    print(("ok   " if condition else "FAIL ") + message)
    if not condition:
        failures.append(message)


def main():
    if shutil.which("xvfb-run") is None:
        check(False, "xvfb-run is installed (scripts/install-deps.sh)")
        return
    folder = tempfile.mkdtemp(prefix="plantar-view-live-")
    endpoint = "ipc://" + folder
    daemon = subprocess.Popen([PLANTARD, "--source", "sim", "--scenario", "static", "--rate", "100",
                               "--endpoint", endpoint], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        shot = os.path.join(folder, "live.png")
        result = None
        for _ in range(20):  # plantard needs a moment to bind its sockets
            result = subprocess.run(["xvfb-run", "-a", VIEW, "--live", "--endpoint", endpoint, "--screenshot", shot,
                                     "--size", "1280x800", "--wait", "10"], capture_output=True, text=True, timeout=120)
            if result.returncode == 0 or daemon.poll() is not None:
                break
            time.sleep(0.5)
        print(result.stdout + result.stderr)
        check(result.returncode == 0, "plantar-view --live --screenshot exits 0 with plantard running")
        if result.returncode == 0:
            status = re.search(r"device (\w+); received (\d+) recorded (\d+) skipped (\d+) corrupt (\d+)", result.stdout)
            check(status is not None, "the live status line (device, received, recorded, skipped, corrupt) is on stdout")
            if status:
                check(status.group(1) == "streaming", "the device is streaming")
                check(int(status.group(2)) > 0, "plantard received frames (received > 0)")
            check(re.search(r"drawn [0-9.]+ fps", result.stdout) is not None, "the status line has the drawn fps")
            rect = re.search(r"heatmap at x=(\d+) y=(\d+) width=(\d+) height=(\d+)", result.stdout)
            check(rect is not None, "the viewer says where the heatmap is")
            image = read_png(shot)
            check(image.shape[0] == 800 and image.shape[1] == 1280, "the PNG is 1280x800")
            if rect:
                x, y, w, h = (int(v) for v in rect.groups())
                check(w > 50 and h > 50, "the heatmap has a real size")
                inside = image[y + 2:y + h - 2, x + 2:x + w - 2, :3].astype(int)
                background = (abs(inside - BACKGROUND).sum(axis=2) <= 6)
                coloured = (~background).sum()
                check(coloured > 0.01 * w * h, f"the heatmap shows the standing feet ({coloured} print pixels)")
                check(background.sum() > 0.2 * w * h, "and the unloaded plate around them is background")
    finally:
        daemon.kill()
        daemon.wait(timeout=30)

    missing = "ipc://" + os.path.join(folder, "nobody")
    os.makedirs(os.path.join(folder, "nobody"), exist_ok=True)
    result = subprocess.run(["xvfb-run", "-a", VIEW, "--live", "--endpoint", missing, "--screenshot",
                             os.path.join(folder, "none.png")], capture_output=True, text=True, timeout=120)
    lines = [line for line in result.stderr.splitlines() if line.strip()]
    check(result.returncode != 0, "without a daemon plantar-view --live --screenshot exits non-zero")
    check(len(lines) == 1 and "no plantard" in lines[0] and "nobody" in lines[0],
          "with one line naming the endpoint: " + result.stderr.strip())
    check(not os.path.exists(os.path.join(folder, "none.png")), "and writes no PNG")
    shutil.rmtree(folder, ignore_errors=True)


main()
if failures:
    print(f"{len(failures)} check(s) failed")
    sys.exit(1)
print("all checks passed")
