// The daemon end to end in-process: a simulated plate at 1,000 fps with clients and a
// recording loses nothing; a client that stops reading slows nothing down.
#include <doctest/doctest.h>

#include <zmq.hpp>

#include "daemon_test_support.hpp"

using namespace plantar;
using namespace plantar::daemon;

TEST_CASE(
    "1000 fps for 10 s with two stream clients and a recording: every frame is in the file in order, "
    "the in-order client got every one, and the counters agree") {
    test::TestFolder folder;
    const auto file = folder.file("fast.h5");
    auto options = test::options_for(folder);
    options.record_from_first_frame = test::recording_to(file);
    std::unique_ptr<Daemon> daemon;
    std::unique_ptr<test::ReadingClient> first, second;
    {
        // The clients connect before the first frame: the source starts with the daemon, so
        // they are made right after it. The first asks in order (it wants every frame), the
        // second for the newest frame whenever it asks (as a viewer does).
        daemon = std::make_unique<Daemon>(make_simulated_source(test::simulation(1000.0, 10.0), false), options);
        first = std::make_unique<test::ReadingClient>(folder.endpoint(), StreamMode::InOrder);
        second = std::make_unique<test::ReadingClient>(folder.endpoint(), StreamMode::Newest);
    }
    REQUIRE(test::eventually([&] { return daemon->source().state() == DeviceState::Ended; }, std::chrono::seconds(60)));
    auto closed = daemon->stop_recording();
    CHECK(closed.state == RecordingState::Stopped);
    CHECK(closed.stop_reason == "source ended");
    CHECK(closed.error.empty());
    // Both clients got the last frame (they wait for newer ones and the last one is the newest).
    CHECK(test::eventually([&] {
        auto a = first->indexes(), b = second->indexes();
        return !a.empty() && !b.empty() && a.back() == 9999 && b.back() == 9999;
    }));
    const DaemonStatus status = daemon->status();
    first->stop();
    second->stop();

    CHECK(status.counters.frames_received == 10000);
    CHECK(status.counters.frames_published == 10000);
    CHECK(status.counters.frames_recorded == 10000);
    CHECK(status.recording.frames == 10000);
    CHECK(status.counters.sequence_gaps == 0);
    CHECK(status.clients.size() == 2);
    for (const auto* client : {first.get(), second.get()}) {
        auto sequences = client->sequences();
        CHECK(test::strictly_increasing(sequences));
        // What a client got plus what it skipped is everything published after its first frame.
        auto indexes = client->indexes();
        REQUIRE(!indexes.empty());
        CHECK(indexes.size() + client->skipped() == indexes.back() - indexes.front() + 1);
    }
    // The in-order client got every frame from its first on: none skipped, none repeated.
    CHECK(first->skipped() == 0);
    CHECK(test::consecutive_from(first->sequences(), first->sequences().front()));

    SessionReader reader(file);
    REQUIRE(reader.trial_count() == 1);
    CHECK(reader.trial(0).complete);
    CHECK(reader.trial(0).frame_count == 10000);
    auto sequences = test::recorded_sequences(file);
    CHECK(sequences.size() == 10000);
    CHECK(test::consecutive_from(sequences, 0));
}

TEST_CASE("a client that stops reading slows neither capture nor recording and its skip counter grows") {
    test::TestFolder folder;
    const auto file = folder.file("stalled.h5");
    auto options = test::options_for(folder);
    options.record_from_first_frame = test::recording_to(file);
    // A walkway plate: 64 KiB frames fill a stalled client's socket buffers quickly.
    auto source = make_simulated_source(test::simulation(1000.0, 4.0, PlateGeometry::walkway()), false);
    zmq::context_t context;
    Daemon daemon(std::move(source), options);
    // Client 1 asks once and never reads again. Client 2 asks for frames over and over without
    // ever reading the answers, so they pile up in its queue until the daemon cannot send more.
    zmq::socket_t asks_once(context, zmq::socket_type::dealer);
    asks_once.set(zmq::sockopt::linger, 0);
    asks_once.connect(daemon.endpoints().stream);
    asks_once.send(zmq::buffer(encode_request(FrameRequest{})), zmq::send_flags::none);
    zmq::socket_t never_reads(context, zmq::socket_type::dealer);
    never_reads.set(zmq::sockopt::linger, 0);
    never_reads.set(zmq::sockopt::rcvhwm, 4);
    never_reads.connect(daemon.endpoints().stream);
    test::ReadingClient reader(folder.endpoint());
    for (int i = 0; i < 400 && daemon.source().state() != DeviceState::Ended; ++i) {
        never_reads.send(zmq::buffer(encode_request(FrameRequest{0})), zmq::send_flags::dontwait);
        std::this_thread::sleep_for(std::chrono::milliseconds(5));
    }
    REQUIRE(test::eventually([&] { return daemon.source().state() == DeviceState::Ended; }, std::chrono::seconds(60)));
    REQUIRE(test::eventually([&] { return daemon.status().recording.state == RecordingState::Stopped; }));
    const DaemonStatus status = daemon.status();

    // Capture and recording got everything.
    CHECK(status.counters.frames_received == 4000);
    CHECK(status.counters.frames_recorded == status.counters.frames_received);
    CHECK(test::consecutive_from(test::recorded_sequences(file), 0));
    CHECK(test::recorded_sequences(file).size() == 4000);
    // The reading client got frames up to the very last one.
    CHECK(test::eventually([&] {
        auto seen = reader.indexes();
        return !seen.empty() && seen.back() == 3999;
    }));
    // The stalled clients are counted as skipping.
    REQUIRE(status.clients.size() == 3);
    std::uint64_t most_skipped = 0;
    for (const auto& client : status.clients) most_skipped = std::max(most_skipped, client.frames_skipped);
    CHECK(most_skipped > 1000);
    CHECK(status.counters.frames_skipped_by_clients >= most_skipped);
}
