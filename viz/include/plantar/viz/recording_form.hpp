// The live view's recording controls without the GUI: what the user entered before pressing
// Record (subject id, trial kind, output file, append) turned into the daemon's request, and the
// daemon's recording status turned into what the panel says. The daemon writes the file; the
// viewer only asks (live_feed.hpp).
#pragma once

#include <chrono>
#include <filesystem>
#include <optional>
#include <string>

#include "plantar/capture/daemon/control_protocol.hpp"
#include "plantar/viz/live_feed.hpp"

namespace plantar::viz {

struct RecordingForm {
    std::string subject_id;
    TrialKind kind = TrialKind::Walk;
    std::string output_path;  // empty: default_recording_path()
    bool append = false;      // add the trial to an existing session (as plantar record --append)
};

// ~/plantar-recordings/<subject>-<YYYY-MM-DD>.h5: one session per subject and day.
std::filesystem::path default_recording_path(const std::string& subject_id, std::chrono::system_clock::time_point now,
                                             const std::filesystem::path& home);

struct RecordingRequestOrError {
    std::optional<daemon::RecordingRequest> request;
    std::string error;  // one line naming what is wrong in the form
};

// The request for the form. A subject id is required for a new session; the path is made
// absolute (the daemon may run in another folder; "~/" is the home folder). The default file of
// the day is appended to when it exists already, so a subject's trials of one visit share a
// session; any other existing file needs `append`, or the daemon refuses it and says so.
RecordingRequestOrError make_recording_request(const RecordingForm& form, std::chrono::system_clock::time_point now,
                                               const std::filesystem::path& home);

// What the Recording panel says.
struct RecordingDisplay {
    bool can_record = false;   // a daemon answers and nothing is being recorded
    bool recording = false;    // the daemon records (or is closing the file)
    std::string headline;      // "Recording 12.3 s, 1,230 frames to /home/.../A-2026-11-21.h5 (trial 0)"
    std::string problem;       // the daemon's error, in its words; empty when all is well
};
RecordingDisplay describe_recording(const LiveStatus& live);

}  // namespace plantar::viz
