// The control channel of plantard (docs/stream-protocol.md): one JSON object per request, one
// per reply. These types are what the daemon fills in and what the client library hands back.
#pragma once

#include <cstdint>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <vector>

#include "plantar/capture/errors.hpp"
#include "plantar/capture/frame_source.hpp"
#include "plantar/capture/live_source.hpp"
#include "plantar/capture/session/session.hpp"

namespace plantar::daemon {

inline constexpr int kControlProtocolVersion = 1;

// The daemon understood a request and refused it (a file that exists, no plate yet, ...), or
// could not understand it. The message is the daemon's, meant for a person.
struct DaemonRequestError : Error {
    std::string kind;  // "bad_request", "refused", "io", "internal"
    DaemonRequestError(std::string error_kind, const std::string& message)
        : Error(message), kind(std::move(error_kind)) {}
};

enum class FileMode { Create, Overwrite, Append };
std::string to_string(FileMode mode);  // "create", "overwrite", "append"
std::optional<FileMode> file_mode_from_string(const std::string& text);

struct RecordingRequest {
    std::string file;  // a path on the daemon's machine (relative to the daemon's folder)
    Subject subject;   // subject.id is required for a new file; ignored when appending
    TrialKind kind = TrialKind::Walk;
    FileMode mode = FileMode::Create;
    std::string notes;
};

enum class RecordingState {
    Idle,       // never recorded since the daemon started
    Recording,  // frames go to the file
    Stopping,   // no new frames are accepted; the queue is being written and the trial closed
    Stopped,    // the last recording is closed; `error` says why if it did not end on request
};
std::string to_string(RecordingState state);  // "idle", "recording", "stopping", "stopped"

struct RecordingStatus {
    RecordingState state = RecordingState::Idle;
    std::string file;
    int trial = -1;
    std::uint64_t frames = 0;          // written to the file (the writer's count)
    std::uint64_t first_sequence = 0;  // of the first frame recorded (when frames > 0)
    double elapsed_s = 0.0;            // since the recording started (until it stopped)
    std::string stop_reason;           // "requested", "device lost", "queue full", "write error", ...
    std::string error;                 // empty unless the recording stopped because something failed
    std::size_t queue_depth = 0;       // frames waiting for the writer now
    std::size_t queue_bound = 0;       // the queue's size limit (frames)
    std::size_t queue_high_water = 0;  // the deepest the queue has been in this recording
};

struct StreamClientStatus {
    std::string id;  // hex of the client's connection id
    std::uint64_t frames_sent = 0;
    std::uint64_t frames_skipped = 0;
    bool waiting = false;  // has asked for a frame and is waiting for it
    double idle_s = 0.0;   // since its last request
};

struct DaemonCounters {
    std::uint64_t frames_received = 0;            // frames the capture thread took from the source
    std::uint64_t frames_published = 0;           // frames offered to the stream (the newest slot)
    std::uint64_t frames_sent = 0;                // frame messages sent to clients, all clients together
    std::uint64_t frames_recorded = 0;            // frames written to files, all recordings together
    std::uint64_t frames_skipped_by_clients = 0;  // frames stream clients never got because they were slow
    std::uint64_t corrupt_packets = 0;            // from the source
    std::uint64_t sequence_gaps = 0;              // from the source
    std::uint64_t frames_missed = 0;              // from the source: frames its gaps skipped over
    std::uint64_t device_losses = 0;              // from the source
    std::uint64_t frames_dropped_by_source = 0;   // from the source: frames it dropped because the daemon read too slowly
};

struct DaemonStatus {
    std::string version;  // plantard's software version
    long pid = 0;
    double uptime_s = 0.0;
    std::string control_endpoint;
    std::string stream_endpoint;
    SourceDescription source;
    DeviceState device_state = DeviceState::Searching;
    PlateGeometry geometry;
    double rate_hz = 0.0;
    std::string last_problem;
    DaemonCounters counters;
    RecordingStatus recording;
    std::vector<StreamClientStatus> clients;
};

nlohmann::json to_json(const DaemonStatus& status);
DaemonStatus status_from_json(const nlohmann::json& json);  // throws DaemonRequestError("bad_reply")
nlohmann::json to_json(const RecordingRequest& request);    // {"request": "start_recording", ...}
// Throws DaemonRequestError("bad_request") naming the missing or wrong field.
RecordingRequest recording_request_from_json(const nlohmann::json& json);
nlohmann::json to_json(const RecordingStatus& recording);
RecordingStatus recording_status_from_json(const nlohmann::json& json);
nlohmann::json to_json(const PlateGeometry& geometry);
PlateGeometry geometry_from_json(const nlohmann::json& json);

// An error reply: {"ok": false, "error": message, "error_kind": kind, "protocol_version": 1}.
nlohmann::json error_reply(const std::string& kind, const std::string& message);

}  // namespace plantar::daemon
