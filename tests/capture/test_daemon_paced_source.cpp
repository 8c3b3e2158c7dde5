// PacedSource: frames released at their device times (an injected clock makes this exact),
// never dropped when the consumer is late, looping as one long stream; and a real replay.
#include <doctest/doctest.h>

#include <deque>

#include "daemon_test_support.hpp"

using namespace plantar;
using namespace plantar::daemon;

namespace {

// A clock that only pretends to wait: waiting moves time to the deadline and notes it.
class FakeClock final : public PacingClock {
public:
    std::int64_t now = 1'000'000'000;
    std::vector<std::int64_t> waits;
    std::int64_t now_ns() override { return now; }
    bool wait_until(std::int64_t deadline_ns) override {
        waits.push_back(deadline_ns);
        if (deadline_ns > now) now = deadline_ns;
        return true;
    }
    void interrupt() override {}
};

// A finite source of `count` frames every `period_us`, starting at device time `start_us`.
class CountingSource final : public FrameSource {
public:
    CountingSource(int count, std::int64_t period_us, std::int64_t start_us = 0)
        : count_(count), period_us_(period_us), start_us_(start_us) {}
    const PlateGeometry& geometry() const override { return geometry_; }
    double nominal_rate_hz() const override { return 1e6 / static_cast<double>(period_us_); }
    SourceDescription description() const override { return {SourceKind::Replay, "counting", ""}; }
    std::optional<Frame> next() override {
        if (next_ >= count_) return std::nullopt;
        Frame frame(geometry_);
        frame.sequence = static_cast<std::uint64_t>(next_);
        frame.device_time_us = start_us_ + next_ * period_us_;
        frame.pressure_kpa[0] = static_cast<float>(next_);
        ++next_;
        return frame;
    }

private:
    PlateGeometry geometry_{2, 2, 5.0, 5.0, 25.0};
    int count_;
    std::int64_t period_us_;
    std::int64_t start_us_;
    int next_ = 0;
};

FiniteSourceOpener counting(int count, std::int64_t period_us, std::int64_t start_us = 0) {
    return [=](std::optional<double>) { return std::make_unique<CountingSource>(count, period_us, start_us); };
}

}  // namespace

TEST_CASE("each frame is released when its device time comes due measured from the first") {
    auto clock = std::make_shared<FakeClock>();
    const std::int64_t start = clock->now;
    PacedSource source(counting(5, 10'000, 500'000), {false, false, clock});
    for (int i = 0; i < 5; ++i) {
        auto frame = source.next_within(std::chrono::seconds(1));
        REQUIRE(frame);
        CHECK(frame->sequence == static_cast<std::uint64_t>(i));
        CHECK(frame->host_time_ns == start + i * 10'000'000LL);
    }
    CHECK_FALSE(source.next_within(std::chrono::seconds(1)));
    CHECK(source.state() == DeviceState::Ended);
    CHECK(source.counters().frames_received == 5);
}

