// The recorder's bounded lossless queue: nothing dropped; a disk that cannot keep up stops the
// recording cleanly with everything before the stop in the file; a write error likewise.
#include <doctest/doctest.h>

#include "daemon_test_support.hpp"

using namespace plantar;
using namespace plantar::daemon;
using namespace std::chrono_literals;

namespace {

// A writer that keeps the sequences it was given in memory, optionally slowly, optionally
// failing at one frame; it can be held shut to fill the queue.
struct MemoryFile {
    std::mutex mutex;
    std::vector<std::uint64_t> sequences;
    int flushes = 0;
    bool finished = false;
};

class MemoryWriter final : public RecordingWriter {
public:
    MemoryWriter(std::shared_ptr<MemoryFile> file, std::chrono::microseconds delay,
                 std::optional<std::uint64_t> fail_at)
        : file_(std::move(file)), delay_(delay), fail_at_(fail_at) {}
    int trial_index() const override { return 0; }
    const std::string& file() const override { return name_; }
    void write(const Frame& frame) override {
        if (delay_.count() > 0) std::this_thread::sleep_for(delay_);
        if (fail_at_ && frame.sequence == *fail_at_) throw IoError("No space left on device");
        std::lock_guard lock(file_->mutex);
        file_->sequences.push_back(frame.sequence);
    }
    void flush() override {
        std::lock_guard lock(file_->mutex);
        ++file_->flushes;
    }
    void finish() override {
        std::lock_guard lock(file_->mutex);
        file_->finished = true;
    }

private:
    std::shared_ptr<MemoryFile> file_;
    std::chrono::microseconds delay_;
    std::optional<std::uint64_t> fail_at_;
    std::string name_ = "memory.h5";
};

RecordingWriterFactory memory_writer(std::shared_ptr<MemoryFile> file, std::chrono::microseconds delay = 0us,
                                     std::optional<std::uint64_t> fail_at = std::nullopt) {
    return [=](const RecordingRequest&, const TrialHeader&) {
        return std::make_unique<MemoryWriter>(file, delay, fail_at);
    };
}

TrialHeader small_plate_header() {
    TrialHeader header;
    header.geometry = PlateGeometry{4, 4, 5.0, 5.0, 25.0};
    header.rate_hz = 1000.0;
    return header;
}

std::shared_ptr<const Frame> frame_number(std::uint64_t sequence) {
    auto frame = std::make_shared<Frame>(PlateGeometry{4, 4, 5.0, 5.0, 25.0});
    frame->sequence = sequence;
    frame->device_time_us = static_cast<std::int64_t>(sequence) * 1000;
    return frame;
}

}  // namespace

TEST_CASE("with a writer that keeps up every frame offered is written in order") {
    auto file = std::make_shared<MemoryFile>();
    Recorder recorder(memory_writer(file), 64);
    recorder.start(test::recording_to("memory.h5"), small_plate_header());
    for (std::uint64_t i = 0; i < 20000; ++i) {
        recorder.offer(frame_number(i));
        // A writer that keeps up is one the queue never fills for: let it catch up now and then.
        if (i % 32 == 31) REQUIRE(test::eventually([&] { return recorder.status().queue_depth < 32; }));
    }
    auto status = recorder.stop("requested");
    CHECK(status.state == RecordingState::Stopped);
    CHECK(status.error.empty());
    CHECK(status.frames == 20000);
    CHECK(recorder.frames_recorded_total() == 20000);
    CHECK(file->finished);
    CHECK(test::consecutive_from(file->sequences, 0));
    CHECK(file->sequences.size() == 20000);
}

