#!/usr/bin/env python3
"""End-to-end tests of the real `plantard` daemon with the real `plantar record` and `plantar
status`: signals, recordings, replays and the errors a user sees. Reads the files back with
h5py, a reader we did not write. Only the standard library drives the programs (subprocess);
the daemon is asked through `plantar status --json`.

Run: PLANTARD_BIN=build/capture/plantard PLANTAR_BIN=build/cli/plantar \
     /usr/bin/python3 tests/daemon/test_plantard.py
"""
import json
import os
import re
import shutil
import signal
import subprocess
import tempfile
import time
import unittest

import h5py
import numpy as np

PLANTARD = os.environ.get("PLANTARD_BIN", "build/capture/plantard")
PLANTAR = os.environ.get("PLANTAR_BIN", "build/cli/plantar")
# Waiting for something that must happen gives up only after this long (a test never asserts
# how fast something happens).
PATIENCE_S = 60


def trial_sequences(path, trial="0000"):
    with h5py.File(path, "r") as f:
        t = f["trials"][trial]
        n = min(int(t.attrs["frame_count"]), *(t[d].shape[0] for d in ("pressure", "sequence", "device_time_us",
                                                                         "host_time_ns")))
        return int(t.attrs["complete"]), t["sequence"][:n]


class DaemonTest(unittest.TestCase):
    def setUp(self):
        self.dir = tempfile.mkdtemp(prefix="plantard-e2e-")
        self.endpoint = "ipc://" + os.path.join(self.dir, "sockets")
        self.daemons = []
        self.logs = []

    def tearDown(self):
        for daemon in self.daemons:
            if daemon.poll() is None:
                daemon.kill()
                daemon.wait()
        for log in self.logs:
            log.close()
        shutil.rmtree(self.dir, ignore_errors=True)

    def path(self, name):
        return os.path.join(self.dir, name)

    def start_daemon(self, *args):
        log = open(self.path("plantard.log"), "w")
        self.logs.append(log)
        daemon = subprocess.Popen([PLANTARD, "--endpoint", self.endpoint, *map(str, args)], stdout=log,
                                  stderr=subprocess.STDOUT)
        self.daemons.append(daemon)
        self.wait_for(lambda: self.status() is not None, "plantard to answer")
        return daemon

    def daemon_log(self):
        with open(self.path("plantard.log")) as f:
            return f.read()

    def plantar(self, *args):
        return subprocess.run([PLANTAR, *map(str, args)], capture_output=True, text=True, timeout=120)

    def status(self):
        result = self.plantar("status", "--json", "--endpoint", self.endpoint)
        return json.loads(result.stdout) if result.returncode == 0 else None

    def wait_for(self, condition, what):
        end = time.monotonic() + PATIENCE_S
        while time.monotonic() < end:
            if condition():
                return
            time.sleep(0.05)
        self.fail("gave up waiting for " + what + "\n" + self.daemon_log())

    def test_sigterm_during_a_recording_closes_the_file_with_every_frame_and_exits_0(self):
        out = self.path("sigterm.h5")
        daemon = self.start_daemon("--source", "sim", "--rate", 500, "--record", out, "--subject", "E2E-1")
        self.wait_for(lambda: self.status()["recording"]["frames"] > 200, "200 recorded frames")
        daemon.send_signal(signal.SIGTERM)
        self.assertEqual(daemon.wait(timeout=PATIENCE_S), 0, self.daemon_log())
        closed = re.search(r"recording closed: .* (\d+) frames", self.daemon_log())
        self.assertIsNotNone(closed, self.daemon_log())
        received = re.search(r"stopped after (\d+) frames received, (\d+) recorded", self.daemon_log())
        complete, sequences = trial_sequences(out)
        self.assertEqual(complete, 1)
        self.assertEqual(len(sequences), int(closed.group(1)))
        # Recording from the first frame: every frame the daemon received is in the file, in order.
        self.assertEqual(int(received.group(1)), len(sequences))
        np.testing.assert_array_equal(sequences, np.arange(len(sequences)))
        self.assertFalse(os.path.exists(os.path.join(self.dir, "sockets", "control")), "the socket is removed")

    def test_status_and_record_two_seconds_against_a_simulated_plate(self):
        self.start_daemon("--source", "sim", "--rate", 100)
        result = self.plantar("status", "--endpoint", self.endpoint)
        self.assertEqual(result.returncode, 0, result.stderr)
        self.assertIn("device     streaming, 64 x 64 sensors at 100 Hz", result.stdout)
        self.assertIn("recording  idle", result.stdout)
        out = self.path("two-seconds.h5")
        result = self.plantar("record", "--endpoint", self.endpoint, "-o", out, "--seconds", 2, "--subject", "E2E-2",
                              "--kind", "static")
        self.assertEqual(result.returncode, 0, result.stderr + self.daemon_log())
        self.assertRegex(result.stdout, r"recorded \d+ frames")
        complete, sequences = trial_sequences(out)
        self.assertEqual(complete, 1)
        self.assertGreaterEqual(len(sequences), 150, "about 2 s at 100 Hz")
        np.testing.assert_array_equal(np.diff(sequences), 1)
        with h5py.File(out, "r") as f:
            self.assertEqual(f["subject"].attrs["id"], "E2E-2")
            self.assertEqual(f["trials"]["0000"].attrs["kind"], "static")
        status = self.status()
        self.assertEqual(status["recording"]["state"], "stopped")
        self.assertEqual(status["counters"]["frames_recorded"], len(sequences))

    def test_record_until_ctrl_c_stops_the_recording_cleanly(self):
        self.start_daemon("--source", "sim", "--rate", 200)
        out = self.path("until-ctrl-c.h5")
        record = subprocess.Popen([PLANTAR, "record", "--endpoint", self.endpoint, "-o", out], stdout=subprocess.PIPE,
                                  stderr=subprocess.PIPE, text=True)
        self.wait_for(lambda: (self.status() or {}).get("recording", {}).get("frames", 0) > 100, "100 recorded frames")
        record.send_signal(signal.SIGINT)
        stdout, stderr = record.communicate(timeout=PATIENCE_S)
        self.assertEqual(record.returncode, 0, stderr)
        frames = int(re.search(r"recorded (\d+) frames", stdout).group(1))
        complete, sequences = trial_sequences(out)
        self.assertEqual(complete, 1)
        self.assertEqual(len(sequences), frames)
        np.testing.assert_array_equal(np.diff(sequences), 1)
        self.assertEqual(self.status()["recording"]["stop_reason"], "requested")

    def test_status_without_a_daemon_is_one_clear_line_and_a_failure(self):
        result = self.plantar("status", "--endpoint", self.endpoint)
        self.assertNotEqual(result.returncode, 0)
        lines = result.stderr.strip().splitlines()
        self.assertEqual(len(lines), 1, result.stderr)
        self.assertIn("no plantard is running at " + self.endpoint, lines[0])
        self.assertIn("plantard --source sim", lines[0])

    def test_record_prints_the_daemons_refusal_and_fails(self):
        self.start_daemon("--source", "sim")
        out = self.path("exists.h5")
        open(out, "w").close()
        result = self.plantar("record", "--endpoint", self.endpoint, "-o", out, "--seconds", 1)
        self.assertNotEqual(result.returncode, 0)
        self.assertIn("exists", result.stderr)
        self.assertEqual(len(result.stderr.strip().splitlines()), 1, result.stderr)

    def test_a_recorded_session_replays_as_a_live_source_frame_for_frame(self):
        original = self.path("original.h5")
        made = self.plantar("simulate", "-o", original, "--rate", 200, "--seconds", 1)
        self.assertEqual(made.returncode, 0, made.stderr)
        copy = self.path("copy.h5")
        daemon = self.start_daemon("--source", "file", "--file", original, "--record", copy, "--exit-at-end")
        self.assertEqual(daemon.wait(timeout=PATIENCE_S), 0, self.daemon_log())
        with h5py.File(original, "r") as a, h5py.File(copy, "r") as b:
            ta, tb = a["trials"]["0000"], b["trials"]["0000"]
            self.assertEqual(int(tb.attrs["complete"]), 1)
            np.testing.assert_array_equal(ta["sequence"][:], tb["sequence"][:])
            np.testing.assert_array_equal(ta["device_time_us"][:], tb["device_time_us"][:])
            np.testing.assert_array_equal(ta["pressure"][:], tb["pressure"][:])
            # Replayed in real time: the host times advance at least as much as the device times.
            self.assertTrue(np.all(np.diff(tb["host_time_ns"][:]) > 0))
            host_span = tb["host_time_ns"][-1] - tb["host_time_ns"][0]
            device_span = (tb["device_time_us"][-1] - tb["device_time_us"][0]) * 1000
            self.assertGreaterEqual(host_span, device_span)

    def test_a_second_daemon_on_the_same_endpoint_refuses_to_start(self):
        self.start_daemon("--source", "sim")
        second = subprocess.run([PLANTARD, "--endpoint", self.endpoint, "--source", "sim"], capture_output=True,
                                text=True, timeout=PATIENCE_S)
        self.assertEqual(second.returncode, 1)
        self.assertIn("another plantard is already running", second.stderr)
        self.assertIsNotNone(self.status(), "the first daemon still answers")


if __name__ == "__main__":
    unittest.main(verbosity=2)
