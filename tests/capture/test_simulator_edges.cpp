// Feet that graze or cross the plate's side edge (SimulationConfig::line_offset_mm) and
// sensor lines stuck at one reading (SensorRealism::stuck_lines): the ground truth must say
// what the frames show, so that an analysis can be tested against it.
#include <doctest/doctest.h>

#include <algorithm>
#include <cmath>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "plantar/capture/errors.hpp"
#include "plantar/capture/sim/simulated_plate.hpp"
#include "sim_test_support.hpp"

using namespace plantar;
using namespace plantar::sim;
using namespace sim_test;

namespace {

// The frames of one contact and the impulse (N s) the plate measured over them.
struct Measured {
    std::vector<float> image;  // maximum over the contact's frames
    double impulse_ns = 0.0;
};

Measured measure(const std::vector<Frame>& frames, const PlateGeometry& plate, const SimulatedStep& step,
                 double rate_hz) {
    std::vector<Frame> own;
    Measured measured;
    for (const auto& frame : frames)
        if (active(step, frame.device_time_us)) {
            own.push_back(frame);
            measured.impulse_ns += total_force_n(plate, frame) / rate_hz;
        }
    measured.image = max_pressure_image(own);
    return measured;
}

// Loaded sensors in the outermost column on the side of the plate nearest the step's heel.
bool outer_column_loaded(const PlateGeometry& plate, const std::vector<float>& image, const SimulatedStep& step) {
    const int col = step.heel_x_mm < plate.width_mm() / 2.0 ? 0 : plate.cols - 1;
    for (int r = 0; r < plate.rows; ++r)
        if (image[plate.index(r, col)] > 0.0f) return true;
    return false;
}

}  // namespace

TEST_CASE("a step moved across the plate: the truth's cut flag and off-plate shares match what the frames show") {
    // The single step's foot moved toward the -x edge, from wholly on the plate to half off.
    SimulationConfig config;
    config.scenario = Scenario::SingleStep;
    config.duration_s = 1.0;
    config.rate_hz = 200.0;
    config.sensors = SensorRealism::ideal();
    SimulatedPlate centred(config);
    const auto centred_frames = all_frames(centred);
    const double whole_impulse =
        measure(centred_frames, centred.geometry(), centred.truth().steps.at(0), config.rate_hz).impulse_ns;
    REQUIRE_FALSE(centred.truth().steps.at(0).cut_by_plate_edge);

    double previous_off = -1.0;
    bool saw_graze = false, saw_cross = false, saw_clear = false;
    for (double offset = 0.0; offset >= -245.0; offset -= 5.0) {
        CAPTURE(offset);
        config.line_offset_mm = offset;
        SimulatedPlate plate(config);
        const auto& geometry = plate.geometry();
        REQUIRE(plate.truth().steps.size() == 1);
        const auto& step = plate.truth().steps[0];
        CHECK(step.heel_x_mm == doctest::Approx(centred.truth().steps[0].heel_x_mm + offset));
        const auto measured = measure(all_frames(plate), geometry, step, config.rate_hz);
        // Cut exactly when some of the print lies beyond the plate.
        CHECK(step.cut_by_plate_edge == (step.off_plate_area_fraction > 0.0));
        CHECK((step.off_plate_load_fraction > 0.0) == step.cut_by_plate_edge);
        // The foot's print reaches the outermost column exactly when that column reads a load.
        CHECK(outer_column_loaded(geometry, measured.image, step) == (step.edge_load_fraction > 0.0));
        if (step.cut_by_plate_edge) CHECK(outer_column_loaded(geometry, measured.image, step));
        // What the plate misses is what the truth says is off the plate.
        CHECK(measured.impulse_ns / whole_impulse ==
              doctest::Approx(1.0 - step.off_plate_load_fraction).epsilon(0.005).scale(1.0));
        // Moving further out never puts more of the foot back on the plate.
        CHECK(step.off_plate_area_fraction >= previous_off);
        previous_off = step.off_plate_area_fraction;
        if (!step.cut_by_plate_edge && step.edge_load_fraction == 0.0) saw_clear = true;
        if (step.cut_by_plate_edge && step.off_plate_load_fraction < 0.01) saw_graze = true;
        if (step.off_plate_load_fraction > 0.2) saw_cross = true;
    }
    CHECK(saw_clear);
    CHECK(saw_graze);
    CHECK(saw_cross);
}

