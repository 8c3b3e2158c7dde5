"""Frames of a simulated walk picked from the simulator's ground truth, for the viewer's tests.

Shared by the tests in tests/viz/ (import it: the test's own folder is on sys.path): the frame at
mid-stance of the first step, and a frame with no foot on the plate.
"""
import json

import numpy as np


def first_step_frames(trial):
    """For an h5py trial group of a simulated walk: (truth, mid_stance, empty), where mid_stance is
    the frame halfway through the first step's stance and empty a frame between that step's
    toe-off and the next strike (or the trial's end), when no foot is on the plate."""
    truth = json.loads(trial.attrs["ground_truth_json"])
    times = trial["device_time_us"][:]
    step = truth["steps"][0]
    mid_stance = int(np.searchsorted(times, (step["strike_us"] + step["off_us"]) // 2))
    next_strike = min([s["strike_us"] for s in truth["steps"] if s["strike_us"] > step["off_us"]] + [int(times[-1])])
    empty = int(np.searchsorted(times, (step["off_us"] + next_strike) // 2))
    return truth, mid_stance, empty
