#!/usr/bin/env python3
"""End-to-end tests of `plantar analyze` as a user runs it: the ten-second summary, --json read
back, --store read back with h5py (a reader we did not write), the configuration file, and the
one-line refusals.

Run: PLANTAR_BIN=build/cli/plantar /usr/bin/python3 tests/cli/test_analyze_command.py
"""
import json
import os
import shutil
import subprocess
import tempfile
import unittest

import h5py

PLANTAR = os.environ.get("PLANTAR_BIN", "build/cli/plantar")


def plantar(*args):
    return subprocess.run([PLANTAR, *map(str, args)], capture_output=True, text=True, timeout=600)


class AnalyzeCommandTest(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.dir = tempfile.mkdtemp(prefix="plantar-analyze-")
        # One flat-footed walk of 40 s on the clinical plate: 5 to 6 complete steps per foot.
        cls.walk = os.path.join(cls.dir, "walk.h5")
        result = plantar("simulate", "-o", cls.walk, "--seconds", 40, "--foot-type", "flat", "--seed", 5)
        assert result.returncode == 0, result.stderr

    @classmethod
    def tearDownClass(cls):
        shutil.rmtree(cls.dir, ignore_errors=True)

    def copy_of_walk(self, name):
        path = os.path.join(self.dir, name)
        shutil.copyfile(self.walk, path)
        return path

    def test_summary_shows_both_feet_side_by_side_with_foot_type_and_pronation(self):
        result = plantar("analyze", self.walk)
        self.assertEqual(result.returncode, 0, result.stderr)
        out = result.stdout
        header = next(line for line in out.splitlines() if "LEFT" in line)
        self.assertLess(header.index("LEFT"), header.index("RIGHT"))
        foot_type = next(line for line in out.splitlines() if line.startswith("foot type"))
        self.assertEqual(foot_type.count("flat (AI "), 2, foot_type)
        self.assertIn("threshold 0.26", foot_type)
        self.assertTrue(any(line.startswith("pronation") for line in out.splitlines()))
        self.assertTrue(any(line.startswith("steps used") for line in out.splitlines()))
        self.assertIn("Cavanagh & Rodgers", out)

    def test_json_has_every_value_and_matches_the_ground_truth_steps(self):
        result = plantar("analyze", self.walk, "--json", "--trial", 0)
        self.assertEqual(result.returncode, 0, result.stderr)
        doc = json.loads(result.stdout)
        (trial,) = doc["trials"]
        self.assertEqual(trial["format"], "plantar-analysis")
        self.assertEqual(trial["trial"], 0)
        self.assertEqual(trial["kind"], "walk")
        with h5py.File(self.walk, "r") as f:
            truth = json.loads(f["trials/0000"].attrs["ground_truth_json"])
        complete = [s for s in truth["steps"] if not s["cut_by_plate_edge"] and not s["cut_by_recording"]]
        for side in ("left", "right"):
            foot = trial["feet"][side]
            expected = sum(1 for s in complete if s["side"] == side)
            self.assertEqual(foot["complete_steps"], expected, side)
            self.assertEqual(foot["foot_type"]["label"], "flat")
            self.assertGreaterEqual(foot["foot_type"]["value"], 0.26)
            self.assertAlmostEqual(foot["foot_type"]["margin"], foot["foot_type"]["value"] - 0.26, places=9)
            self.assertEqual(foot["foot_type"]["source"], "cavanagh-rodgers-1987")
            self.assertEqual(len(foot["agreement"]["arch_index"]["values"]), expected)
            self.assertIn(foot["pronation"]["label"], ("pronated", "neutral", "supinated"))
            self.assertIsNotNone(foot["pronation"]["z_score"])
        used = [s for s in trial["steps"] if s["used_for_classification"]]
        self.assertEqual(len(used), len(complete))
        self.assertEqual(trial["config"]["classification"]["arch_index_flat_min"], 0.26)
        self.assertNotIn("NaN", result.stdout)

    def test_store_writes_the_analysis_into_the_session_and_a_second_store_replaces_it(self):
        path = self.copy_of_walk("store.h5")
        result = plantar("analyze", path, "--store")
        self.assertEqual(result.returncode, 0, result.stderr)
        self.assertIn("stored the analysis of 1 trial", result.stdout)
        with h5py.File(path, "r") as f:
            group = f["trials/0000/analysis"]
            stored = json.loads(group.attrs["analysis_json"])
            self.assertTrue(group.attrs["software"].startswith("plantar "))
            regions = group["regions"][:]
            self.assertEqual(regions.shape, (len(stored["steps"]), 64, 64))
            self.assertEqual(set(regions.ravel()) - {0, 1, 2, 3, 4}, set())
            self.assertIn(1, regions)  # heels are labelled
            self.assertIn("heel", group["regions"].attrs["legend"])
            self.assertEqual(f["trials/0000/pressure"].shape[0], f["trials/0000"].attrs["frame_count"])
        self.assertEqual(stored["feet"]["left"]["foot_type"]["label"], "flat")

        config = os.path.join(self.dir, "strict.json")
        with open(config, "w") as out:
            json.dump({"classification": {"arch_index_flat_min": 0.40}}, out)
        result = plantar("analyze", path, "--store", "--config", config)
        self.assertEqual(result.returncode, 0, result.stderr)
        with h5py.File(path, "r") as f:
            stored = json.loads(f["trials/0000/analysis"].attrs["analysis_json"])
        self.assertEqual(stored["config"]["classification"]["arch_index_flat_min"], 0.40)
        self.assertEqual(stored["feet"]["left"]["foot_type"]["label"], "normal")
        self.assertFalse(os.path.exists(path + ".analysis-partial"))
        info = plantar("info", path, "--json")
        self.assertEqual(info.returncode, 0, info.stderr)

    def test_print_config_reads_back_and_bad_keys_are_refused_naming_them(self):
        result = plantar("analyze", "--print-config")
        self.assertEqual(result.returncode, 0, result.stderr)
        config = json.loads(result.stdout)
        self.assertEqual(config["classification"]["arch_index_high_arch_max"], 0.21)
        self.assertEqual(config["balance"]["end_s"], None)
        self.assertIn("threshold_kpa", config["contacts"])
        path = os.path.join(self.dir, "defaults.json")
        with open(path, "w") as out:
            out.write(result.stdout)
        again = plantar("analyze", "--print-config", "--config", path)
        self.assertEqual(json.loads(again.stdout), config)

        for bad, key in (({"classification": {"arch_index_flat": 0.3}}, "classification.arch_index_flat"),
                         ({"gait": {"max_step_time_s": -1}}, "gait.max_step_time_s"),
                         ({"footprint": {"axis_method": "sideways"}}, "footprint.axis_method")):
            with open(path, "w") as out:
                json.dump(bad, out)
            result = plantar("analyze", self.walk, "--config", path)
            self.assertNotEqual(result.returncode, 0)
            self.assertIn(key, result.stderr)
            self.assertEqual(len(result.stderr.strip().splitlines()), 1, result.stderr)
            self.assertEqual(result.stdout, "")

    def test_refusals_are_one_clear_line_and_a_non_zero_exit(self):
        not_session = os.path.join(self.dir, "notes.txt")
        with open(not_session, "w") as out:
            out.write("not a session\n")
        empty = self.copy_of_walk("empty.h5")
        with h5py.File(empty, "r+") as f:
            trial = f["trials/0000"]
            for name in ("pressure", "sequence", "device_time_us", "host_time_ns"):
                trial[name].resize(0, axis=0)
            trial.attrs["frame_count"] = 0
        cases = (((self.walk, "--trial", 3), "has no trial 3"),
                 ((not_session,), "not"),
                 ((empty, "--trial", 0), "no frames"))
        for args, text in cases:
            result = plantar("analyze", *args)
            self.assertNotEqual(result.returncode, 0, args)
            self.assertIn(text, result.stderr)
            self.assertEqual(len(result.stderr.strip().splitlines()), 1, result.stderr)


if __name__ == "__main__":
    unittest.main(verbosity=2)