TEST_CASE("walking and standing off the centre line: the feet on the near side are cut, the far side's are not") {
    for (std::uint64_t seed = 1; seed <= 10; ++seed) {
        CAPTURE(seed);
        SimulationConfig config;
        config.scenario = Scenario::Walk;
        config.duration_s = 8.0;
        config.seed = seed;
        // The line 170 mm toward +x: right feet land 220 mm from the centre, their outer
        // border beyond the plate's last column (245 mm); left feet lie wholly on the plate.
        config.line_offset_mm = 170.0;
        SimulatedPlate plate(config);
        const auto& geometry = plate.geometry();
        int right_cut = 0, left_seen = 0;
        for (const auto& step : plate.truth().steps) {
            const bool whole_along = step.heel_y_mm > 60.0 && step.heel_y_mm < geometry.length_mm() - 230.0;
            if (!whole_along) continue;  // entering or leaving the plate toward -y or +y
            if (step.side == Side::Right) {
                CHECK(step.cut_by_plate_edge);
                CHECK(step.off_plate_load_fraction > 0.02);
                ++right_cut;
            } else {
                CHECK_FALSE(step.cut_by_plate_edge);
                ++left_seen;
            }
        }
        CHECK(right_cut + left_seen >= 2);

        config.scenario = Scenario::StaticStance;
        config.duration_s = 0.5;
        config.line_offset_mm = -200.0;
        SimulatedPlate standing(config);
        const auto& feet = standing.truth().steps;
        REQUIRE(feet.size() == 2);
        CHECK(feet[0].side == Side::Left);
        CHECK(feet[0].cut_by_plate_edge);  // the left foot's middle at 280 mm left of the centre: half off
        CHECK(feet[0].off_plate_area_fraction > 0.3);
        CHECK_FALSE(feet[1].cut_by_plate_edge);
        const auto truth = nlohmann::json::parse(standing.truth().to_json());
        CHECK(truth["config"]["line_offset_mm"] == -200.0);
        CHECK(truth["steps"][0]["off_plate_load_fraction"].get<double>() == feet[0].off_plate_load_fraction);
        CHECK(truth["steps"][0]["edge_load_fraction"].get<double>() == feet[0].edge_load_fraction);
        CHECK(truth["steps"][0]["off_plate_area_fraction"].get<double>() == feet[0].off_plate_area_fraction);
    }
}

namespace {

SimulationConfig flawed_walk(std::vector<StuckLine> lines) {
    SimulationConfig config;
    config.scenario = Scenario::Walk;
    config.duration_s = 4.0;
    config.seed = 5;
    config.sensors.stuck_lines = std::move(lines);
    return config;
}

bool on_line(const StuckLine& line, int row, int col) { return line.column ? col == line.index : row == line.index; }

bool in_stuck_range(const StuckLine& line, int row, int col, const PlateGeometry& plate) {
    if (!on_line(line, row, col)) return false;
    const int along = line.column ? row : col;
    const int last = line.last < 0 ? (line.column ? plate.rows : plate.cols) - 1 : line.last;
    return along >= line.first && along <= last;
}

}  // namespace

