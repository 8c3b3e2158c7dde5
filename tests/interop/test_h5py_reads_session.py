#!/usr/bin/env python3
"""h5py, a reader we did not write, opens sessions made by `plantar simulate` (and by `plantar
import` of small vendor exports written here: raw counts, placed sensors of unknown geometry)
and finds exactly what docs/session-format.md promises: the tables of that page are parsed here
and every row is checked against the file (presence, HDF5 type, shape, unit), then the
timestamps and the units are checked for physical sense.

Run: PLANTAR_BIN=build/cli/plantar /usr/bin/python3 tests/interop/test_h5py_reads_session.py
"""
import os
import re
import shutil
import subprocess
import tempfile
import unittest

import h5py
import numpy as np

HERE = os.path.dirname(os.path.abspath(__file__))
FORMAT_DOC = os.path.join(HERE, "..", "..", "docs", "session-format.md")
PLANTAR = os.environ.get("PLANTAR_BIN", "build/cli/plantar")

NUMPY_TYPE = {
    "float32": np.dtype("<f4"),
    "float64": np.dtype("<f8"),
    "int8": np.dtype("i1"),
    "uint8": np.dtype("u1"),
    "int32": np.dtype("<i4"),
    "int64": np.dtype("<i8"),
    "uint64": np.dtype("<u8"),
}


def doc_tables():
    """Every markdown table of the format page, keyed by the heading above it:
    {heading: [ {column: cell}, ... ]}, with backticks stripped from cells."""
    tables, heading, header = {}, None, None
    with open(FORMAT_DOC, encoding="utf-8") as f:
        for line in f:
            line = line.rstrip("\n")
            if line.startswith("#"):
                heading, header = line.lstrip("#").strip(), None
            elif line.startswith("|"):
                cells = [c.strip() for c in line.strip().strip("|").split("|")]
                if header is None:
                    header = [c.replace("`", "").lower() for c in cells]
                elif set(line) <= set("|- "):
                    continue
                else:
                    row = dict(zip(header, (c.replace("`", "") for c in cells)))
                    tables.setdefault(heading, []).append(row)
            else:
                header = None
    return tables


