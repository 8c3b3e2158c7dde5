// The live view's recording controls against the real daemon (plantard's Daemon, in process,
// on private sockets, streaming the simulated plate): Record writes a trial the daemon counts
// and a reader can open; an unwritable file gives the daemon's message in the panel; the form
// refuses what the daemon could not use. The live feed's frames reach the model meanwhile.
#include <doctest/doctest.h>

#include "daemon_test_support.hpp"
#include "plantar/capture/session/session.hpp"
#include "plantar/viz/live_feed.hpp"
#include "plantar/viz/recording_form.hpp"

using namespace plantar;
using namespace plantar::viz;
namespace dt = plantar::daemon::test;

namespace {

struct RunningDaemon {
    dt::TestFolder folder;
    daemon::Daemon daemon{daemon::make_simulated_source(dt::simulation(200.0, 60.0), true), dt::options_for(folder)};
};

const auto kNow = std::chrono::system_clock::now();

}  // namespace

TEST_CASE("Record and Stop through the live feed: the daemon writes the trial, the panel shows its progress") {
    RunningDaemon running;
    LiveFeed feed(running.folder.endpoint());
    REQUIRE(dt::eventually([&] { return feed.status().status.has_value() && feed.snapshot() != nullptr; }));
    CHECK(describe_recording(feed.status()).can_record);

    RecordingForm form;
    form.subject_id = "S-0042";
    form.kind = TrialKind::Step;
    form.output_path = running.folder.file("visit.h5").string();
    const auto made = make_recording_request(form, kNow, running.folder.path());
    REQUIRE(made.request);
    feed.start_recording(*made.request);
    REQUIRE(dt::eventually([&] {
        const auto s = feed.status();
        return s.status && s.status->recording.state == daemon::RecordingState::Recording && s.status->recording.frames > 20;
    }));
    const RecordingDisplay during = describe_recording(feed.status());
    CHECK(during.recording);
    CHECK(!during.can_record);
    CHECK(during.headline.find("Recording") == 0);
    CHECK(during.headline.find("visit.h5") != std::string::npos);
    CHECK(during.problem.empty());

    feed.stop_recording();
    REQUIRE(dt::eventually([&] {
        const auto s = feed.status();
        return s.status && s.status->recording.state == daemon::RecordingState::Stopped && !s.recording_request_pending;
    }));
    const auto recording = feed.status().status->recording;
    CHECK(recording.stop_reason == "requested");
    CHECK(describe_recording(feed.status()).can_record);
    SessionReader reader(running.folder.file("visit.h5"));
    REQUIRE(reader.trial_count() == 1);
    CHECK(reader.trial(0).frame_count == recording.frames);
    CHECK(reader.trial(0).header.kind == TrialKind::Step);
    CHECK(reader.subject().id == "S-0042");
    // Meanwhile the feed's frames went into the live model.
    CHECK(feed.status().frames_taken > 0);
    CHECK(feed.snapshot()->frames_since_reset > 0);
}

TEST_CASE("a file the daemon cannot write: the panel shows the daemon's own message") {
    RunningDaemon running;
    LiveFeed feed(running.folder.endpoint());
    REQUIRE(dt::eventually([&] { return feed.status().status.has_value(); }));
    RecordingForm form;
    form.subject_id = "S-0042";
    form.output_path = running.folder.file("no-such-folder/visit.h5").string();
    feed.start_recording(*make_recording_request(form, kNow, running.folder.path()).request);
    REQUIRE(dt::eventually([&] { return !feed.status().recording_error.empty(); }));
    const RecordingDisplay display = describe_recording(feed.status());
    CHECK(display.problem.find("no-such-folder") != std::string::npos);
    CHECK(display.problem.find("plantard did not do it: ") == 0);
    CHECK(!display.recording);
}

TEST_CASE("the recording form: a subject is needed, the default file is per subject and day, and appends when it exists") {
    const std::filesystem::path home = "/home/clinic";
    RecordingForm form;
    CHECK(!make_recording_request(form, kNow, home).request);
    CHECK(make_recording_request(form, kNow, home).error.find("subject id") != std::string::npos);
    form.subject_id = "../etc";
    CHECK(make_recording_request(form, kNow, home).error.find("only letters") != std::string::npos);
    form.subject_id = " P-7 ";
    const auto made = make_recording_request(form, kNow, home);
    REQUIRE(made.request);
    CHECK(made.request->subject.id == "P-7");
    CHECK(made.request->file == default_recording_path("P-7", kNow, home).string());
    CHECK(made.request->file.rfind("/home/clinic/plantar-recordings/P-7-", 0) == 0);
    CHECK(made.request->mode == daemon::FileMode::Create);
    form.output_path = "~/trials/a.h5";
    form.append = true;
    const auto appended = make_recording_request(form, kNow, home);
    REQUIRE(appended.request);
    CHECK(appended.request->file == "/home/clinic/trials/a.h5");
    CHECK(appended.request->mode == daemon::FileMode::Append);
}

TEST_CASE("without a daemon the panel says nothing can be recorded") {
    LiveStatus nobody;
    const RecordingDisplay display = describe_recording(nobody);
    CHECK(!display.can_record);
    CHECK(display.headline.find("no plantard") != std::string::npos);
}

TEST_CASE("a recording the daemon stopped for a problem: the panel gives the reason and the daemon's words") {
    LiveStatus live;
    live.status = daemon::DaemonStatus{};
    daemon::RecordingStatus& r = live.status->recording;
    r.state = daemon::RecordingState::Stopped;
    r.file = "/data/visit.h5";
    r.frames = 12345;
    r.elapsed_s = 24.7;
    r.stop_reason = "queue full";
    r.error = "the disk could not keep up: 2048 frames were waiting to be written";
    RecordingDisplay display = describe_recording(live);
    CHECK(display.can_record);
    CHECK(display.headline.find("12,345 frames") != std::string::npos);
    CHECK(display.problem == "The recording stopped (queue full): the disk could not keep up: 2048 frames were waiting to be written");

    r.stop_reason = "device lost";
    r.error.clear();
    CHECK(describe_recording(live).problem.find("plate was lost") != std::string::npos);

    r.stop_reason = "requested";
    CHECK(describe_recording(live).problem.empty());

    // While recording, a queue more than half full is said before it stops the recording.
    r.state = daemon::RecordingState::Recording;
    r.queue_bound = 2048;
    r.queue_depth = 1500;
    display = describe_recording(live);
    CHECK(display.recording);
    CHECK(display.problem.find("1500 of 2048 frames") != std::string::npos);
}
