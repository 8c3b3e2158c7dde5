"""What every viewer test under Xvfb does the same way: print each check as ok/FAIL and keep the
failures, refuse to run without Xvfb (a failure, never a skip), start from an empty work folder,
run the viewer on one virtual display of its own, and end with the count and the exit code.

The display: one Xvfb per test program, started by this module on a display number Xvfb picks
itself (-displayfd, so parallel tests never race for one) and stopped at the end, whatever
happens. Not xvfb-run: Debian's xvfb-run starts and stops an X server for every command, and
about one cleanup in fifteen fails (its shell receives Xvfb's SIGUSR1 while removing its
temporary folder: "problem while cleaning up temporary directory", exit 5) and leaves an Xvfb
behind holding its lock file. Xvfb is started with a parent-death signal, so even a test killed
by ctest's timeout leaves no X server behind.

Shared by the tests in tests/viz/ (import it: the test's own folder is on sys.path).
"""
import atexit
import ctypes
import os
import shutil
import signal
import subprocess
import sys

failures = []

# Large enough for every window the tests and the bench open (up to 1920x1080).
SCREEN = "2560x1600x24"
_display = {}


def check(condition, message):
    print(("ok   " if condition else "FAIL ") + message)
    if not condition:
        failures.append(message)


def start(work):
    """False (after saying why) when Xvfb is missing; else an empty `work` folder exists."""
    if shutil.which("Xvfb") is None:
        print("FAIL Xvfb is missing: install the Debian package xvfb (scripts/install-deps.sh)")
        return False
    shutil.rmtree(work, ignore_errors=True)
    os.makedirs(work)
    return True


def _die_with_parent():
    # PR_SET_PDEATHSIG (1): the X server gets SIGTERM when the test process ends, however it ends.
    ctypes.CDLL(None, use_errno=True).prctl(1, signal.SIGTERM, 0, 0, 0)


def _stop_display():
    server = _display.pop("server", None)
    if server is not None and server.poll() is None:
        server.terminate()
        try:
            server.wait(timeout=10)
        except subprocess.TimeoutExpired:
            server.kill()
            server.wait()


def display():
    """The DISPLAY name (":N") of this test program's Xvfb, started on first use."""
    if "name" in _display:
        return _display["name"]
    read_end, write_end = os.pipe()
    server = subprocess.Popen(["Xvfb", "-displayfd", str(write_end), "-screen", "0", SCREEN, "-nolisten", "tcp",
                               "-noreset"], pass_fds=(write_end,), stdout=subprocess.DEVNULL,
                              stderr=subprocess.DEVNULL, preexec_fn=_die_with_parent)
    os.close(write_end)
    # Xvfb writes the display number once it accepts clients; EOF without it means it failed.
    with os.fdopen(read_end) as announced:
        number = announced.readline().strip()
    if not number:
        server.wait()
        raise RuntimeError("Xvfb did not start (exit code %s)" % server.returncode)
    _display["server"] = server
    _display["name"] = ":" + number
    atexit.register(_stop_display)
    # A SIGTERM (ctest's timeout) ends the program through atexit, so the server is stopped too.
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(1))
    return _display["name"]


def display_env(env=None):
    """A copy of `env` (default: this process's environment) with DISPLAY on the virtual display."""
    result = dict(os.environ if env is None else env)
    result["DISPLAY"] = display()
    result.pop("WAYLAND_DISPLAY", None)
    return result


def run_viewer(command, **kwargs):
    """subprocess.run(command) on the virtual display (`env`, when given, is the base environment)."""
    kwargs["env"] = display_env(kwargs.get("env"))
    return subprocess.run(command, **kwargs)


def start_viewer(command, **kwargs):
    """subprocess.Popen(command) on the virtual display."""
    kwargs["env"] = display_env(kwargs.get("env"))
    return subprocess.Popen(command, **kwargs)


def finish():
    """Prints the number of failures, stops the display; returns the exit code (1 when any check failed)."""
    _stop_display()
    print("%d failure(s)" % len(failures))
    return 1 if failures else 0
