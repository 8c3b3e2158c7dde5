// A plate that is unplugged mid-recording: the recording is closed with every frame received,
// clients hear of it, the daemon keeps serving, and capture resumes when the plate is back.
#include <doctest/doctest.h>

#include <condition_variable>
#include <deque>

#include "daemon_test_support.hpp"

using namespace plantar;
using namespace plantar::daemon;

namespace {

// A live source the test drives by hand: it delivers the frames pushed to it and is in the
// state the test sets.
class ScriptedPlate final : public LiveSource {
public:
    const PlateGeometry& geometry() const override { return geometry_; }
    double nominal_rate_hz() const override { return 100.0; }
    SourceDescription description() const override { return {SourceKind::Device, "scripted plate", ""}; }
    std::optional<Frame> next_within(std::chrono::milliseconds timeout) override {
        std::unique_lock lock(mutex_);
        arrived_.wait_for(lock, timeout, [this] { return !frames_.empty() || stopped_ || state_changed_; });
        state_changed_ = false;
        if (frames_.empty() || stopped_) return std::nullopt;
        Frame frame = std::move(frames_.front());
        frames_.pop_front();
        frame.host_time_ns = host_now_ns();
        ++counters_.frames_received;
        return frame;
    }
    DeviceState state() const override {
        std::lock_guard lock(mutex_);
        return state_;
    }
    SourceCounters counters() const override {
        std::lock_guard lock(mutex_);
        return counters_;
    }
    void set_rate(double) override { throw InvalidArgument("fixed rate"); }
    void stop() override {
        std::lock_guard lock(mutex_);
        stopped_ = true;
        arrived_.notify_all();
    }
    bool stopped() const override {
        std::lock_guard lock(mutex_);
        return stopped_;
    }

    void push(std::uint64_t sequence) {
        Frame frame(geometry_);
        frame.sequence = sequence;
        frame.device_time_us = static_cast<std::int64_t>(sequence) * 10'000;
        std::lock_guard lock(mutex_);
        frames_.push_back(std::move(frame));
        arrived_.notify_all();
    }
    void set_state(DeviceState state) {
        std::lock_guard lock(mutex_);
        if (state == DeviceState::Lost) ++counters_.device_losses;
        state_ = state;
        state_changed_ = true;
        arrived_.notify_all();
    }
    bool drained() const {
        std::lock_guard lock(mutex_);
        return frames_.empty();
    }

private:
    PlateGeometry geometry_{8, 4, 7.8, 7.8, 60.0};
    mutable std::mutex mutex_;
    std::condition_variable arrived_;
    std::deque<Frame> frames_;
    DeviceState state_ = DeviceState::Streaming;
    bool state_changed_ = false;
    bool stopped_ = false;
    SourceCounters counters_;
};

}  // namespace

TEST_CASE("an unplugged plate closes the recording with every frame received and capture resumes when it is back") {
    test::TestFolder folder;
    const auto file = folder.file("unplugged.h5");
    auto owned = std::make_unique<ScriptedPlate>();
    ScriptedPlate& plate = *owned;
    auto options = test::options_for(folder);
    options.record_from_first_frame = test::recording_to(file);
    Daemon daemon(std::move(owned), options);
    DaemonFrameStream stream(folder.endpoint());

    for (std::uint64_t i = 0; i < 50; ++i) plate.push(i);
    REQUIRE(test::eventually([&] { return plate.drained() && daemon.status().counters.frames_received == 50; }));
    plate.set_state(DeviceState::Lost);
    REQUIRE(test::eventually([&] { return daemon.status().recording.state == RecordingState::Stopped; }));

    // The recording holds every frame received, and says why it stopped.
    auto status = daemon.status();
    CHECK(status.device_state == DeviceState::Lost);
    CHECK(status.counters.device_losses == 1);
    CHECK(status.recording.stop_reason == "device lost");
    CHECK(status.recording.error.find("the plate was lost") != std::string::npos);
    CHECK(status.recording.frames == 50);
    {
        SessionReader reader(file);
        CHECK(reader.trial(0).complete);
        CHECK(reader.trial(0).frame_count == 50);
    }
    CHECK(test::consecutive_from(test::recorded_sequences(file), 0));

    // A stream client is told: after the newest frame, a Notice makes its state Lost.
    CHECK(test::eventually([&] {
        (void)stream.next_within(std::chrono::milliseconds(20));
        return stream.state() == DeviceState::Lost;
    }));

    // The daemon still answers, and capture resumes when the plate is back.
    DaemonClient client(folder.endpoint());
    CHECK(client.status().device_state == DeviceState::Lost);
    plate.set_state(DeviceState::Streaming);
    for (std::uint64_t i = 0; i < 10; ++i) plate.push(i);  // a replugged plate counts from 0 again
    REQUIRE(test::eventually([&] { return client.status().counters.frames_received == 60; }));
    CHECK(client.status().device_state == DeviceState::Streaming);
    CHECK(test::eventually([&] {
        (void)stream.next_within(std::chrono::milliseconds(20));
        return stream.state() == DeviceState::Streaming && stream.counters().frames_received > 0;
    }));
}
