// The daemon's recorder: frames go from the capture thread through a bounded, lossless queue
// to a session writer on the recorder's own thread. The capture thread never waits for the
// disk; if the disk cannot keep up, the queue fills, the recording stops cleanly with a clear
// error, and capture and streaming carry on.
#pragma once

#include <chrono>
#include <condition_variable>
#include <cstddef>
#include <cstdint>
#include <deque>
#include <functional>
#include <memory>
#include <mutex>
#include <string>
#include <thread>

#include "plantar/capture/daemon/control_protocol.hpp"
#include "plantar/capture/frame.hpp"
#include "plantar/capture/session/session.hpp"

namespace plantar::daemon {

// The queue holds at most this many frames. It absorbs the disk's hiccups (an fsync, HDF5
// growing a dataset, a busy disk) of about one second at 2,000 fps or two at 1,000 fps, while
// bounding the memory a stalled disk can take: 2048 x 64 KiB = 128 MiB for a 256 x 64 walkway,
// 32 MiB for a 64 x 64 plate. A longer stall means the disk is too slow for this rate, which we
// say (the recording stops with an error) instead of growing without end.
inline constexpr std::size_t kRecorderQueueFrames = 2048;

// Written frames are made durable at least this often even when no frame arrives (the session
// writer flushes only from write(), and a stalled source must not leave frames in memory).
inline constexpr std::chrono::milliseconds kRecorderFlushInterval{250};

// Where the recorder writes. The session file in the daemon; a slow or failing one in tests.
class RecordingWriter {
public:
    virtual ~RecordingWriter() = default;
    virtual int trial_index() const = 0;
    virtual const std::string& file() const = 0;
    virtual void write(const Frame& frame) = 0;
    virtual void flush() = 0;
    // Ends the trial and closes the file.
    virtual void finish() = 0;
};

// Opens the file (create, overwrite or append) and begins the trial. Throws IoError,
// FileFormatError or InvalidArgument with a message for the person who asked.
using RecordingWriterFactory =
    std::function<std::unique_ptr<RecordingWriter>(const RecordingRequest& request, const TrialHeader& header)>;

// The default: a SessionWriter (docs/session-format.md).
std::unique_ptr<RecordingWriter> open_session_recording(const RecordingRequest& request, const TrialHeader& header);

class Recorder {
public:
    explicit Recorder(RecordingWriterFactory factory = open_session_recording,
                      std::size_t queue_bound = kRecorderQueueFrames);
    ~Recorder();  // closes a recording in progress, writing everything queued
    Recorder(const Recorder&) = delete;
    Recorder& operator=(const Recorder&) = delete;

    // Opens the file and starts accepting frames of header.geometry. Throws DaemonRequestError
    // ("refused") while a recording is in progress, and what the factory throws.
    RecordingStatus start(const RecordingRequest& request, const TrialHeader& header);

    // From the capture thread: queues the frame if a recording is accepting frames. Never waits
    // for the disk. A full queue or a frame of another geometry stops the recording.
    void offer(const std::shared_ptr<const Frame>& frame);

    // Stops accepting frames; the recorder thread writes what is queued and closes the trial.
    // `reason` says why ("requested", "device lost", ...); a non-empty `error` marks the stop as a
    // failure the user must hear about. With `wait`, returns once the file is closed (or after
    // `wait_limit`, still Stopping). Does nothing but report when no recording is in progress.
    RecordingStatus stop(const std::string& reason, const std::string& error = {}, bool wait = true,
                         std::chrono::milliseconds wait_limit = std::chrono::seconds(30));

    RecordingStatus status() const;
    bool accepting_frames() const;
    std::uint64_t frames_recorded_total() const;  // every recording since the recorder was made

private:
    void run();
    void write_batch(std::deque<std::shared_ptr<const Frame>>& batch);
    void finish_recording();
    void fail_recording(const std::string& error);
    void begin_stop_locked(const std::string& reason, const std::string& error);

    RecordingWriterFactory factory_;
    const std::size_t queue_bound_;

    mutable std::mutex mutex_;
    std::condition_variable work_;      // the recorder thread waits here
    std::condition_variable finished_;  // stop(wait) waits here
    std::deque<std::shared_ptr<const Frame>> queue_;
    std::unique_ptr<RecordingWriter> writer_;
    RecordingStatus status_;
    PlateGeometry geometry_;
    std::int64_t started_ns_ = 0;
    std::int64_t stopped_ns_ = 0;
    std::uint64_t frames_in_finished_recordings_ = 0;
    bool shutting_down_ = false;
    std::thread thread_;
};

}  // namespace plantar::daemon