class SessionFileMatchesItsContract(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.tables = doc_tables()
        cls.dir = tempfile.mkdtemp(prefix="plantar-h5py-")
        cls.path = os.path.join(cls.dir, "session.h5")

        def plantar(*args):
            result = subprocess.run([PLANTAR, *map(str, args)], capture_output=True, text=True, timeout=300)
            assert result.returncode == 0, result.stderr

        # A walk on an odd plate at 200 Hz, then a static trial on the clinical plate: two geometries.
        plantar("simulate", "--scenario", "walk", "--plate", "40x30@5", "--rate", 200, "--seconds", 3,
                "--subject", "H5PY-01", "--body-mass", 82, "-o", cls.path)
        plantar("simulate", "--append", "--scenario", "static", "--rate", 50, "--seconds", 2, "--body-mass", 82,
                "-o", cls.path)
        cls.file = h5py.File(cls.path, "r")

    @classmethod
    def tearDownClass(cls):
        cls.file.close()
        shutil.rmtree(cls.dir, ignore_errors=True)

    def table(self, heading):
        self.assertIn(heading, self.tables, f"docs/session-format.md has a table under '{heading}'")
        return self.tables[heading]

    def trials(self):
        return [self.file["trials"][name] for name in sorted(self.file["trials"], key=int)]

    def assertHasType(self, value_dtype, doc_type, where):
        if doc_type == "string":
            info = h5py.check_string_dtype(value_dtype)
            self.assertIsNotNone(info, f"{where} is a string")
            self.assertEqual(info.encoding, "utf-8", f"{where} is UTF-8")
            self.assertIsNone(info.length, f"{where} is variable-length")
        else:
            self.assertEqual(value_dtype, NUMPY_TYPE[doc_type], f"{where} is {doc_type}")

    def check_attribute_table(self, obj, rows, where):
        self.assertGreater(len(rows), 0)
        for row in rows:
            name, doc_type = row["attribute"], row["type"]
            presence = row.get("presence", "always")
            if name not in obj.attrs:
                self.assertEqual(presence, "optional", f"{where} has required attribute '{name}'")
                continue
            self.assertHasType(obj.attrs.get_id(name).dtype, doc_type, f"{where} attribute '{name}'")
            if "1-D array" in row.get("meaning", row.get("value", "")):
                self.assertEqual(len(obj.attrs.get_id(name).shape), 1, f"{where} attribute '{name}' is 1-D")
            else:
                self.assertEqual(obj.attrs.get_id(name).shape, (), f"{where} attribute '{name}' is a scalar")

    def test_the_file_says_what_it_is(self):
        self.assertEqual(self.file.attrs["format"], "plantar-session")
        self.assertEqual(self.file.attrs["format_version"], 3)
        self.check_attribute_table(self.file, self.table("Root group `/`"), "/")
        self.assertTrue(self.file.attrs["software"].startswith("plantar "))
        self.assertRegex(self.file.attrs["created_utc"], r"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$")

    def test_the_subject_has_the_documented_attributes(self):
        self.check_attribute_table(self.file["subject"], self.table("`/subject`"), "/subject")
        self.assertEqual(self.file["subject"].attrs["id"], "H5PY-01")
        self.assertEqual(self.file["subject"].attrs["body_mass_kg"], 82.0)

    def test_every_trial_has_the_documented_attributes_and_units(self):
        self.assertEqual([t.name for t in self.trials()], ["/trials/0000", "/trials/0001"])
        for trial in self.trials():
            self.check_attribute_table(trial, self.table("Trial attributes"), trial.name)
            self.assertEqual(trial.attrs["pressure_unit"], "kPa")
            self.assertEqual(trial.attrs["device_time_unit"], "us")
            self.assertEqual(trial.attrs["host_time_unit"], "ns")
            self.assertEqual(trial.attrs["source_kind"], "simulator")
            self.assertEqual(trial.attrs["complete"], 1)
        walk, static = self.trials()
        self.assertEqual((walk.attrs["kind"], walk.attrs["rows"], walk.attrs["cols"]), ("walk", 40, 30))
        self.assertEqual((walk.attrs["pitch_x_mm"], walk.attrs["sensor_area_mm2"]), (5.0, 25.0))
        self.assertEqual((static.attrs["kind"], static.attrs["rows"], static.attrs["rate_hz"]), ("static", 64, 50.0))

    def test_per_frame_datasets_have_the_documented_types_shapes_and_units(self):
        rows = self.table("Per-frame datasets")
        self.assertEqual({r["dataset"] for r in rows}, {"pressure", "sequence", "device_time_us", "host_time_ns"})
        for trial in self.trials():
            n = int(trial.attrs["frame_count"])
            dims = {"N": n, "rows": int(trial.attrs["rows"]), "cols": int(trial.attrs["cols"]), "∞": None}
            for row in rows:
                ds = trial[row["dataset"]]
                where = f"{trial.name}/{row['dataset']}"
                self.assertHasType(ds.dtype, row["type"], where)
                shape_text, max_text = re.fullmatch(r"\[(.*)\] \(\[(.*)\]\)", row["shape (max shape)"]).groups()
                self.assertEqual(ds.shape, tuple(dims[d.strip()] for d in shape_text.split(",")), where)
                self.assertEqual(ds.maxshape, tuple(dims[d.strip()] for d in max_text.split(",")), where)
                unit = row["unit attribute"]
                if unit == "—":
                    self.assertNotIn("unit", ds.attrs, where)
                else:  # the first quoted unit is the one of a kPa trial ('"kPa", or "raw" when ...')
                    self.assertEqual(ds.attrs["unit"], re.findall(r'"([^"]*)"', unit)[0], where)
                # shuffle -> deflate -> fletcher32, as the page says
                self.assertTrue(ds.shuffle and ds.compression == "gzip" and ds.fletcher32, where)

    def test_calibration_has_the_documented_datasets(self):
        for trial in self.trials():
            calibration = trial["calibration"]
            for row in self.table("Calibration (optional)"):
                if row["dataset"] not in calibration:
                    self.assertIn("optional", row["meaning"], f"{trial.name} calibration has {row['dataset']}")
                    continue
                self.assertHasType(calibration[row["dataset"]].dtype, row["type"], row["dataset"])
            counts, kpa = calibration["curve_counts"][:], calibration["curve_kpa"][:]
            self.assertGreaterEqual(len(counts), 2)
            self.assertTrue(np.all(np.diff(counts) > 0) and np.all(np.diff(kpa) >= 0))
            self.assertLessEqual(trial["pressure"][:].max(), kpa[-1], "no pressure above the calibration's full scale")

    def test_the_sensor_layout_table_is_documented_and_plates_are_full_grids(self):
        rows = self.table("Sensor layout (optional)")
        self.assertEqual({r["dataset"] for r in rows},
                         {"grid_present", "sensors/x_mm", "sensors/y_mm", "sensors/area_mm2", "sensors/corners_mm"})
        for row in rows:
            self.assertIn(row["type"], NUMPY_TYPE, row["dataset"])
        for trial in self.trials():  # a simulated plate: every cell is a sensor, so none of them
            for row in rows:
                self.assertNotIn(row["dataset"], trial, trial.name)

    def test_timestamps_count_frames_at_the_stated_rate(self):
        for trial in self.trials():
            rate = trial.attrs["rate_hz"]
            seq = trial["sequence"][:]
            t_us = trial["device_time_us"][:]
            host = trial["host_time_ns"][:]
            self.assertTrue(np.array_equal(seq, np.arange(len(seq))), "no sequence gaps")
            self.assertEqual(t_us[0], 0)
            steps = np.diff(t_us)
            self.assertTrue(np.all(np.abs(steps - 1e6 / rate) <= 1), f"device time advances by 1/{rate} s")
            self.assertTrue(np.all(np.diff(host) >= 0), "host arrival times never go back")
        walk, static = self.trials()
        self.assertEqual(len(walk["sequence"]), 600)   # 3 s at 200 Hz
        self.assertEqual(len(static["sequence"]), 100)  # 2 s at 50 Hz

    def test_pressures_in_kpa_times_sensor_area_give_body_weight_when_standing(self):
        static = self.trials()[1]
        pressure = static["pressure"][:]
        force_n = pressure.sum(axis=(1, 2), dtype=np.float64) * static.attrs["sensor_area_mm2"] * 1e-3
        body_weight_n = 82 * 9.81
        self.assertTrue(np.all(np.abs(force_n / body_weight_n - 1) < 0.05),
                        f"standing force {force_n.min():.0f}..{force_n.max():.0f} N vs {body_weight_n:.0f} N")
        self.assertGreaterEqual(pressure.min(), 0.0)

    def test_the_ground_truth_is_json_that_matches_the_trial(self):
        import json
        truth = json.loads(self.trials()[0].attrs["ground_truth_json"])
        self.assertEqual(truth["format"], "plantar-simulation-truth")
        self.assertEqual(truth["frame_count"], 600)


# Two small exports `plantar import` reads: a Tekscan ASCII export in raw counts (a 3 x 4 grid
# with holes) and a pedar .asc of two 2-sensor insoles, whose sensor positions are unknown.
TEKSCAN_RAW = ("DATA_TYPE MOVIE\nVERSION Tekscan 6.33\nSENSOR_TYPE 6900\nROWS 3\nCOLS 4\nROW_SPACING 5.08 mm\n"
               "COL_SPACING 5.08 mm\nSENSEL_AREA 25.8064 mm2\nSECONDS_PER_FRAME 0.1\nSTART_FRAME 1\nEND_FRAME 2\n"
               "UNITS raw\nASCII_DATA @@\n\nFrame 1\nB,0,10,B\n0,20,30,0\nB,5,5,B\n\nFrame 2\nB,1,2,B\n3,4,5,6\n"
               "B,7,8,B\n\n@@\n")
PEDAR = ("file name:  x.sol\tdate/time  25.04.23 10.49\nsensor type:  y-1865l-1870r \ntotal time [secs]:  0.030\t"
         "time per frame [secs]:  0.01000\tscanning rate [Hz]:   100\npressure values in  kPa\n\nmask definition: \n"
         "left insole: 1,2\nright insole: 1,2\n\ntime[secs]    \t 1\t 2\t 1\t 2\t\n"
         "0.01000\t 10.000\t 0.000\t 5.000\t 0.000\n0.02000\t 20.000\t 0.000\t 5.000\t 0.000\n"
         "0.03000\t 30.000\t 0.000\t 5.000\t 2.500\n")


class ImportedSessionMatchesItsContract(unittest.TestCase):
    """Version 3's objects: pressure_unit "raw" and the sensors group's geometry_known."""

    check_attribute_table = SessionFileMatchesItsContract.check_attribute_table
    assertHasType = SessionFileMatchesItsContract.assertHasType

    @classmethod
    def setUpClass(cls):
        cls.tables = doc_tables()
        cls.dir = tempfile.mkdtemp(prefix="plantar-h5py-import-")
        cls.path = os.path.join(cls.dir, "imported.h5")
        files = []
        for name, text in (("grip.csv", TEKSCAN_RAW), ("walk.asc", PEDAR)):
            files.append(os.path.join(cls.dir, name))
            with open(files[-1], "w", encoding="utf-8") as f:
                f.write(text)
        result = subprocess.run([PLANTAR, "import", *files, "--subject", "H5PY-02", "-o", cls.path],
                                capture_output=True, text=True, timeout=300, env=dict(os.environ, PLANTAR_PROGRESS="0"))
        assert result.returncode == 0, result.stderr
        cls.file = h5py.File(cls.path, "r")

    @classmethod
    def tearDownClass(cls):
        cls.file.close()
        shutil.rmtree(cls.dir, ignore_errors=True)

    def trials(self):
        return [self.file["trials"][name] for name in sorted(self.file["trials"], key=int)]

    def test_the_trials_have_the_documented_attributes(self):
        self.assertEqual(self.file.attrs["format_version"], 3)
        self.assertEqual(len(self.trials()), 3)  # the Tekscan grid, then the left and right insoles
        for trial in self.trials():
            self.check_attribute_table(trial, self.tables["Trial attributes"], trial.name)

    def test_raw_counts_say_raw_in_the_trial_and_on_the_pressure(self):
        grip, left, right = self.trials()
        self.assertEqual(grip.attrs["pressure_unit"], "raw")
        self.assertEqual(grip["pressure"].attrs["unit"], "raw")
        self.assertEqual(grip.attrs["original_unit"], "raw")
        self.assertTrue(any(a.startswith("UNITS raw") for a in grip.attrs["assumptions"]))
        # the file's counts, unconverted, with 0 in the cells without a sensel; rows in reverse
        # (file row 1, the top of the vendor's picture, is the last row: docs/import-formats.md)
        self.assertEqual(grip["pressure"][1].tolist(), [[0, 7, 8, 0], [3, 4, 5, 6], [0, 1, 2, 0]])
        for trial in (left, right):
            self.assertEqual(trial.attrs["pressure_unit"], "kPa")
            self.assertEqual(trial["pressure"].attrs["unit"], "kPa")

    def test_placeholder_sensors_say_their_geometry_is_unknown(self):
        rows = self.tables["Attributes of the `sensors` group"]
        self.assertEqual({r["attribute"] for r in rows}, {"geometry_known"})
        grip, left, right = self.trials()
        self.assertNotIn("sensors", grip)
        for trial in (left, right):
            sensors = trial["sensors"]
            for row in rows:
                self.assertIn(row["attribute"], sensors.attrs, trial.name)
                self.assertEqual(sensors.attrs.get_id(row["attribute"]).dtype, NUMPY_TYPE[row["type"]])
                self.assertEqual(sensors.attrs.get_id(row["attribute"]).shape, ())
            self.assertEqual(sensors.attrs["geometry_known"], 0)
            self.assertEqual(trial["pressure"].shape, (3, 1, 2))
            for row in self.tables["Sensor layout (optional)"]:
                if row["dataset"].startswith("sensors/") and "optional" not in row["meaning"]:
                    self.assertIn(row["dataset"], trial, trial.name)
            self.assertTrue(any(a.startswith("GEOMETRY UNKNOWN") for a in trial.attrs["assumptions"]))


if __name__ == "__main__":
    unittest.main(verbosity=2)
