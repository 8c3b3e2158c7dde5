// TrialView on a long trial: it opens with the frame times only, reads frames through its block
// cache, and reads and analyses the trial on a background thread (viz/include/plantar/viz/trial_view.hpp).
#include <doctest/doctest.h>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <cmath>
#include <filesystem>
#include <random>
#include <string>
#include <thread>
#include <unistd.h>
#include <vector>

#include "plantar/analysis/pipeline.hpp"
#include "plantar/capture/errors.hpp"
#include "plantar/capture/session/session.hpp"
#include "plantar/capture/sim/simulated_plate.hpp"
#include "plantar/viz/trial_view.hpp"

using namespace plantar;
using plantar::viz::TrialView;

namespace {

class TempFile {
public:
    explicit TempFile(const std::string& name) {
        static std::atomic<int> counter{0};
        path_ = std::filesystem::temp_directory_path() /
                ("plantar-viz-frames-" + std::to_string(::getpid()) + "-" + std::to_string(counter++) + "-" + name);
    }
    ~TempFile() {
        std::error_code ignored;
        std::filesystem::remove(path_, ignored);
    }
    TempFile(const TempFile&) = delete;
    TempFile& operator=(const TempFile&) = delete;
    const std::filesystem::path& path() const { return path_; }

private:
    std::filesystem::path path_;
};

struct SimulatedWalk {
    TrialHeader header;
    std::vector<Frame> frames;
};

SimulatedWalk simulated_walk(double seconds, sim::Scenario scenario = sim::Scenario::Walk) {
    sim::SimulationConfig config;
    config.scenario = scenario;
    config.duration_s = seconds;
    config.seed = 5;
    sim::SimulatedPlate plate(config);
    SimulatedWalk walk;
    walk.header.kind = sim::trial_kind_of(config.scenario);
    walk.header.source = plate.description();
    walk.header.geometry = plate.geometry();
    walk.header.rate_hz = config.rate_hz;
    while (auto frame = plate.next()) walk.frames.push_back(std::move(*frame));
    return walk;
}

Subject test_subject() {
    Subject subject;
    subject.id = "P-0006";
    return subject;
}

void write_session(const std::filesystem::path& path, const SimulatedWalk& walk) {
    auto writer = SessionWriter::create(path, test_subject());
    writer.begin_trial(walk.header);
    for (const Frame& frame : walk.frames) writer.write(frame);
    writer.close();
}

// Waits for the background work to end one way or the other (a give-up, not a timing check).
std::string wait_for_background(TrialView& view) {
    const auto give_up = std::chrono::steady_clock::now() + std::chrono::minutes(2);
    std::string status = view.analysis_status();
    while (status != "done" && status.rfind("error", 0) != 0 && std::chrono::steady_clock::now() < give_up) {
        std::this_thread::sleep_for(std::chrono::milliseconds(10));
        view.refresh();
        status = view.analysis_status();
    }
    return status;
}

analysis::TrialAnalysis analysis_in_memory(const SimulatedWalk& walk) {
    analysis::TrialInput input;
    input.sensors = analysis::SensorMap::make(walk.header.geometry);
    input.kind = walk.header.kind;
    input.rate_hz = walk.header.rate_hz;
    input.frames = walk.frames;
    return analysis::analyze_trial(input, {});
}

// Equal, or both NaN (a value that could not be computed in either).
bool same(double a, double b) { return (std::isnan(a) && std::isnan(b)) || a == b; }

void check_same_analysis(const analysis::TrialAnalysis& got, const analysis::TrialAnalysis& expected) {
    CHECK(got.frames == expected.frames);
    CHECK(same(got.duration_s, expected.duration_s));
    CHECK(got.notes == expected.notes);
    REQUIRE(got.steps.size() == expected.steps.size());
    for (std::size_t s = 0; s < got.steps.size(); ++s) {
        CAPTURE(s);
        CHECK(got.steps[s].contact.first_frame == expected.steps[s].contact.first_frame);
        CHECK(got.steps[s].contact.last_frame == expected.steps[s].contact.last_frame);
        CHECK(got.steps[s].contact.side == expected.steps[s].contact.side);
        CHECK(same(got.steps[s].cpei.cpei_pct, expected.steps[s].cpei.cpei_pct));
        CHECK(same(got.steps[s].load.forefoot_pct, expected.steps[s].load.forefoot_pct));
    }
    for (auto [a, b] : {std::pair{&got.left, &expected.left}, std::pair{&got.right, &expected.right}}) {
        CHECK(a->complete_steps == b->complete_steps);
        CHECK(a->foot_type.type == b->foot_type.type);
        CHECK(a->pronation.pronation == b->pronation.pronation);
    }
}

}  // namespace

TEST_CASE("a trial opened lazily gives the same frames and times as the session reader") {
    TempFile file("walk.h5");
    const SimulatedWalk walk = simulated_walk(4.0);
    write_session(file.path(), walk);
    const auto view = TrialView::open(file.path(), std::nullopt);
    REQUIRE(view->frame_count() == walk.frames.size());
    SessionReader reader(file.path());
    std::mt19937 random(6);
    std::vector<std::size_t> order(walk.frames.size());
    for (std::size_t i = 0; i < order.size(); ++i) order[i] = i;
    std::shuffle(order.begin(), order.end(), random);
    order.resize(150);
    for (std::size_t i : order) {
        CAPTURE(i);
        CHECK(view->frame(i) == reader.read_frame(0, i));
    }
    const double period = 1.0 / walk.header.rate_hz;
    CHECK(view->time_s(100) == doctest::Approx(100 * period));
    CHECK(view->duration_s() == doctest::Approx(static_cast<double>(walk.frames.size() - 1) * period));
    CHECK(view->frame_at_time(1.0) == 100);
    CHECK(view->frame_at_time(1.0 + 0.4 * period) == 100);
    CHECK(view->frame_at_time(-3.0) == 0);
    CHECK(view->frame_at_time(1e6) == walk.frames.size() - 1);
    CHECK_THROWS_AS(view->frame(walk.frames.size()), InvalidArgument);
    wait_for_background(*view);
}

