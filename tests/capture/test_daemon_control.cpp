// The control channel: status fields, recordings started and stopped by request, and bad
// requests answered with an error that names the problem while the daemon keeps serving.
#include <doctest/doctest.h>

#include <zmq.hpp>

#include "daemon_test_support.hpp"

using namespace plantar;
using namespace plantar::daemon;

namespace {

// The reply to raw bytes sent on the control channel, as a client in any language would send them.
nlohmann::json raw_request(const std::string& endpoint, const std::string& text) {
    zmq::context_t context;
    zmq::socket_t socket(context, zmq::socket_type::req);
    socket.set(zmq::sockopt::linger, 0);
    socket.set(zmq::sockopt::rcvtimeo, 5000);
    socket.connect(endpoint);
    socket.send(zmq::buffer(text), zmq::send_flags::none);
    zmq::message_t reply;
    REQUIRE(socket.recv(reply, zmq::recv_flags::none));
    return nlohmann::json::parse(reply.to_string());
}

struct RunningDaemon {
    test::TestFolder folder;
    Daemon daemon{make_simulated_source(test::simulation(200.0, 60.0), true), test::options_for(folder)};
    DaemonClient client{folder.endpoint()};
};

}  // namespace

TEST_CASE("status names the source and its state and the counters and the recording and the endpoints") {
    RunningDaemon running;
    REQUIRE(test::eventually([&] { return running.daemon.status().counters.frames_received > 5; }));
    auto json = running.client.status_json();
    CHECK(json["ok"] == true);
    CHECK(json["protocol_version"] == 1);
    CHECK(json["source"]["kind"] == "simulator");
    CHECK(json["source"]["state"] == "streaming");
    CHECK(json["source"]["rate_hz"] == 200.0);
    CHECK(json["source"]["geometry"]["rows"] == 64);
    CHECK(json["counters"]["frames_received"].get<std::uint64_t>() > 5);
    for (const char* counter : {"frames_published", "frames_sent", "frames_recorded", "frames_skipped_by_clients",
                                "corrupt_packets", "sequence_gaps", "frames_missed", "device_losses"})
        CHECK(json["counters"].contains(counter));
    CHECK(json["recording"]["state"] == "idle");
    CHECK(json["recording"]["queue_bound"] == kRecorderQueueFrames);
    CHECK(json["daemon"]["control_endpoint"] == running.daemon.endpoints().control);
    CHECK(json["daemon"]["stream_endpoint"] == running.daemon.endpoints().stream);
    CHECK(json["daemon"]["uptime_s"].get<double>() > 0.0);
    auto status = running.client.status();
    CHECK(status.device_state == DeviceState::Streaming);
    CHECK(status.geometry == PlateGeometry::clinical_plate());
}

TEST_CASE("start_recording and stop_recording by request write a complete trial") {
    RunningDaemon running;
    const auto file = running.folder.file("requested.h5");
    REQUIRE(test::eventually([&] { return running.client.status().device_state == DeviceState::Streaming; }));
    auto request = test::recording_to(file);
    request.kind = TrialKind::Static;
    request.subject.body_mass_kg = 81.5;
    auto started = running.client.start_recording(request);
    CHECK(started.state == RecordingState::Recording);
    CHECK(started.file == file.string());
    REQUIRE(test::eventually([&] { return running.client.status().recording.frames >= 20; }));
    auto stopped = running.client.stop_recording();
    CHECK(stopped.state == RecordingState::Stopped);
    CHECK(stopped.stop_reason == "requested");
    CHECK(stopped.error.empty());
    {
        SessionReader reader(file);
        CHECK(reader.subject().id == "T-0001");
        CHECK(reader.subject().body_mass_kg == 81.5);
        CHECK(reader.trial(0).header.kind == TrialKind::Static);
        CHECK(reader.trial(0).complete);
        CHECK(reader.trial(0).frame_count == stopped.frames);
    }
    CHECK(test::consecutive_from(test::recorded_sequences(file), stopped.first_sequence));

    // The same file again: refused unless overwrite or append; append adds trial 1.
    CHECK_THROWS_WITH_AS(running.client.start_recording(request), doctest::Contains("exists"), DaemonRequestError);
    request.mode = FileMode::Append;
    CHECK(running.client.start_recording(request).trial == 1);
    running.client.stop_recording();
    CHECK(SessionReader(file).trial_count() == 2);
}

TEST_CASE("bad requests get an error reply naming the problem while the daemon keeps serving") {
    RunningDaemon running;
    const std::string endpoint = running.daemon.endpoints().control;
    auto expect_error = [&](const std::string& text, const std::string& mentions) {
        auto reply = raw_request(endpoint, text);
        CHECK(reply["ok"] == false);
        CHECK(reply["error_kind"] == "bad_request");
        INFO("reply: " << reply.dump());
        CHECK(reply["error"].get<std::string>().find(mentions) != std::string::npos);
    };
    expect_error("{not json", "not valid JSON");
    expect_error("[1, 2]", "JSON object");
    expect_error(R"({"req": "status"})", "missing field 'request'");
    expect_error(R"({"request": "explode"})", "unknown request 'explode'");
    expect_error(R"({"request": "start_recording"})", "missing field 'file'");
    expect_error(R"({"request": "start_recording", "file": "x.h5", "kind": "run"})", "field 'kind'");
    expect_error(R"({"request": "start_recording", "file": "x.h5", "mode": "create"})", "'subject'");
    expect_error(R"({"request": "start_recording", "file": "x.h5", "subject": {"id": 7}})", "field 'id'");
    expect_error(R"({"request": "set_rate"})", "missing field 'rate_hz'");
    expect_error(R"({"request": "set_rate", "rate_hz": "fast"})", "rate_hz");
    expect_error(R"({"request": "set_rate", "rate_hz": 99999})", "frame rate");
    expect_error(R"({"request": "status", "protocol_version": 2})", "version 2");
    // Still serving, and nothing was recorded by the bad requests.
    auto status = running.client.status();
    CHECK(status.recording.state == RecordingState::Idle);
    CHECK(status.device_state == DeviceState::Streaming);
}

TEST_CASE("set_rate changes the simulated plate's rate and list_devices describes the daemon's source") {
    RunningDaemon running;
    running.client.set_rate(500.0);
    CHECK(test::eventually([&] { return running.client.status().rate_hz == 500.0; }));
    auto devices = running.client.list_devices();
    CHECK(devices["devices"].is_array());
    CHECK(devices["source"]["kind"] == "simulator");
}

TEST_CASE("a second daemon on the same endpoint refuses to start and no daemon gives a clear IoError") {
    RunningDaemon running;
    CHECK_THROWS_WITH_AS(
        Daemon(make_simulated_source(test::simulation(100.0, 1.0), false), test::options_for(running.folder)),
        doctest::Contains("another plantard is already running"), IoError);
    test::TestFolder empty;
    DaemonClient nobody(empty.endpoint(), std::chrono::milliseconds(200));
    CHECK_THROWS_WITH_AS(nobody.status(), doctest::Contains("no plantard is running at ipc://"), IoError);
}
