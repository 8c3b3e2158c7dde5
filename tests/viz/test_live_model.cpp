// The live view's model fed the simulator's frames one by one, as the worker thread feeds it
// plantard's: the steps it analyses are the simulated steps (count, order and side), their frame
// numbers are the model's own, and the peak image, COP trail and force curve are what the frames
// hold.
#include <doctest/doctest.h>

#include <algorithm>
#include <vector>

#include "plantar/capture/sim/simulated_plate.hpp"
#include "plantar/viz/live_model.hpp"

using namespace plantar;
using namespace plantar::viz;

namespace {

sim::SimulationConfig walk(double seconds) {
    sim::SimulationConfig config;
    config.scenario = sim::Scenario::Walk;
    config.geometry = PlateGeometry::walkway();
    config.rate_hz = 100.0;
    config.duration_s = seconds;
    config.seed = 3;
    return config;
}

struct Fed {
    std::vector<Frame> frames;
    sim::SimulationTruth truth;
};

Fed feed(LiveModel& model, const sim::SimulationConfig& config) {
    sim::SimulatedPlate plate(config);
    Fed fed;
    while (auto frame = plate.next()) {
        fed.frames.push_back(*frame);
        model.add(plate.geometry(), std::move(*frame));
    }
    fed.truth = plate.truth();
    return fed;
}

// The simulated steps the model can have finished: on the plate whole, struck after the first
// frame, and off the plate well before the last frame (a contact ends 0.1 s after its last load).
std::vector<sim::SimulatedStep> finished_steps(const sim::SimulationTruth& truth, std::int64_t last_frame_us) {
    std::vector<sim::SimulatedStep> steps;
    for (const sim::SimulatedStep& step : truth.steps)
        if (!step.cut_by_plate_edge && !step.cut_by_recording && step.strike_us > 0 && step.off_us + 200'000 < last_frame_us)
            steps.push_back(step);
    return steps;
}

analysis::Side side_of(sim::Side side) { return side == sim::Side::Left ? analysis::Side::Left : analysis::Side::Right; }

}  // namespace

TEST_CASE("a simulated walk fed frame by frame gives the simulated steps, in order, with their sides") {
    LiveModel model;
    const Fed fed = feed(model, walk(8.0));
    const auto expected = finished_steps(fed.truth, fed.frames.back().device_time_us);
    REQUIRE(expected.size() >= 4);
    const LiveSnapshot snapshot = model.snapshot();
    REQUIRE(snapshot.analysis);
    const auto& steps = snapshot.analysis->steps;
    CHECK(model.steps_completed() == expected.size());
    REQUIRE(steps.size() == expected.size());
    for (std::size_t i = 0; i < steps.size(); ++i) {
        CAPTURE(i);
        CHECK(steps[i].contact.side == side_of(expected[i].side));
        // Frame numbers are the model's: the frame at first_frame is the one fed at that position,
        // and the strike lies within two frames of the model's.
        const auto& contact = steps[i].contact;
        REQUIRE(contact.last_frame < fed.frames.size());
        const double strike_s = static_cast<double>(fed.frames[contact.first_frame].device_time_us - expected[i].strike_us) / 1e6;
        CHECK(std::abs(strike_s) <= 0.02);
        CHECK(steps[i].footprint.axis.heel.valid());
    }
    // Every step was complete and sided, so each foot is classified over its own steps.
    const std::size_t left = std::count_if(expected.begin(), expected.end(), [](const auto& s) { return s.side == sim::Side::Left; });
    CHECK(snapshot.analysis->left.complete_steps == left);
    CHECK(snapshot.analysis->right.complete_steps == expected.size() - left);
    CHECK(snapshot.analysis->left.foot_type.type == analysis::FootType::Normal);
    CHECK(snapshot.frames_since_reset == fed.frames.size());
    CHECK(snapshot.frame_index == fed.frames.size() - 1);
}

TEST_CASE("the peak image is each sensor's highest value since the reset, and reset starts it over") {
    LiveModel model;
    const Fed fed = feed(model, walk(3.0));
    std::vector<float> highest(fed.frames.front().pressure_kpa.size(), 0.0f);
    for (const Frame& frame : fed.frames)
        for (std::size_t i = 0; i < highest.size(); ++i) highest[i] = std::max(highest[i], frame.pressure_kpa[i]);
    CHECK(model.peak_image().pressure_kpa == highest);
    CHECK(*std::max_element(highest.begin(), highest.end()) > 100.0f);  // a foot really loaded it

    model.reset();
    CHECK(model.frames_since_reset() == 0);
    CHECK(model.steps_completed() == 0);
    const auto& peak = model.peak_image().pressure_kpa;
    CHECK(std::all_of(peak.begin(), peak.end(), [](float v) { return v == 0.0f; }));
    CHECK(model.cop_trail().empty());
    CHECK(model.analysis().steps.empty());
}

TEST_CASE("the COP trail covers the frames of the last two seconds that carry a foot's load, on the plate") {
    LiveModel model;
    const Fed fed = feed(model, walk(5.0));
    const auto trail = model.cop_trail();
    std::size_t loaded_recent = 0;
    const std::int64_t since = fed.frames.back().device_time_us - 2'000'000;
    sim::SimulatedPlate plate(walk(5.0));
    const auto sensors = analysis::SensorMap::make(plate.geometry());
    for (const Frame& frame : fed.frames)
        if (frame.device_time_us >= since && analysis::frame_load(sensors, frame) >= LiveModelConfig{}.cop_trail_min_force_n &&
            analysis::centre_of_pressure(sensors, frame).valid())
            ++loaded_recent;
    CHECK(static_cast<std::size_t>(std::count_if(trail.begin(), trail.end(), [](const auto& p) { return p.valid(); })) == loaded_recent);
    REQUIRE(!trail.empty());
    // Frames without a foot's load break the trail with one invalid point, never at its ends.
    CHECK(trail.front().valid());
    CHECK(trail.back().valid());
    for (std::size_t i = 1; i < trail.size(); ++i) CHECK((trail[i].valid() || trail[i - 1].valid()));
    const PlateGeometry geometry = PlateGeometry::walkway();
    for (const analysis::Point& p : trail) {
        if (!p.valid()) continue;
        CHECK(p.x_mm >= 0.0);
        CHECK(p.x_mm <= geometry.cols * geometry.pitch_x_mm);
        CHECK(p.y_mm >= 0.0);
        CHECK(p.y_mm <= geometry.rows * geometry.pitch_y_mm);
    }
    const LiveSnapshot snapshot = model.snapshot();
    CHECK(snapshot.force_n.size() <= LiveModelConfig{}.force_points);
    CHECK(*std::max_element(snapshot.force_n.begin(), snapshot.force_n.end()) > 300.0f);  // a 70 kg walker
}

TEST_CASE("frames that never arrived are counted, and a restarted daemon's clock does not lose the kept steps") {
    LiveModel model;
    sim::SimulatedPlate plate(walk(8.0));
    std::size_t fed = 0;
    while (auto frame = plate.next()) {
        if (fed++ % 10 == 5) continue;  // every tenth frame skipped by the stream
        model.add(plate.geometry(), std::move(*frame));
    }
    CHECK(model.snapshot().frames_skipped == fed / 10);
    const std::size_t steps = model.steps_completed();
    CHECK(steps >= 4);  // steps are still found with a frame missing here and there
    sim::SimulatedPlate again(walk(2.0));
    while (auto frame = again.next()) model.add(again.geometry(), std::move(*frame));
    CHECK(model.steps_completed() >= steps);
    CHECK(model.analysis().steps.size() >= std::min<std::size_t>(steps, LiveModelConfig{}.steps_drawn));
}

TEST_CASE("standing feet are longer on the plate than the live window: no step, and the snapshot says why") {
    LiveModel model;
    sim::SimulationConfig standing = walk(5.0);
    standing.scenario = sim::Scenario::StaticStance;
    standing.geometry = PlateGeometry::clinical_plate();
    feed(model, standing);
    const LiveSnapshot snapshot = model.snapshot();
    CHECK(snapshot.steps_completed == 0);
    CHECK(snapshot.contact_longer_than_window);

    LiveModel walking;
    feed(walking, walk(8.0));
    CHECK(!walking.snapshot().contact_longer_than_window);
}
