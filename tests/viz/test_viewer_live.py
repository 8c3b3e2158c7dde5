#!/usr/bin/python3
"""plantar-view --live against the real plantard under Xvfb, on private IPC sockets in a temp folder.

1. plantard --source sim (a walk on a 256x64 walkway) runs; `plantar-view --live --screenshot`
   shows a print inside the heatmap rectangle the viewer prints, the status line on stdout says
   the device is streaming with received > 0, and the live analysis found complete steps.
2. No daemon and --no-start-daemon: exit non-zero with one line naming the endpoint, no PNG.
3. No daemon: the viewer starts plantard itself on that endpoint (says so, with its pid), takes the
   screenshot, and stops it at exit: no plantard of that endpoint is left running.
4. The daemon dies while the viewer runs (--bench) and comes back: the viewer says it stopped
   answering, then that it answers again, and ends with the device streaming.
Every plantard is killed at the end whatever happens. Never skips: a missing Xvfb is a failure.
"""
import os
import re
import shutil
import signal
import subprocess
import sys
import tempfile
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from test_viewer_screenshot import read_png, BACKGROUND  # noqa: E402  (reads the PNG, no display)
from viewer_checks import check, finish, run_viewer, start_viewer  # noqa: E402

PLANTARD = os.environ["PLANTARD_BIN"]
VIEW = os.environ["PLANTAR_VIEW_BIN"]
WALK = ["--source", "sim", "--scenario", "walk", "--plate", "256x64", "--rate", "100"]


def start_daemon(endpoint):
    return subprocess.Popen([PLANTARD] + WALK + ["--endpoint", endpoint],
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)


def stop(daemon):
    if daemon.poll() is None:
        daemon.kill()
    daemon.wait(timeout=30)


def plantards_of(endpoint):
    """Pids of running plantard processes whose command line names `endpoint`."""
    pids = []
    for entry in os.listdir("/proc"):
        if not entry.isdigit():
            continue
        try:
            with open(f"/proc/{entry}/cmdline", "rb") as f:
                arguments = f.read().split(b"\0")
            with open(f"/proc/{entry}/stat") as f:
                state = f.read().rsplit(")", 1)[1].split()[0]
        except OSError:
            continue
        if state != "Z" and arguments and arguments[0].endswith(b"plantard") and endpoint.encode() in arguments:
            pids.append(int(entry))
    return pids


def view(*arguments, timeout=120, env=None):
    return run_viewer([VIEW, "--live"] + list(arguments), capture_output=True, text=True,
                          timeout=timeout, env=env)


def check_screenshot(result, shot, what):
    print(result.stdout + result.stderr)
    check(result.returncode == 0, f"{what}: plantar-view --live --screenshot exits 0")
    if result.returncode != 0:
        return
    status = re.search(r"device (\w+); received (\d+) recorded (\d+) skipped (\d+) corrupt (\d+)", result.stdout)
    check(status is not None, f"{what}: the status line (device, received, recorded, skipped, corrupt) is on stdout")
    if status:
        check(status.group(1) == "streaming", f"{what}: the device is streaming")
        check(int(status.group(2)) > 0, f"{what}: plantard received frames (received > 0)")
    check(re.search(r"drawn ([0-9.]+ fps|fps: measuring)", result.stdout) is not None,
          f"{what}: the status line has the drawn fps (still being measured in a screenshot)")
    steps = re.search(r"live analysis: (\d+) complete steps", result.stdout)
    check(steps is not None and int(steps.group(1)) >= 1, f"{what}: the live analysis found a complete step")
    rect = re.search(r"heatmap at x=(\d+) y=(\d+) width=(\d+) height=(\d+)", result.stdout)
    check(rect is not None, f"{what}: the viewer says where the heatmap is")
    image = read_png(shot)
    check(image.shape[0] == 1000 and image.shape[1] == 1600, f"{what}: the PNG is 1600x1000")
    if rect:
        x, y, w, h = (int(v) for v in rect.groups())
        check(w > 50 and h > 50, f"{what}: the heatmap has a real size")
        inside = image[y + 2:y + h - 2, x + 2:x + w - 2, :3].astype(int)
        background = (abs(inside - BACKGROUND).sum(axis=2) <= 6)
        coloured = (~background).sum()
        check(coloured > 0.002 * w * h, f"{what}: the heatmap shows a print ({coloured} print pixels)")
        check(background.sum() > 0.5 * w * h, f"{what}: and the unloaded walkway around it is background")


