"""What every viewer test under Xvfb does the same way: print each check as ok/FAIL and keep the
failures, refuse to run without xvfb-run (a failure, never a skip), start from an empty work
folder, and end with the count and the exit code.

Shared by the tests in tests/viz/ (import it: the test's own folder is on sys.path).
"""
import os
import shutil

failures = []


def check(condition, message):
    print(("ok   " if condition else "FAIL ") + message)
    if not condition:
        failures.append(message)


def start(work):
    """False (after saying why) when xvfb-run is missing; else an empty `work` folder exists."""
    if shutil.which("xvfb-run") is None:
        print("FAIL xvfb-run is missing: install the Debian package xvfb (scripts/install-deps.sh)")
        return False
    shutil.rmtree(work, ignore_errors=True)
    os.makedirs(work)
    return True


def finish():
    """Prints the number of failures; returns the exit code (1 when any check failed)."""
    print("%d failure(s)" % len(failures))
    return 1 if failures else 0