TEST_CASE("a stuck line reads its value exactly where and when configured, and every other sensor is untouched") {
    // A column that lights when pressed (as a cracked insole trace does) over part of its
    // length, and a shorted row that always reads.
    const StuckLine column{true, 26, 10, 40, 55.0, true};
    const StuckLine row{false, 3, 20, -1, 30.0, false};
    SimulatedPlate clean(flawed_walk({}));
    SimulatedPlate flawed(flawed_walk({column, row}));
    const auto& plate = clean.geometry();
    int lit_frames = 0, dark_frames = 0;
    while (auto reference = clean.next()) {
        const auto frame = flawed.next();
        REQUIRE(frame);
        bool column_loaded = false;
        for (int r = 0; r < plate.rows; ++r)
            column_loaded = column_loaded || reference->at(plate, r, column.index) > 0.0f;
        (column_loaded ? lit_frames : dark_frames)++;
        for (int r = 0; r < plate.rows; ++r)
            for (int c = 0; c < plate.cols; ++c) {
                const float got = frame->at(plate, r, c);
                if (in_stuck_range(row, r, c, plate))
                    REQUIRE(got == 30.0f);
                else if (in_stuck_range(column, r, c, plate) && column_loaded)
                    REQUIRE(got == 55.0f);
                else
                    REQUIRE(got == reference->at(plate, r, c));
            }
    }
    CHECK(lit_frames > 20);   // the walk presses column 26 in some frames ...
    CHECK(dark_frames > 20);  // ... and not in others, when the column reads nothing

    const auto truth = nlohmann::json::parse(flawed.truth().to_json());
    const auto& lines = truth["config"]["sensors"]["stuck_lines"];
    REQUIRE(lines.size() == 2);
    CHECK(lines[0]["line"] == "column");
    CHECK(lines[0]["index"] == 26);
    CHECK(lines[0]["first"] == 10);
    CHECK(lines[0]["last"] == 40);
    CHECK(lines[0]["kpa"] == 55.0);
    CHECK(lines[0]["only_when_loaded"] == true);
    CHECK(lines[1]["line"] == "row");
    CHECK(lines[1]["last"] == plate.cols - 1);  // -1 (to the end) resolved
    CHECK(lines[1]["only_when_loaded"] == false);
    CHECK(flawed.description().details.find("stuck column 26") != std::string::npos);
    CHECK(SensorRealism::ideal().stuck_lines.empty());
    CHECK(SensorRealism{}.stuck_lines.empty());
}

TEST_CASE("with line offset and stuck lines the same seed still gives identical frames") {
    auto config = flawed_walk({StuckLine{true, 12, 0, -1, 40.0, true}, StuckLine{false, 50, 5, 9, 80.0, false}});
    config.line_offset_mm = -120.0;
    SimulatedPlate first(config), second(config);
    while (auto a = first.next()) {
        auto b = second.next();
        REQUIRE(b);
        REQUIRE(a->pressure_kpa == b->pressure_kpa);
    }
    CHECK_FALSE(second.next());
    CHECK(first.truth().to_json() == second.truth().to_json());
}

TEST_CASE("nonsense line offsets and stuck lines are refused with a message that names the problem") {
    auto refused = [](const SimulationConfig& config, const std::string& words) {
        CAPTURE(words);
        CHECK(config.validation_error().find(words) != std::string::npos);
        CHECK_THROWS_AS(SimulatedPlate{config}, InvalidArgument);
    };
    SimulationConfig config;
    config.line_offset_mm = 300.0;  // the clinical plate is 491 mm wide: at most 245.7 mm either way
    refused(config, "line offset");
    config.line_offset_mm = -300.0;
    refused(config, "line offset");
    config.line_offset_mm = -240.0;
    CHECK(config.validation_error().empty());

    auto with_line = [](StuckLine line) {
        SimulationConfig flawed;
        flawed.sensors.stuck_lines = {line};
        return flawed;
    };
    refused(with_line({true, 64, 0, -1, 40.0, true}), "stuck column 64 is off the plate");
    refused(with_line({false, -1, 0, -1, 40.0, true}), "stuck row -1 is off the plate");
    refused(with_line({true, 3, 70, -1, 40.0, true}), "first sensor 70");
    refused(with_line({true, 3, 20, 10, 40.0, true}), "last sensor 10");
    refused(with_line({true, 3, 0, 64, 40.0, true}), "last sensor 64");
    refused(with_line({true, 3, 0, -1, 0.0, true}), "must read more than 0");
    refused(with_line({true, 3, 0, -1, 5000.0, true}), "at most full scale");
    CHECK(with_line({true, 63, 0, 63, 1200.0, false}).validation_error().empty());

    // A walk whose stance outlasts the gait cycle would strike a foot before it left.
    SimulationConfig child;
    child.foot = FootParameters{}.scaled_to_length(120.0);
    CHECK(child.validation_error().find("gait cycle") != std::string::npos);
    child.walking_speed_m_s = 0.8;
    CHECK(child.validation_error().empty());
}
