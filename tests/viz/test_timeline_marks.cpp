// The replay timeline's logic without a window: frames along the bar, the steps' spans and which
// one a click hits, stepping, and the playback clock (speed, stopping at the end, looping a range
// on uneven frame times); and what the Open dialog and the trial chooser list.
#include <doctest/doctest.h>

#include <chrono>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <optional>
#include <string>
#include <vector>

#include "plantar/analysis/pipeline.hpp"
#include "plantar/capture/errors.hpp"
#include "plantar/viz/session_folder.hpp"
#include "plantar/viz/timeline_marks.hpp"

using namespace plantar;
using namespace plantar::viz;

namespace {

// Frame times as TrialView gives them, from a list of seconds.
struct Times {
    std::vector<double> seconds;
    std::size_t frame_count() const { return seconds.size(); }
    double time_s(std::size_t i) const { return seconds.at(i); }
    std::size_t frame_at_time(double s) const {
        std::size_t frame = 0;
        for (std::size_t i = 0; i < seconds.size(); ++i)
            if (seconds[i] <= s + 1e-12) frame = i;
        return frame;
    }
};

Times regular(std::size_t count, double rate_hz) {
    Times times;
    for (std::size_t i = 0; i < count; ++i) times.seconds.push_back(static_cast<double>(i) / rate_hz);
    return times;
}

analysis::StepAnalysis step(analysis::Side side, std::size_t first, std::size_t last, bool cut = false) {
    analysis::StepAnalysis s;
    s.contact.side = side;
    s.contact.first_frame = first;
    s.contact.last_frame = last;
    s.contact.cut_by_recording_end = cut;
    return s;
}

}  // namespace

TEST_CASE("every frame has the same share of the bar, and x maps back to the frame under it") {
    const TimelineScale scale{100.0f, 1000.0f, 500};  // 2 px per frame
    CHECK(scale.x_of_frame(0) == doctest::Approx(100.0));
    CHECK(scale.x_of_frame(250) == doctest::Approx(600.0));
    CHECK(scale.x_of_frame(500) == doctest::Approx(1100.0));  // the end of the last frame
    CHECK(scale.frame_at_x(600.5f) == 250);
    CHECK(scale.frame_at_x(601.9f) == 250);
    CHECK(scale.frame_at_x(602.1f) == 251);
    CHECK(scale.frame_at_x(50.0f) == 0);      // left of the bar: the first frame
    CHECK(scale.frame_at_x(5000.0f) == 499);  // right of it: the last
    CHECK(TimelineScale{0.0f, 100.0f, 0}.frame_at_x(50.0f) == 0);
}

TEST_CASE("steps become spans in the left or right row; a click in a row hits that row's step only") {
    analysis::TrialAnalysis trial;
    trial.steps = {step(analysis::Side::Left, 10, 60), step(analysis::Side::Right, 50, 110),
                   step(analysis::Side::Left, 120, 170, /*cut=*/true), step(analysis::Side::Unknown, 180, 190)};
    const std::vector<StepSpan> spans = step_spans(trial);
    REQUIRE(spans.size() == 4);
    CHECK(spans[0].complete);
    CHECK_FALSE(spans[2].complete);  // cut by the recording: drawn dimmer
    CHECK(row_of(spans[1].side) == TimelineRow::Right);
    CHECK(row_of(spans[3].side) == TimelineRow::Left);

    // Frames 50..60: both feet down; each row answers with its own foot.
    CHECK(span_at(spans, TimelineRow::Left, 55)->step == 0);
    CHECK(span_at(spans, TimelineRow::Right, 55)->step == 1);
    CHECK(span_at(spans, TimelineRow::Left, 60)->first_frame == 10);  // the last frame belongs to the step
    CHECK(span_at(spans, TimelineRow::Left, 61) == nullptr);   // the right foot alone
    CHECK(span_at(spans, TimelineRow::Right, 9) == nullptr);
    CHECK(span_at(spans, TimelineRow::Left, 185)->step == 3);
}

TEST_CASE("stepping moves by frames and stops at the trial's ends") {
    CHECK(stepped_frame(5, 1, 100) == 6);
    CHECK(stepped_frame(5, -10, 100) == 0);
    CHECK(stepped_frame(95, 10, 100) == 99);
    CHECK(stepped_frame(0, -1, 0) == 0);
}

TEST_CASE("a loop range is ordered whichever end was set first") {
    const LoopRange range = LoopRange::between(80, 20);
    CHECK(range.in == 20);
    CHECK(range.out == 80);
    CHECK(range.contains(20));
    CHECK(range.contains(80));
    CHECK_FALSE(range.contains(81));
}

TEST_CASE("playback runs on the frame times at the chosen speed and stops on the last frame") {
    const Times times = regular(100, 100.0);  // 0.00 .. 0.99 s
    PlaybackPosition p{0, 0.0, true};
    p = advance_playback_clock(times, p, 0.1, 1.0, std::nullopt);
    CHECK(p.frame == 10);
    p = advance_playback_clock(times, p, 0.1, 0.5, std::nullopt);  // half speed: 5 frames
    CHECK(p.frame == 15);
    p = advance_playback_clock(times, p, 0.1, 4.0, std::nullopt);  // 4x: 40 frames
    CHECK(p.frame == 55);
    p = advance_playback_clock(times, p, 10.0, 1.0, std::nullopt);
    CHECK(p.frame == 99);
    CHECK_FALSE(p.playing);
    // Paused: nothing moves.
    const PlaybackPosition paused = advance_playback_clock(times, PlaybackPosition{7, 0.07, false}, 1.0, 1.0, std::nullopt);
    CHECK(paused.frame == 7);
}