def main():
    if shutil.which("Xvfb") is None:
        check(False, "Xvfb is installed (scripts/install-deps.sh)")
        return
    folder = tempfile.mkdtemp(prefix="plantar-view-live-")
    daemons = []
    try:
        # 1. A running daemon on a walking simulation.
        endpoint = "ipc://" + os.path.join(folder, "walk")
        daemons.append(start_daemon(endpoint))
        shot = os.path.join(folder, "live.png")
        result = None
        for _ in range(20):  # plantard needs a moment to bind its sockets
            result = view("--endpoint", endpoint, "--no-start-daemon", "--screenshot", shot, "--size", "1600x1000",
                          "--wait", "15")
            if result.returncode == 0 or daemons[-1].poll() is not None:
                break
            time.sleep(0.5)
        check_screenshot(result, shot, "running daemon")

        # 2. No daemon, and told not to start one.
        missing = "ipc://" + os.path.join(folder, "nobody")
        result = view("--endpoint", missing, "--no-start-daemon", "--screenshot", os.path.join(folder, "none.png"))
        lines = [line for line in result.stderr.splitlines() if line.strip()]
        check(result.returncode != 0, "without a daemon and --no-start-daemon, --live --screenshot exits non-zero")
        check(len(lines) == 1 and "no plantard" in lines[0] and "nobody" in lines[0],
              "with one line naming the endpoint: " + result.stderr.strip())
        check(not os.path.exists(os.path.join(folder, "none.png")), "and writes no PNG")

        # 3. No daemon: the viewer starts one (the plantard of this build, via $PLANTARD) and stops it.
        auto = "ipc://" + os.path.join(folder, "auto")
        shot = os.path.join(folder, "auto.png")
        env = dict(os.environ, PLANTARD=PLANTARD)
        result = view("--endpoint", auto, "--screenshot", shot, "--size", "1600x1000", "--wait", "15", env=env)
        started = re.search(r"started (\S+) .*\(pid (\d+), log (\S+)\)", result.stdout)
        check(started is not None and os.path.samefile(started.group(1), PLANTARD),
              "without a daemon the viewer says it started plantard, which one, its pid and its log")
        check_screenshot(result, shot, "daemon started by the viewer")
        check(plantards_of(auto) == [], "the plantard the viewer started is gone when it exits")
        if started:
            os.unlink(started.group(3))

        # 4. The daemon dies while the viewer runs, and is started again.
        endpoint = "ipc://" + os.path.join(folder, "lost")
        daemons.append(start_daemon(endpoint))
        time.sleep(1.0)
        viewer = start_viewer([VIEW, "--live", "--endpoint", endpoint, "--no-start-daemon",
                                   "--bench", "16", "--size", "1280x800"], stdout=subprocess.PIPE,
                                  stderr=subprocess.PIPE, text=True)
        time.sleep(5.0)
        daemons[-1].send_signal(signal.SIGKILL)  # gone without a word, as a crash would be
        daemons[-1].wait(timeout=30)
        time.sleep(4.0)
        daemons.append(start_daemon(endpoint))
        out, err = viewer.communicate(timeout=120)
        print(out + err)
        check(viewer.returncode == 0, "the viewer keeps running while the daemon is gone and exits 0")
        lost = out.find("stopped answering")
        back = out.find("answers again", max(lost, 0))
        check(lost >= 0, "the viewer says plantard stopped answering")
        check(back > lost >= 0, "and then that it answers again")
        check(re.search(r"bench live: frames \d+", out) is not None, "--bench prints the bench line for live")
        final = re.search(r"live status: device (\w+); received (\d+)", out)
        check(final is not None and final.group(1) == "streaming" and int(final.group(2)) > 0,
              "at the end the device streams again (received > 0)")
    finally:
        for daemon in daemons:
            stop(daemon)
        shutil.rmtree(folder, ignore_errors=True)


main()
sys.exit(finish())
