#include "plantar/capture/daemon/recorder.hpp"

#include <pthread.h>

#include <filesystem>

#include "plantar/capture/errors.hpp"
#include "plantar/capture/log.hpp"

namespace plantar::daemon {

namespace {

constexpr const char* kLog = "recorder";

class SessionRecordingWriter final : public RecordingWriter {
public:
    SessionRecordingWriter(SessionWriter writer, const TrialHeader& header)
        : writer_(std::move(writer)), file_(writer_.path().string()) {
        trial_ = writer_.begin_trial(header);
    }
    int trial_index() const override { return trial_; }
    const std::string& file() const override { return file_; }
    void write(const Frame& frame) override { writer_.write(frame); }
    void flush() override { writer_.flush(); }
    void finish() override { writer_.close(); }

private:
    SessionWriter writer_;
    std::string file_;
    int trial_ = 0;
};

double seconds_between(std::int64_t from_ns, std::int64_t to_ns) { return static_cast<double>(to_ns - from_ns) * 1e-9; }

}  // namespace

std::unique_ptr<RecordingWriter> open_session_recording(const RecordingRequest& request, const TrialHeader& header) {
    const std::filesystem::path path = request.file;
    if (request.mode == FileMode::Append)
        return std::make_unique<SessionRecordingWriter>(SessionWriter::append(path), header);
    if (request.mode == FileMode::Create && std::filesystem::exists(path))
        throw IoError(path.string() + " exists; choose another file, overwrite it or append a trial to it");
    SessionWriterOptions options;
    options.overwrite = request.mode == FileMode::Overwrite;
    return std::make_unique<SessionRecordingWriter>(SessionWriter::create(path, request.subject, options), header);
}

Recorder::Recorder(RecordingWriterFactory factory, std::size_t queue_bound)
    : factory_(std::move(factory)), queue_bound_(queue_bound) {
    status_.queue_bound = queue_bound_;
    thread_ = std::thread([this] {
        pthread_setname_np(pthread_self(), "plantard-rec");  // names show in top -H and gdb
        run();
    });
}

Recorder::~Recorder() {
    stop("the daemon is shutting down", {}, true, std::chrono::hours(24));
    {
        std::lock_guard lock(mutex_);
        shutting_down_ = true;
    }
    work_.notify_all();
    thread_.join();
}

RecordingStatus Recorder::start(const RecordingRequest& request, const TrialHeader& header) {
    {
        std::lock_guard lock(mutex_);
        if (status_.state == RecordingState::Recording || status_.state == RecordingState::Stopping)
            throw DaemonRequestError("refused", "already recording to " + status_.file + "; stop that recording first");
    }
    // Opening the file may take a while (HDF5, a slow disk); the capture thread is not waiting.
    auto writer = factory_(request, header);
    std::lock_guard lock(mutex_);
    writer_ = std::move(writer);
    geometry_ = header.geometry;
    status_ = RecordingStatus{};
    status_.state = RecordingState::Recording;
    status_.file = writer_->file();
    status_.trial = writer_->trial_index();
    status_.queue_bound = queue_bound_;
    started_ns_ = host_now_ns();
    log(LogLevel::Info, kLog,
        "recording to " + status_.file + " trial " + std::to_string(status_.trial) + " (" + to_string(request.kind) +
            ")");
    return status_;
}

void Recorder::offer(const std::shared_ptr<const Frame>& frame) {
    std::lock_guard lock(mutex_);
    if (status_.state != RecordingState::Recording) return;
    if (frame->pressure_kpa.size() != geometry_.sensor_count()) {
        begin_stop_locked("plate changed",
                          "the plate's geometry changed during the recording; the recording was closed with every "
                          "frame of the first plate");
        return;
    }
    if (queue_.size() >= queue_bound_) {
        begin_stop_locked("queue full",
                          "the disk could not keep up: " + std::to_string(queue_bound_) +
                              " frames were waiting to be written, so the recording stopped at frame " +
                              std::to_string(frame->sequence) +
                              " (everything before it is in the file); streaming continues. Record to a faster disk "
                              "or at a lower rate");
        return;
    }
    if (status_.queue_high_water == 0) status_.first_sequence = frame->sequence;  // the recording's first frame
    queue_.push_back(frame);
    if (queue_.size() > status_.queue_high_water) status_.queue_high_water = queue_.size();
    if (queue_.size() == 1) work_.notify_one();
}

void Recorder::begin_stop_locked(const std::string& reason, const std::string& error) {
    if (status_.state != RecordingState::Recording) return;
    status_.state = RecordingState::Stopping;
    status_.stop_reason = reason;
    status_.error = error;
    stopped_ns_ = host_now_ns();
    if (error.empty())
        log(LogLevel::Info, kLog, "stopping the recording to " + status_.file + ": " + reason);
    else
        log(LogLevel::Error, kLog, "recording to " + status_.file + " stopped: " + error);
    work_.notify_one();
}

RecordingStatus Recorder::stop(const std::string& reason, const std::string& error, bool wait,
                               std::chrono::milliseconds wait_limit) {
    std::unique_lock lock(mutex_);
    begin_stop_locked(reason, error);
    if (wait) finished_.wait_for(lock, wait_limit, [this] { return status_.state != RecordingState::Stopping; });
    RecordingStatus copy = status_;
    copy.queue_depth = queue_.size();
    return copy;
}

RecordingStatus Recorder::status() const {
    std::lock_guard lock(mutex_);
    RecordingStatus copy = status_;
    copy.queue_depth = queue_.size();
    if (copy.state == RecordingState::Recording) copy.elapsed_s = seconds_between(started_ns_, host_now_ns());
    return copy;
}

bool Recorder::accepting_frames() const {
    std::lock_guard lock(mutex_);
    return status_.state == RecordingState::Recording;
}

std::uint64_t Recorder::frames_recorded_total() const {
    std::lock_guard lock(mutex_);
    bool open = status_.state == RecordingState::Recording || status_.state == RecordingState::Stopping;
    return frames_in_finished_recordings_ + (open ? status_.frames : 0);
}

void Recorder::run() {
    std::unique_lock lock(mutex_);
    auto last_flush = std::chrono::steady_clock::now();
    bool unflushed = false;
    while (true) {
        work_.wait_for(lock, kRecorderFlushInterval, [this] {
            return shutting_down_ || !queue_.empty() || status_.state == RecordingState::Stopping;
        });
        if (shutting_down_ && !writer_) return;
        if (!writer_) {
            continue;
        }
        if (!queue_.empty()) {
            // Everything queued so far is written in one go, without the lock, so the capture
            // thread can keep queueing meanwhile.
            std::deque<std::shared_ptr<const Frame>> batch;
            batch.swap(queue_);
            lock.unlock();
            try {
                write_batch(batch);
                unflushed = true;
            } catch (const std::exception& e) {
                lock.lock();
                fail_recording(e.what());
                continue;
            }
            lock.lock();
        }
        const auto now = std::chrono::steady_clock::now();
        if (unflushed && now - last_flush >= kRecorderFlushInterval) {
            // Without the lock: a flush can take a while and the capture thread must not wait.
            lock.unlock();
            try {
                writer_->flush();
            } catch (const std::exception& e) {
                lock.lock();
                fail_recording(e.what());
                continue;
            }
            lock.lock();
            last_flush = now;
            unflushed = false;
        }
        if (status_.state == RecordingState::Stopping && queue_.empty()) {
            finish_recording();
            unflushed = false;
        }
    }
}

void Recorder::write_batch(std::deque<std::shared_ptr<const Frame>>& batch) {
    std::uint64_t written = 0;
    for (const auto& frame : batch) {
        writer_->write(*frame);
        ++written;
        if (written % 64 == 0) {
            // Status readers see progress during a long batch too.
            std::lock_guard lock(mutex_);
            status_.frames += 64;
        }
    }
    std::lock_guard lock(mutex_);
    status_.frames += written % 64;
}

// Called with the lock held; releases it while the file is closed.
void Recorder::finish_recording() {
    auto writer = std::move(writer_);
    mutex_.unlock();
    std::string close_error;
    try {
        writer->finish();
    } catch (const std::exception& e) {
        close_error = e.what();
    }
    writer.reset();
    mutex_.lock();
    if (!close_error.empty() && status_.error.empty())
        status_.error = "closing " + status_.file + " failed: " + close_error;
    status_.state = RecordingState::Stopped;
    status_.elapsed_s = seconds_between(started_ns_, stopped_ns_);
    frames_in_finished_recordings_ += status_.frames;
    log(status_.error.empty() ? LogLevel::Info : LogLevel::Error, kLog,
        "recording closed: " + status_.file + " trial " + std::to_string(status_.trial) + ", " +
            std::to_string(status_.frames) + " frames" + (status_.error.empty() ? "" : " (" + status_.error + ")"));
    finished_.notify_all();
}

// Called with the lock held after the writer threw: what is queued cannot be written.
void Recorder::fail_recording(const std::string& what) {
    const std::string error = "writing " + status_.file + " failed: " + what + "; the recording stopped with " +
                              std::to_string(status_.frames) +
                              " frames written (all frames flushed before the failure are kept); streaming continues";
    if (status_.state == RecordingState::Recording) stopped_ns_ = host_now_ns();
    status_.state = RecordingState::Stopping;
    status_.stop_reason = "write error";
    if (status_.error.empty()) status_.error = error;
    log(LogLevel::Error, kLog, error);
    queue_.clear();
    finish_recording();
}

}  // namespace plantar::daemon