TEST_CASE("slow playback moves through frames shorter than a UI frame, by its clock") {
    const Times times = regular(1000, 500.0);  // 2 ms frames
    PlaybackPosition p{0, 0.0, true};
    for (int i = 0; i < 60; ++i) p = advance_playback_clock(times, p, 1.0 / 60.0, 0.1, std::nullopt);  // one second at 0.1x
    CHECK(p.frame == 50);  // 0.1 s of recording at 500 Hz
}

TEST_CASE("a loop wraps from its last frame back to its first and never leaves the range") {
    const Times times = regular(100, 100.0);
    const LoopRange loop{20, 29};  // 0.20 .. 0.29 s, ten frames of 10 ms: 0.1 s round
    PlaybackPosition p{20, 0.20, true};
    p = advance_playback_clock(times, p, 0.095, 1.0, loop);
    CHECK(p.frame == 29);  // the range's last frame is shown for its frame period...
    p = advance_playback_clock(times, p, 0.01, 1.0, loop);
    CHECK(p.frame == 20);  // ...then back to the first
    CHECK(p.playing);
    for (int i = 0; i < 200; ++i) {
        p = advance_playback_clock(times, p, 0.013, 1.7, loop);
        REQUIRE(loop.contains(p.frame));
    }
    // Started outside the range: playback begins at its first frame.
    p = advance_playback_clock(times, PlaybackPosition{70, 0.70, true}, 0.001, 1.0, loop);
    CHECK(p.frame == 20);
}

TEST_CASE("a loop on uneven frame times (a dropped frame) still covers every frame of the range") {
    Times times;
    times.seconds = {0.00, 0.01, 0.02, 0.05, 0.06, 0.07};  // frames 3.. after a 30 ms gap
    const LoopRange loop{1, 4};
    PlaybackPosition p{1, 0.01, true};
    std::vector<bool> seen(6, false);
    for (int i = 0; i < 100; ++i) {
        p = advance_playback_clock(times, p, 0.004, 1.0, loop);
        seen[p.frame] = true;
    }
    CHECK(seen[1]);
    CHECK(seen[2]);
    CHECK(seen[3]);
    CHECK(seen[4]);
    CHECK_FALSE(seen[0]);
    CHECK_FALSE(seen[5]);
}

TEST_CASE("the Open dialog lists sub-folders first, then .h5 files with their size; nothing else") {
    const std::filesystem::path folder = std::filesystem::temp_directory_path() /
                                         ("plantar-folder-test-" + std::to_string(std::chrono::steady_clock::now().time_since_epoch().count()));
    std::filesystem::create_directories(folder / "patient-b");
    std::filesystem::create_directories(folder / "patient-a");
    std::filesystem::create_directories(folder / ".hidden");
    std::ofstream(folder / "walk.h5") << std::string(2500, 'x');
    std::ofstream(folder / "notes.txt") << "not a session";
    std::ofstream(folder / "a-static.h5") << "x";
    const std::vector<FolderEntry> entries = list_session_folder(folder);
    REQUIRE(entries.size() == 4);
    CHECK(entries[0].name == "patient-a");
    CHECK(entries[0].is_folder);
    CHECK(entries[1].name == "patient-b");
    CHECK(entries[2].name == "a-static.h5");
    CHECK(entries[3].name == "walk.h5");
    CHECK(entries[3].size_bytes == 2500);
    CHECK(entries[3].size_text == "2 kB");
    CHECK(entries[3].modified_text.size() == 16);  // "2026-11-21 10:42"
    std::filesystem::remove_all(folder);
    CHECK_THROWS_AS(list_session_folder(folder), IoError);
}

TEST_CASE("sizes read as a file manager shows them") {
    CHECK(size_text(12) == "12 B");
    CHECK(size_text(640'000) == "640 kB");
    CHECK(size_text(1'234'567) == "1.2 MB");
    CHECK(size_text(3'500'000'000) == "3.5 GB");
}

TEST_CASE("the trial chooser names index, kind, frames, duration, start, and an unfinished trial") {
    TrialInfo trial;
    trial.index = 2;
    trial.header.kind = TrialKind::Walk;
    trial.header.rate_hz = 100.0;
    trial.header.started_utc = "2026-11-21T10:42:07Z";
    trial.frame_count = 480;
    trial.first_device_time_us = 0;
    trial.last_device_time_us = 4'790'000;
    trial.complete = true;
    CHECK(trial_choice_text(trial) == "2: walk, 480 frames, 4.80 s, started 2026-11-21T10:42:07Z");
    trial.complete = false;
    CHECK(trial_choice_text(trial).find("not closed by its writer") != std::string::npos);
}