TEST_CASE(
    "a disk that cannot keep up fills the queue: the recording stops with a clear error and every frame "
    "before the stop is written in order") {
    auto file = std::make_shared<MemoryFile>();
    const std::size_t bound = 16;
    Recorder recorder(memory_writer(file, 2ms), bound);
    recorder.start(test::recording_to("memory.h5"), small_plate_header());
    for (std::uint64_t i = 0; i < 500; ++i) recorder.offer(frame_number(i));  // far faster than 2 ms a frame
    CHECK_FALSE(recorder.accepting_frames());
    REQUIRE(test::eventually([&] { return recorder.status().state == RecordingState::Stopped; }));
    auto status = recorder.status();
    CHECK(status.stop_reason == "queue full");
    CHECK(status.error.find("the disk could not keep up") != std::string::npos);
    CHECK(status.error.find("streaming continues") != std::string::npos);
    CHECK(status.queue_high_water == bound);
    CHECK(file->finished);
    // Everything accepted before the bound was reached is in the file, in order, none lost.
    CHECK(file->sequences.size() == status.frames);
    CHECK(status.frames >= bound);
    CHECK(status.frames < 500);
    CHECK(test::consecutive_from(file->sequences, 0));
    // Later frames are not recorded, and a new recording can start.
    recorder.offer(frame_number(1000));
    CHECK(recorder.status().frames == status.frames);
    recorder.start(test::recording_to("memory.h5"), small_plate_header());
    CHECK(recorder.accepting_frames());
}

TEST_CASE("a write error (disk full) stops the recording with the error and the frames before it stay written") {
    auto file = std::make_shared<MemoryFile>();
    Recorder recorder(memory_writer(file, 0us, 50), 1024);
    recorder.start(test::recording_to("memory.h5"), small_plate_header());
    for (std::uint64_t i = 0; i < 100; ++i) recorder.offer(frame_number(i));
    REQUIRE(test::eventually([&] { return recorder.status().state == RecordingState::Stopped; }));
    auto status = recorder.status();
    CHECK(status.stop_reason == "write error");
    CHECK(status.error.find("No space left on device") != std::string::npos);
    CHECK(file->finished);
    CHECK(file->sequences.size() == 50);
    CHECK(test::consecutive_from(file->sequences, 0));
}

TEST_CASE("frames are flushed on a timer even when no more frames come") {
    auto file = std::make_shared<MemoryFile>();
    Recorder recorder(memory_writer(file), 64);
    recorder.start(test::recording_to("memory.h5"), small_plate_header());
    recorder.offer(frame_number(0));
    CHECK(test::eventually([&] {
        std::lock_guard lock(file->mutex);
        return file->flushes > 0;
    }));
}

TEST_CASE("a second recording is refused while one is in progress") {
    auto file = std::make_shared<MemoryFile>();
    Recorder recorder(memory_writer(file), 64);
    recorder.start(test::recording_to("memory.h5"), small_plate_header());
    CHECK_THROWS_AS(recorder.start(test::recording_to("other.h5"), small_plate_header()), DaemonRequestError);
}

TEST_CASE("in the daemon a slow disk stops the recording with an error while streaming carries on") {
    test::TestFolder folder;
    auto file = std::make_shared<MemoryFile>();
    auto options = test::options_for(folder);
    options.writer_factory = memory_writer(file, 5ms);  // 200 frames/s at most, against 1000 offered
    options.recorder_queue_frames = 32;
    options.record_from_first_frame = test::recording_to("memory.h5");
    Daemon daemon(make_simulated_source(test::simulation(1000.0, 30.0), false), options);
    test::ReadingClient client(folder.endpoint());
    REQUIRE(test::eventually([&] { return daemon.status().recording.state == RecordingState::Stopped; }));
    const auto stopped = daemon.status();
    CHECK(stopped.recording.stop_reason == "queue full");
    CHECK(stopped.recording.error.find("the disk could not keep up") != std::string::npos);
    // Streaming continues: the client keeps getting newer frames after the recording stopped.
    const std::uint64_t received_at_stop = stopped.counters.frames_received;
    REQUIRE(test::eventually([&] {
        auto seen = client.sequences();
        return !seen.empty() && seen.back() > received_at_stop + 100;
    }));
    CHECK(daemon.status().counters.frames_received > received_at_stop + 100);
    // The file holds every frame from the first up to the stop, in order.
    CHECK(file->sequences.size() == stopped.recording.frames);
    CHECK(test::consecutive_from(file->sequences, 0));
    CHECK(daemon.status().counters.frames_recorded == stopped.recording.frames);
}
