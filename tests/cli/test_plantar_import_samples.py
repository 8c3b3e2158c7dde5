#!/usr/bin/env python3
"""`plantar import` on the real vendor samples in ../shared/data/vendor-exports, end to end:
every export becomes trials that `plantar info` describes and `plantar export` writes out, with
h5py checking the session. Exits 77 (ctest: Skipped) when the samples are absent.

Run: PLANTAR_BIN=build/cli/plantar /usr/bin/python3 tests/cli/test_plantar_import_samples.py
"""
import csv
import json
import os
import shutil
import subprocess
import sys
import tempfile
import unittest

import h5py
import numpy as np

HERE = os.path.dirname(os.path.abspath(__file__))
SAMPLES = os.path.normpath(os.path.join(HERE, "..", "..", "..", "shared", "data", "vendor-exports", "pressuRe-extdata"))
PLANTAR = os.environ.get("PLANTAR_BIN", "build/cli/plantar")

# (file, [(frames, layout kind, original unit mentions)...]) in import order
EXPECTED = [
    ("emed_test.lst", [(106, "grid")]),
    ("footscan_test.xls", [(329, "grid")]),
    ("fscan_testL.asf", [(205, "grid-with-holes")]),
    ("xsensor_data.csv", [(101, "grid"), (101, "grid")]),
    ("pliance_test.asc", [(281, "placed-sensors")]),
    ("pedar_example.asc", [(1505, "placed-sensors"), (1505, "placed-sensors")]),
    ("iscan_test.csv", [(309, "grid-with-holes")]),
]
RAW = {"iscan_test.csv"}  # exports of uncalibrated counts (Tekscan UNITS raw)


def plantar(*args):
    return subprocess.run([PLANTAR, *map(str, args)], capture_output=True, text=True, timeout=600,
                          env=dict(os.environ, PLANTAR_PROGRESS="0"))


class ImportRealExports(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.dir = tempfile.mkdtemp(prefix="plantar-import-")
        cls.session = os.path.join(cls.dir, "clinic.h5")
        files = [os.path.join(SAMPLES, name) for name, _ in EXPECTED]
        result = plantar("import", *files, "--subject", "CLINIC-7", "-o", cls.session)
        assert result.returncode == 0, result.stderr
        cls.info = json.loads(plantar("info", cls.session, "--json").stdout)

    @classmethod
    def tearDownClass(cls):
        shutil.rmtree(cls.dir, ignore_errors=True)

    def test_every_export_becomes_its_trials_with_frames_layout_and_kpa(self):
        expected = [t for _, trials in EXPECTED for t in trials]
        self.assertEqual(len(self.info["trials"]), len(expected))
        for trial, (frames, kind) in zip(self.info["trials"], expected):
            self.assertEqual(trial["frames"], frames, trial["source"]["name"])
            self.assertEqual(trial["layout"]["kind"], kind, trial["source"]["name"])
            raw = trial["source"]["name"] in RAW
            self.assertEqual(trial["pressure_unit"], "raw" if raw else "kPa", trial["source"]["name"])
            self.assertEqual(trial["source"]["kind"], "import")
            self.assertTrue(trial["complete"])
        self.assertEqual(self.info["subject"]["id"], "CLINIC-7")
        units = {t["source"]["name"]: t.get("original_unit", "") for t in self.info["trials"]}
        self.assertIn("mmHg", units["xsensor_data.csv"])
        self.assertIn("N", units["footscan_test.xls"])

    def test_pedar_says_its_geometry_is_unknown(self):
        pedar = [t for t in self.info["trials"] if t["source"]["name"] == "pedar_example.asc"]
        self.assertEqual(len(pedar), 2)
        for trial in pedar:
            self.assertTrue(any(a.startswith("GEOMETRY UNKNOWN") for a in trial["assumptions"]), trial["assumptions"])
            self.assertFalse(trial["layout"]["geometry_known"])
            self.assertEqual(trial["layout"]["sensors"], 99)
        self.assertTrue(all(t["layout"]["geometry_known"] for t in self.info["trials"] if t not in pedar))
        text = plantar("info", self.session).stdout
        self.assertEqual(text.count("sensor positions unknown: per-sensor values and timing only"), 2)

    def test_the_iscan_export_in_raw_counts_imports_as_counts(self):
        iscan = self.info["trials"][-1]
        self.assertEqual(iscan["source"]["name"], "iscan_test.csv")
        self.assertEqual(iscan["original_unit"], "raw")
        self.assertEqual((iscan["plate"]["rows"], iscan["plate"]["cols"]), (28, 28))
        self.assertAlmostEqual(iscan["rate_hz"], 10.0)
        text = plantar("info", self.session).stdout
        self.assertEqual(text.count("pressures: raw sensor counts, uncalibrated"), 1)
        with h5py.File(self.session, "r") as f:
            t = f["trials/%04d" % (len(self.info["trials"]) - 1)]
            self.assertEqual(t.attrs["pressure_unit"], "raw")
            first = t["pressure"][0]
        self.assertEqual(float(first.sum()), 310.0)  # the file's "Raw Sum" of Frame 1: counts, unconverted
        self.assertTrue(np.all(first == np.floor(first)))
        header = next(csv.reader(plantar("export", self.session, "--csv", "-", "--trial",
                                         len(self.info["trials"]) - 1, "--to", 0).stdout.splitlines()))
        self.assertEqual(header[6], "raw_r0_c0")

    def test_export_writes_placed_sensors_at_their_centres_and_leaves_missing_sensels_empty(self):
        with h5py.File(self.session, "r") as f:
            pliance = f["trials/0005"]
            xs = pliance["sensors/x_mm"][:]
            ys = pliance["sensors/y_mm"][:]
            present = f["trials/0002/grid_present"][:].ravel()
        rows = list(csv.DictReader(plantar("export", self.session, "--csv", "-", "--trial", 5, "--layout", "long",
                                           "--from", 2, "--to", 2.1).stdout.splitlines()))
        self.assertGreater(len(rows), 0)
        for r in rows:
            c = int(r["col"])
            self.assertAlmostEqual(float(r["x_mm"]), xs[c], places=6)
            self.assertAlmostEqual(float(r["y_mm"]), ys[c], places=6)
        wide = list(csv.reader(plantar("export", self.session, "--csv", "-", "--trial", 2).stdout.splitlines()))
        cells = wide[1][6:]
        self.assertEqual(len(cells), len(present))
        self.assertEqual([v == "" for v in cells], [p == 0 for p in present], "exactly the cells without a sensel are empty")


if __name__ == "__main__":
    if not os.path.isdir(SAMPLES):
        print(f"SKIPPED: the vendor samples are not at {SAMPLES}")
        sys.exit(77)
    sys.exit(0 if unittest.main(verbosity=2, exit=False).result.wasSuccessful() else 1)