TEST_CASE("a consumer that fell behind gets the overdue frames at once and none is dropped") {
    auto clock = std::make_shared<FakeClock>();
    PacedSource source(counting(10, 1'000), {false, false, clock});
    REQUIRE(source.next_within(std::chrono::seconds(1)));
    clock->now += 50'000'000;  // the consumer was away for 50 ms: 9 frames are overdue
    clock->waits.clear();
    for (std::uint64_t expected = 1; expected < 10; ++expected) {
        auto frame = source.next_within(std::chrono::seconds(1));
        REQUIRE(frame);
        CHECK(frame->sequence == expected);
    }
    CHECK(clock->waits.empty());
}

TEST_CASE("a frame not due within the timeout waits only the timeout and comes on the next call") {
    auto clock = std::make_shared<FakeClock>();
    PacedSource source(counting(2, 1'000'000), {false, false, clock});
    REQUIRE(source.next_within(std::chrono::milliseconds(10)));
    CHECK_FALSE(source.next_within(std::chrono::milliseconds(100)));
    CHECK(source.state() == DeviceState::Streaming);
    clock->now += 1'000'000'000;
    auto second = source.next_within(std::chrono::milliseconds(100));
    REQUIRE(second);
    CHECK(second->sequence == 1);
}

TEST_CASE("a looping source continues sequence numbers and device times across passes") {
    auto clock = std::make_shared<FakeClock>();
    PacedSource source(counting(3, 10'000, 70'000), {true, false, clock});
    std::vector<std::uint64_t> sequences;
    std::vector<std::int64_t> times;
    for (int i = 0; i < 7; ++i) {
        auto frame = source.next_within(std::chrono::seconds(1));
        REQUIRE(frame);
        sequences.push_back(frame->sequence);
        times.push_back(frame->device_time_us);
    }
    CHECK(sequences == std::vector<std::uint64_t>{0, 1, 2, 3, 4, 5, 6});
    for (std::size_t i = 1; i < times.size(); ++i) CHECK(times[i] - times[i - 1] == 10'000);
    CHECK(source.counters().sequence_gaps == 0);
    CHECK(source.state() == DeviceState::Streaming);
}

TEST_CASE("set_rate is refused by a replay and accepted by the simulator within its range") {
    PacedSource replay(counting(3, 1000), {false, false, std::make_shared<FakeClock>()});
    CHECK_THROWS_AS(replay.set_rate(200.0), InvalidArgument);
    auto simulated = make_simulated_source(test::simulation(100.0, 1.0), true, std::make_shared<FakeClock>());
    CHECK_THROWS_AS(simulated->set_rate(5000.0), InvalidArgument);
    simulated->set_rate(200.0);
    REQUIRE(simulated->next_within(std::chrono::seconds(1)));
    CHECK(simulated->nominal_rate_hz() == doctest::Approx(200.0));
}

TEST_CASE("stop() makes a waiting next_within return at once") {
    PacedSource source(counting(2, 10'000'000));  // the second frame is due in 10 s
    REQUIRE(source.next_within(std::chrono::milliseconds(10)));
    std::thread stopper([&] {
        std::this_thread::sleep_for(std::chrono::milliseconds(50));
        source.stop();
    });
    CHECK_FALSE(source.next_within(std::chrono::seconds(20)));
    stopper.join();
    CHECK(source.stopped());
}

TEST_CASE("a recorded session replays in real time: no frame is released before its device time is due") {
    test::TestFolder folder;
    const auto file = folder.file("source.h5");
    {
        sim::SimulatedPlate plate(test::simulation(200.0, 0.5));
        Subject subject;
        subject.id = "R";
        auto writer = SessionWriter::create(file, subject);
        TrialHeader header;
        header.geometry = plate.geometry();
        header.rate_hz = plate.nominal_rate_hz();
        header.source = plate.description();
        writer.begin_trial(header);
        while (auto frame = plate.next()) writer.write(*frame);
        writer.close();
    }
    auto source = make_replay_source(file.string(), 0, false);
    CHECK_THROWS_AS(source->set_rate(100.0), InvalidArgument);
    SessionReader original(file);
    std::vector<Frame> replayed;
    while (auto frame = source->next()) replayed.push_back(std::move(*frame));
    REQUIRE(replayed.size() == original.trial(0).frame_count);
    CHECK(source->state() == DeviceState::Ended);
    for (std::size_t i = 0; i < replayed.size(); ++i) {
        const Frame stored = original.read_frame(0, i);
        CHECK(replayed[i].pressure_kpa == stored.pressure_kpa);
        CHECK(replayed[i].sequence == stored.sequence);
        const std::int64_t host_elapsed = replayed[i].host_time_ns - replayed[0].host_time_ns;
        const std::int64_t device_elapsed = (replayed[i].device_time_us - replayed[0].device_time_us) * 1000;
        CHECK(host_elapsed >= device_elapsed);
    }
    CHECK_THROWS_AS(make_replay_source(file.string(), 3, false), InvalidArgument);
}
