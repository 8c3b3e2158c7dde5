#!/usr/bin/python3
"""The viewer's frame rate and frame times under Xvfb with Mesa (issue 6, Performance).

Runs the real plantar-view in a 1920x1080 window under xvfb-run, each case for --seconds:

  baseline      an empty Dear ImGui window, cleared and swapped (`--bench-baseline`): what every
                view costs at least on this machine's OpenGL (Mesa llvmpipe under Xvfb)
  replay        a 256x64 walking session playing at 1x
  replay-scrub  a long session (default 10 minutes at 500 Hz on 64x64: 300,000 frames), jumping
                to another frame every drawn frame (`--bench-scrub`)
  live          plantard --source sim --rate 500 --plate 256x64 on a private endpoint, the viewer
                following it (`--live --no-start-daemon`); afterwards plantard's count of frames
                the viewer's stream skipped

and prints, per case: drawn fps, frame time mean / median / p99 / max, frames over 50 ms, the
mean frame time as a ratio to the baseline's, and whether it meets the issue's target (60 fps or
more; while scrubbing no frame over 50 ms). Run by hand (bench/README.md), never in the tests:

  bench/bench_viewer.py --build build [--seconds 10] [--long-seconds 600] [--work /tmp/bench-viewer]
"""
import argparse
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
import time

LINE = re.compile(r"bench (\S+): frames (\d+) in ([\d.]+) s = ([\d.]+) fps; frame ms mean ([\d.]+) median ([\d.]+) "
                  r"p99 ([\d.]+) max ([\d.]+); over 50 ms (\d+)")
SIZE = (1920, 1080)


def run(command, **kwargs):
    return subprocess.run(command, capture_output=True, text=True, **kwargs)


def viewer(view, arguments, seconds):
    """Runs plantar-view under its own Xvfb screen; returns the parsed bench line."""
    command = ["xvfb-run", "-a", "-s", "-screen 0 %dx%dx24" % SIZE, view, "--bench", str(seconds),
               "--size", "%dx%d" % SIZE] + arguments
    result = run(command, timeout=seconds + 600)
    match = LINE.search(result.stdout)
    if result.returncode != 0 or not match:
        sys.exit("bench_viewer: %s failed (exit %d):\n%s%s" % (" ".join(command), result.returncode, result.stdout,
                                                                result.stderr))
    names = ["case", "frames", "seconds", "fps", "mean", "median", "p99", "max", "over50"]
    values = dict(zip(names, match.groups()))
    return {k: (v if k == "case" else float(v)) for k, v in values.items()}


def simulate(plantar, path, arguments):
    if os.path.exists(path):
        return
    started = time.monotonic()
    result = run([plantar, "simulate", "--force", "-o", path] + arguments)
    if result.returncode != 0:
        sys.exit("bench_viewer: plantar simulate failed:\n" + result.stderr)
    print("made %s (%s) in %.0f s, %.1f MB" % (path, " ".join(arguments), time.monotonic() - started,
                                              os.path.getsize(path) / 1e6))


def live_case(build, view, seconds, work):
    folder = tempfile.mkdtemp(prefix="plantard-", dir=work)
    endpoint = "ipc://" + folder
    daemon = subprocess.Popen([os.path.join(build, "capture", "plantard"), "--source", "sim", "--rate", "500",
                               "--plate", "256x64", "--endpoint", endpoint], stdout=subprocess.DEVNULL,
                              stderr=subprocess.DEVNULL)
    try:
        plantar = os.path.join(build, "cli", "plantar")
        for _ in range(100):  # until it answers
            if run([plantar, "status", "--endpoint", endpoint]).returncode == 0:
                break
            time.sleep(0.1)
        figures = viewer(view, ["--live", "--endpoint", endpoint, "--no-start-daemon"], seconds)
        status = json.loads(run([plantar, "status", "--json", "--endpoint", endpoint]).stdout or "{}")
        counters = status.get("counters", {})
        figures["daemon"] = "received %s, skipped by slow clients %s" % (counters.get("frames_received", "?"),
                                                                         counters.get("frames_skipped_by_clients", "?"))
        return figures
    finally:
        daemon.terminate()
        daemon.wait(timeout=30)
        shutil.rmtree(folder, ignore_errors=True)


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--build", default="build", help="the build folder (default build)")
    parser.add_argument("--seconds", type=float, default=10.0, help="seconds per case (default 10)")
    parser.add_argument("--long-seconds", type=float, default=600.0,
                        help="length of the long session scrubbed, at 500 Hz (default 600)")
    parser.add_argument("--work", default="/tmp/bench-viewer", help="where the sessions are made (kept for reruns)")
    parser.add_argument("--cases", default="baseline,replay,replay-scrub,live")
    args = parser.parse_args()
    if shutil.which("xvfb-run") is None:
        sys.exit("bench_viewer: xvfb-run is missing (scripts/install-deps.sh installs it)")
    view = os.path.join(args.build, "viz", "plantar-view")
    plantar = os.path.join(args.build, "cli", "plantar")
    os.makedirs(args.work, exist_ok=True)
    cases = args.cases.split(",")
    results = []
    if "baseline" in cases:
        results.append(viewer(view, ["--bench-baseline"], args.seconds))
    if "replay" in cases:
        walk = os.path.join(args.work, "walk-256x64.h5")
        simulate(plantar, walk, ["--scenario", "walk", "--plate", "256x64", "--seconds", "10", "--rate", "100"])
        results.append(viewer(view, [walk], args.seconds))
    if "replay-scrub" in cases:
        long_session = os.path.join(args.work, "long-%gs-500hz.h5" % args.long_seconds)
        simulate(plantar, long_session, ["--scenario", "walk", "--seconds", "%g" % args.long_seconds, "--rate", "500"])
        results.append(viewer(view, [long_session, "--bench-scrub"], args.seconds))
    if "live" in cases:
        results.append(live_case(args.build, view, args.seconds, args.work))

    baseline = next((r for r in results if r["case"] == "baseline"), None)
    print("\nplantar-view at %dx%d under Xvfb (Mesa), %g s per case" % (SIZE[0], SIZE[1], args.seconds))
    print("%-13s %8s %8s %8s %8s %8s %6s %9s  %s" % ("case", "fps", "mean ms", "med ms", "p99 ms", "max ms", ">50ms",
                                                  "x base", "target"))
    for r in results:
        ratio = r["mean"] / baseline["mean"] if baseline and baseline["mean"] > 0 else float("nan")
        if r["case"] == "baseline":
            verdict = "-"
        elif r["case"] == "replay-scrub":
            verdict = "met" if r["fps"] >= 60 and r["over50"] == 0 else "NOT met (60 fps, no frame > 50 ms)"
        else:
            verdict = "met" if r["fps"] >= 60 else "NOT met (60 fps)"
        print("%-13s %8.1f %8.2f %8.2f %8.2f %8.2f %6d %9.2f  %s" % (r["case"], r["fps"], r["mean"], r["median"], r["p99"],
                                                                   r["max"], r["over50"], ratio, verdict))
        if "daemon" in r:
            print("              plantard: %s" % r["daemon"])


if __name__ == "__main__":
    main()