TEST_CASE("the background work gives the analysis, peak image and forces of the frames in memory") {
    TempFile file("walk.h5");
    const SimulatedWalk walk = simulated_walk(6.0);
    write_session(file.path(), walk);
    const auto view = TrialView::open(file.path(), 0);
    REQUIRE(wait_for_background(*view) == "done");
    CHECK(view->background_progress() == doctest::Approx(1.0));
    REQUIRE(view->analysis() != nullptr);
    check_same_analysis(*view->analysis(), analysis_in_memory(walk));
    CHECK(view->analysed_frame_count() == walk.frames.size());

    const analysis::SensorMap sensors = analysis::SensorMap::make(walk.header.geometry);
    REQUIRE(view->peak_image() != nullptr);
    std::vector<float> peak(walk.header.geometry.sensor_count(), 0.0f);
    for (const Frame& frame : walk.frames)
        for (std::size_t i = 0; i < peak.size(); ++i) peak[i] = std::max(peak[i], frame.pressure_kpa[i]);
    CHECK(view->peak_image()->pressure_kpa == peak);
    CHECK(view->peak_value() == static_cast<double>(*std::max_element(peak.begin(), peak.end())));
    const auto forces = view->total_force_n();
    REQUIRE(forces.size() == walk.frames.size());
    for (std::size_t f = 0; f < walk.frames.size(); f += 37) {
        CAPTURE(f);
        CHECK(forces[f] == static_cast<float>(analysis::frame_load(sensors, walk.frames[f])));
        CHECK(view->force_n(f) == analysis::frame_load(sensors, walk.frames[f]));
    }
}

TEST_CASE("a trial still being written: refresh() picks up flushed frames and the analysis follows") {
    TempFile file("growing.h5");
    const SimulatedWalk walk = simulated_walk(4.0);
    const std::size_t first_part = 150;
    auto writer = SessionWriter::create(file.path(), test_subject());
    writer.begin_trial(walk.header);
    for (std::size_t f = 0; f < first_part; ++f) writer.write(walk.frames[f]);
    writer.flush();

    const auto view = TrialView::open(file.path(), 0);
    CHECK(view->frame_count() == first_part);
    CHECK_FALSE(view->info().complete);
    for (std::size_t f = first_part; f < walk.frames.size(); ++f) writer.write(walk.frames[f]);
    writer.flush();
    CHECK(view->refresh(std::chrono::milliseconds(0)));
    CHECK(view->frame_count() == walk.frames.size());
    CHECK(view->frame(walk.frames.size() - 1) == walk.frames.back());
    CHECK(view->time_s(walk.frames.size() - 1) ==
          doctest::Approx(static_cast<double>(walk.frames.back().device_time_us - walk.frames.front().device_time_us) * 1e-6));
    CHECK_FALSE(view->refresh(std::chrono::milliseconds(0)));
    writer.end_trial();

    // Once the file has stopped growing the analysis is redone on every frame.
    const auto give_up = std::chrono::steady_clock::now() + std::chrono::minutes(2);
    while ((view->analysis() == nullptr || view->analysed_frame_count() < walk.frames.size()) &&
           view->analysis_status().rfind("error", 0) != 0 && std::chrono::steady_clock::now() < give_up) {
        std::this_thread::sleep_for(std::chrono::milliseconds(20));
        view->refresh(std::chrono::milliseconds(0));
    }
    REQUIRE(view->analysis() != nullptr);
    CHECK(view->analysed_frame_count() == walk.frames.size());
    CHECK(view->total_force_n().size() == walk.frames.size());
    check_same_analysis(*view->analysis(), analysis_in_memory(walk));
    writer.close();
}

TEST_CASE("a view closed while its trial is still being read and analysed closes cleanly") {
    TempFile file("long.h5");
    const SimulatedWalk walk = simulated_walk(20.0);
    write_session(file.path(), walk);
    for (int round = 0; round < 3; ++round) {
        auto view = TrialView::open(file.path(), 0);
        const std::string status = view->analysis_status();
        CHECK((status.rfind("reading frames", 0) == 0 || status == "analysing" || status == "done"));
        (void)view->frame(view->frame_count() / 2);
        if (round == 1) std::this_thread::sleep_for(std::chrono::milliseconds(30));
        view.reset();  // stops the background and prefetch threads; must not crash or hang
    }
    // The file is still readable afterwards, and a new view finishes its work.
    auto view = TrialView::open(file.path(), 0);
    CHECK(wait_for_background(*view) == "done");
}

TEST_CASE("an unreadable trial choice is refused with a message naming it") {
    TempFile file("walk.h5");
    write_session(file.path(), simulated_walk(1.0));
    CHECK_THROWS_WITH_AS(TrialView::open(file.path(), 3), doctest::Contains("has no trial 3"), InvalidArgument);
}
