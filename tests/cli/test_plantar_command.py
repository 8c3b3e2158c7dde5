#!/usr/bin/env python3
"""End-to-end tests of the `plantar` command as a user runs it: simulate, info, export, and the
errors a user sees for bad input. Reads what it wrote back with h5py, a reader we did not write.

Run: PLANTAR_BIN=build/cli/plantar /usr/bin/python3 tests/cli/test_plantar_command.py
"""
import csv
import json
import os
import pathlib
import shutil
import subprocess
import sys
import tempfile
import unittest

import h5py
import numpy as np

PLANTAR = os.environ.get("PLANTAR_BIN", "build/cli/plantar")


def plantar(*args, env_extra=None):
    env = dict(os.environ)
    env.update(env_extra or {})
    return subprocess.run([PLANTAR, *map(str, args)], capture_output=True, text=True, env=env, timeout=300)


class PlantarCommandTest(unittest.TestCase):
    def setUp(self):
        self.dir = tempfile.mkdtemp(prefix="plantar-cli-")

    def tearDown(self):
        shutil.rmtree(self.dir, ignore_errors=True)

    def path(self, name):
        return os.path.join(self.dir, name)

    def simulate(self, name, *args):
        out = self.path(name)
        result = plantar("simulate", "-o", out, *args)
        self.assertEqual(result.returncode, 0, result.stderr)
        return out, result

    def test_simulate_writes_a_walk_and_prints_its_summary(self):
        out, result = self.simulate("walk.h5", "--seconds", 5, "--rate", 100)
        self.assertIn("1 trial", result.stdout)
        self.assertIn("walk, 500 frames, 5.00 s at 100 Hz", result.stdout)
        self.assertIn("64 x 64 sensors", result.stdout)
        self.assertIn("foot contacts", result.stdout)
        self.assertFalse(os.path.exists(out + ".partial"), "no partial file is left behind")

    def test_info_json_names_trials_frames_duration_rate_plate_and_subject(self):
        out, _ = self.simulate("s.h5", "--scenario", "static", "--seconds", 2, "--rate", 50,
                               "--subject", "P-042", "--body-mass", 82)
        result = plantar("info", out, "--json")
        self.assertEqual(result.returncode, 0, result.stderr)
        info = json.loads(result.stdout)
        self.assertEqual(info["format"], "plantar-session")
        self.assertEqual(info["subject"]["id"], "P-042")
        self.assertAlmostEqual(info["subject"]["body_mass_kg"], 82)
        (trial,) = info["trials"]
        self.assertEqual(trial["kind"], "static")
        self.assertEqual(trial["frames"], 100)
        self.assertAlmostEqual(trial["duration_s"], 2.0, places=6)
        self.assertEqual(trial["rate_hz"], 50)
        self.assertEqual((trial["plate"]["rows"], trial["plate"]["cols"]), (64, 64))
        self.assertEqual(trial["source"]["kind"], "simulator")
        self.assertTrue(trial["complete"])
        self.assertTrue(trial["has_ground_truth"])

    def test_append_adds_a_trial_to_an_existing_session(self):
        out, _ = self.simulate("a.h5", "--seconds", 1)
        result = plantar("simulate", "--append", "--scenario", "step", "--plate", "walkway", "--seconds", 2, "-o", out)
        self.assertEqual(result.returncode, 0, result.stderr)
        info = json.loads(plantar("info", out, "--json").stdout)
        self.assertEqual([t["kind"] for t in info["trials"]], ["walk", "step"])
        self.assertEqual(info["trials"][1]["plate"]["rows"], 256)

    def test_wide_csv_holds_every_frame_and_sensor_exactly_as_stored(self):
        out, _ = self.simulate("w.h5", "--seconds", 1, "--rate", 100)
        csv_path = self.path("w.csv")
        result = plantar("export", out, "--csv", csv_path)
        self.assertEqual(result.returncode, 0, result.stderr)
        with open(csv_path, newline="") as f:
            rows = list(csv.reader(f))
        header, body = rows[0], rows[1:]
        self.assertEqual(header[:6], ["trial", "frame", "sequence", "time_s", "device_time_us", "host_time_ns"])
        self.assertEqual(len(header), 6 + 64 * 64)
        self.assertEqual(header[6], "kPa_r0_c0")
        self.assertEqual(header[6 + 64 + 2], "kPa_r1_c2")
        self.assertEqual(len(body), 100)
        times = [float(r[3]) for r in body]
        self.assertAlmostEqual(times[0], 0.0)
        self.assertTrue(np.allclose(np.diff(times), 0.01))
        with h5py.File(out, "r") as f:
            (trial,) = f["trials"].values()
            stored = trial["pressure"][:]
        exported = np.array([[float(v) for v in r[6:]] for r in body], dtype=np.float32).reshape(100, 64, 64)
        self.assertTrue(np.array_equal(stored, exported), "CSV values read back as the stored float32 values")
        self.assertGreater(stored.max(), 50.0, "the walk loads the plate")

    def test_long_csv_lists_loaded_sensors_in_the_chosen_time_range(self):
        out, _ = self.simulate("l.h5", "--seconds", 3, "--rate", 100)
        result = plantar("export", out, "--csv", "-", "--layout", "long", "--from", 1.0, "--to", 1.5)
        self.assertEqual(result.returncode, 0, result.stderr)
        rows = list(csv.DictReader(result.stdout.splitlines()))
        self.assertGreater(len(rows), 0)
        frames = sorted({int(r["frame"]) for r in rows})
        self.assertGreaterEqual(frames[0], 100)
        self.assertLessEqual(frames[-1], 150)
        for r in rows[:200]:
            self.assertGreater(float(r["pressure_kpa"]), 0.0)
            self.assertAlmostEqual(float(r["x_mm"]), int(r["col"]) * 7.8, places=3)
            self.assertAlmostEqual(float(r["y_mm"]), int(r["row"]) * 7.8, places=3)

    def test_the_same_seed_gives_identical_sessions(self):
        a, _ = self.simulate("a.h5", "--seconds", 1, "--seed", 7)
        b, _ = self.simulate("b.h5", "--seconds", 1, "--seed", 7)
        c, _ = self.simulate("c.h5", "--seconds", 1, "--seed", 8)
        with h5py.File(a, "r") as fa, h5py.File(b, "r") as fb, h5py.File(c, "r") as fc:
            pa = fa["trials/0000/pressure"][:]
            self.assertTrue(np.array_equal(pa, fb["trials/0000/pressure"][:]))
            self.assertFalse(np.array_equal(pa, fc["trials/0000/pressure"][:]))

    def test_progress_bar_is_drawn_for_long_work(self):
        out = self.path("p.h5")
        result = plantar("simulate", "--seconds", 2, "-o", out, env_extra={"PLANTAR_PROGRESS": "1"})
        self.assertEqual(result.returncode, 0, result.stderr)
        self.assertIn("simulating [", result.stderr)
        self.assertIn("100%", result.stderr)

    def test_help_explains_every_simulate_option(self):
        result = plantar("simulate", "--help")
        self.assertEqual(result.returncode, 0)
        for option in ["--scenario", "--foot-type", "--arch", "--pronation", "--body-mass", "--plate", "--rate",
                       "--seconds", "--seed", "--output", "--append", "--force", "--subject", "--ideal-sensors",
                       "--foot-length", "--stance-width", "--stance-time", "--line-offset", "--stuck-column",
                       "--stuck-row"]:
            line = next((l for l in result.stdout.splitlines() if option in l), None)
            self.assertIsNotNone(line, f"{option} is listed")
        for command in ["simulate", "info", "export"]:
            self.assertIn(command, plantar("--help").stdout)

    def test_the_example_recordings_open_and_hold_what_their_readme_says(self):
        recordings = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..", "recordings")
        expected = {
            "walk-normal-clinical.h5": [("walk", 1000, 64)],
            "static-flat-clinical.h5": [("static", 500, 64)],
            "walk-high-arch-supinated-walkway.h5": [("walk", 800, 256)],
            "screening-pronated.h5": [("static", 250, 64), ("walk", 600, 64), ("step", 400, 64)],
        }
        self.assertEqual(sorted(f for f in os.listdir(recordings) if f.endswith(".h5")), sorted(expected))
        for name, trials in expected.items():
            result = plantar("info", os.path.join(recordings, name), "--json")
            self.assertEqual(result.returncode, 0, f"{name}: {result.stderr}")
            info = json.loads(result.stdout)
            self.assertEqual([(t["kind"], t["frames"], t["plate"]["rows"]) for t in info["trials"]], trials, name)
            self.assertTrue(all(t["complete"] and t["has_ground_truth"] for t in info["trials"]), name)

    # --- bad input: a clear error naming what was wrong, nothing good lost ---

    def assertRefused(self, result, *words):
        self.assertNotEqual(result.returncode, 0)
        for word in words:
            self.assertIn(word, result.stderr)
        self.assertEqual(len(result.stderr.strip().splitlines()), 1, f"one clear line: {result.stderr!r}")

    def test_info_refuses_a_file_that_is_not_a_session(self):
        text = self.path("notes.h5")
        with open(text, "w") as f:
            f.write("patient notes, not HDF5\n")
        self.assertRefused(plantar("info", text), "notes.h5", "HDF5")
        foreign = self.path("foreign.h5")
        with h5py.File(foreign, "w") as f:
            f["x"] = np.arange(3)
        self.assertRefused(plantar("info", foreign), "foreign.h5", "plantar")

    def test_simulate_refuses_impossible_parameters(self):
        self.assertRefused(plantar("simulate", "--rate", 5000, "-o", self.path("x.h5")), "rate")
        self.assertRefused(plantar("simulate", "--plate", "64by64", "-o", self.path("x.h5")), "64by64")
        self.assertRefused(plantar("simulate", "--scenario", "jog", "-o", self.path("x.h5")), "jog")
        self.assertFalse(os.path.exists(self.path("x.h5")))

    def test_simulate_takes_a_child_foot_an_offset_line_and_stuck_lines_into_the_ground_truth(self):
        out, _ = self.simulate("child.h5", "--scenario", "static", "--seconds", 1, "--foot-length", 150,
                               "--body-mass", 20, "--line-offset", -150, "--stuck-column", "40:5-20@60",
                               "--stuck-row", "2@30,always", "--stuck-column", "10:50-")
        with h5py.File(out, "r") as f:
            trial = f["trials"]["0000"]
            truth = json.loads(trial.attrs["ground_truth_json"])
            pressure = trial["pressure"][()]
        config = truth["config"]
        self.assertEqual(config["foot"]["length_mm"], 150)
        self.assertAlmostEqual(config["foot"]["forefoot_width_mm"], 100 * 150 / 260)
        self.assertEqual(config["line_offset_mm"], -150)
        lines = config["sensors"]["stuck_lines"]
        described = [(l["line"], l["index"], l["first"], l["last"], l["kpa"], l["only_when_loaded"]) for l in lines]
        self.assertEqual(described, [("column", 40, 5, 20, 60, True), ("column", 10, 50, 63, 40, True),
                                     ("row", 2, 0, 63, 30, False)])
        # The shorted row reads 30 kPa in every frame; the left foot's middle is moved onto the
        # plate's -x edge.
        self.assertTrue((pressure[:, 2, :] == 30).all())
        self.assertEqual(truth["steps"][0]["side"], "left")
        self.assertTrue(truth["steps"][0]["cut_by_plate_edge"])
        self.assertGreater(truth["steps"][0]["off_plate_load_fraction"], 0.05)

    def test_simulate_refuses_a_stuck_line_it_cannot_place(self):
        self.assertRefused(plantar("simulate", "--stuck-column", 64, "-o", self.path("x.h5")), "stuck column 64",
                           "off the plate")
        self.assertRefused(plantar("simulate", "--stuck-row", "3:9-2", "-o", self.path("x.h5")), "last sensor 2")
        self.assertRefused(plantar("simulate", "--stuck-row", "3@hot", "-o", self.path("x.h5")), "'3@hot'", "hot",
                           "INDEX[:FIRST-LAST][@KPA][,always]")
        self.assertRefused(plantar("simulate", "--line-offset", 400, "-o", self.path("x.h5")), "line offset")
        self.assertFalse(os.path.exists(self.path("x.h5")))

    def test_simulate_keeps_an_existing_file_unless_forced(self):
        out, _ = self.simulate("keep.h5", "--seconds", 1)
        before = pathlib.Path(out).read_bytes()
        self.assertRefused(plantar("simulate", "--seconds", 2, "-o", out), "exists", "--force")
        self.assertEqual(pathlib.Path(out).read_bytes(), before)
        result = plantar("simulate", "--seconds", 2, "--force", "-o", out)
        self.assertEqual(result.returncode, 0, result.stderr)
        self.assertEqual(json.loads(plantar("info", out, "--json").stdout)["trials"][0]["frames"], 200)

    def test_import_refuses_a_file_that_is_no_known_export_and_writes_nothing(self):
        notes = self.path("notes.txt")
        with open(notes, "w") as f:
            f.write("Frame? no. Just a clinic's notes.\n")
        out = self.path("imported.h5")
        self.assertRefused(plantar("import", notes, "-o", out), "notes.txt", "not an export plantar recognises", "--format")
        self.assertFalse(os.path.exists(out))
        self.assertFalse(os.path.exists(out + ".partial"))
        self.assertRefused(plantar("import", notes, "-o", out, "--format", "excel"), "unknown format 'excel'", "emed-lst")
        # An existing session is kept as it was when an import into it fails.
        session, _ = self.simulate("keep.h5", "--seconds", 1)
        before = pathlib.Path(session).read_bytes()
        self.assertRefused(plantar("import", notes, "-o", session, "--append"), "notes.txt")
        self.assertEqual(pathlib.Path(session).read_bytes(), before)

    def test_export_refuses_a_missing_trial_and_a_table_too_wide_for_a_spreadsheet(self):
        out, _ = self.simulate("t.h5", "--seconds", 1)
        self.assertRefused(plantar("export", out, "--csv", self.path("t.csv"), "--trial", 7), "no trial 7")
        self.assertFalse(os.path.exists(self.path("t.csv")))
        wide, _ = self.simulate("wide.h5", "--seconds", 1, "--plate", "256x64")
        self.assertRefused(plantar("export", wide, "--csv", self.path("w.csv")), "--layout long")
        self.assertFalse(os.path.exists(self.path("w.csv")))
        self.assertFalse(os.path.exists(self.path("w.csv.partial")))

    # Two small exports: Tekscan ASCII in raw counts (a 3 x 4 grid with holes) and a pedar .asc
    # of two 2-sensor insoles, whose sensor positions and areas the export does not give.
    TEKSCAN_RAW = ("DATA_TYPE MOVIE\nVERSION Tekscan 6.33\nSENSOR_TYPE 6900\nROWS 3\nCOLS 4\nROW_SPACING 5.08 mm\n"
                   "COL_SPACING 5.08 mm\nSENSEL_AREA 25.8064 mm2\nSECONDS_PER_FRAME 0.1\nSTART_FRAME 1\nEND_FRAME 2\n"
                   "UNITS raw\nASCII_DATA @@\n\nFrame 1\nB,0,10,B\n0,20,30,0\nB,5,5,B\n\nFrame 2\nB,1,2,B\n3,4,5,6\n"
                   "B,7,8,B\n\n@@\n")
    PEDAR = ("file name:  x.sol\tdate/time  25.04.23 10.49\nsensor type:  y-1865l-1870r \ntotal time [secs]:  0.030\t"
             "time per frame [secs]:  0.01000\tscanning rate [Hz]:   100\npressure values in  kPa\n\nmask definition: \n"
             "left insole: 1,2\nright insole: 1,2\n\ntime[secs]    \t 1\t 2\t 1\t 2\t\n"
             "0.01000\t 10.000\t 0.000\t 5.000\t 0.000\n0.02000\t 20.000\t 0.000\t 5.000\t 0.000\n"
             "0.03000\t 30.000\t 0.000\t 5.000\t 2.500\n")

    def imported(self, name, text):
        export = self.path(name)
        pathlib.Path(export).write_text(text, encoding="utf-8")
        out = self.path(name + ".h5")
        result = plantar("import", export, "-o", out, env_extra={"PLANTAR_PROGRESS": "0"})
        self.assertEqual(result.returncode, 0, result.stderr)
        return out

    def test_info_says_plainly_when_a_trial_is_raw_counts_and_gives_no_kpa(self):
        out = self.imported("grip.csv", self.TEKSCAN_RAW)
        result = plantar("info", out)
        self.assertEqual(result.returncode, 0, result.stderr)
        self.assertIn("pressures: raw sensor counts, uncalibrated", result.stdout)
        self.assertIn("no pressure in kPa and no force in N", result.stdout)
        self.assertIn("3 x 4 grid, 8 sensors present", result.stdout)
        self.assertNotIn("pressures in kPa", result.stdout)
        self.assertNotIn("converted to kPa", result.stdout)
        self.assertNotIn(" N\n", result.stdout)
        trial = json.loads(plantar("info", out, "--json").stdout)["trials"][0]
        self.assertEqual(trial["pressure_unit"], "raw")
        self.assertEqual(trial["original_unit"], "raw")
        self.assertTrue(trial["layout"]["geometry_known"])

    def test_info_says_plainly_when_sensor_positions_are_unknown(self):
        out = self.imported("walk.asc", self.PEDAR)
        result = plantar("info", out)
        self.assertEqual(result.returncode, 0, result.stderr)
        self.assertIn("2 sensors without a grid (insole)", result.stdout)
        self.assertIn("sensors positions and areas unknown", result.stdout)
        self.assertIn("sensor positions unknown: per-sensor values and timing only; no force, contact area or centre "
                      "of pressure", result.stdout)
        self.assertNotIn("mm2 of sensing area", result.stdout)  # the placeholders' area is no figure to show
        info = json.loads(plantar("info", out, "--json").stdout)
        self.assertEqual([t["layout"]["geometry_known"] for t in info["trials"]], [False, False])
        self.assertEqual([t["pressure_unit"] for t in info["trials"]], ["kPa", "kPa"])

    def test_export_names_raw_columns_raw_and_leaves_unknown_positions_empty(self):
        raw = self.imported("grip.csv", self.TEKSCAN_RAW)
        wide = list(csv.reader(plantar("export", raw, "--csv", "-").stdout.splitlines()))
        self.assertEqual(wide[0][6:8], ["raw_r0_c0", "raw_r0_c1"])
        self.assertFalse(any("kPa" in column for column in wide[0]))
        # the file's counts of frame 2, row 0 = the file's last row (rows are stored seen from
        # above, file row 1 on top); no sensel is empty
        self.assertEqual(wide[2][6:10], ["", "7", "8", ""])
        long = list(csv.DictReader(plantar("export", raw, "--csv", "-", "--layout", "long").stdout.splitlines()))
        self.assertIn("pressure_raw", long[0])
        self.assertNotIn("pressure_kpa", long[0])
        pedar = self.imported("walk.asc", self.PEDAR)
        wide = list(csv.reader(plantar("export", pedar, "--csv", "-", "--trial", 0).stdout.splitlines()))
        self.assertEqual(wide[0][6:], ["kPa_s0", "kPa_s1"])
        long = list(csv.DictReader(plantar("export", pedar, "--csv", "-", "--layout", "long").stdout.splitlines()))
        self.assertGreater(len(long), 0)
        for row in long:
            self.assertEqual((row["x_mm"], row["y_mm"]), ("", ""))  # placeholders are not positions
        # kPa and raw trials never share one header.
        subprocess.run([PLANTAR, "import", self.path("grip.csv"), "-o", pedar, "--append"], check=True,
                       capture_output=True, env=dict(os.environ, PLANTAR_PROGRESS="0"))
        self.assertRefused(plantar("export", pedar, "--csv", self.path("mixed.csv"), "--layout", "long"),
                           "different units", "--trial")


if __name__ == "__main__":
    unittest.main(verbosity=2)
