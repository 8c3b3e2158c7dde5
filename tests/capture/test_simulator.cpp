// The simulated plate: a clinician must recognise its prints, and the analysis must be able to
// trust its ground truth. These tests check what a user of either would check.
#include <doctest/doctest.h>

#include <algorithm>
#include <cmath>
#include <nlohmann/json.hpp>
#include <numbers>
#include <vector>

#include "plantar/capture/errors.hpp"
#include "plantar/capture/sim/simulated_plate.hpp"
#include "sim_test_support.hpp"

using namespace plantar;
using namespace plantar::sim;
using namespace sim_test;

namespace {

struct Point {
    double x = 0.0, y = 0.0;
};

// Pressure-weighted centroid of the sensors for which `use(row, col)` is true.
template <typename Use>
Point centre_of_pressure(const PlateGeometry& plate, const Frame& frame, Use use) {
    double sum = 0.0, sum_x = 0.0, sum_y = 0.0;
    for (int r = 0; r < plate.rows; ++r)
        for (int c = 0; c < plate.cols; ++c) {
            if (!use(r, c)) continue;
            const double p = frame.at(plate, r, c);
            sum += p, sum_x += p * plate.x_mm(c), sum_y += p * plate.y_mm(r);
        }
    return sum > 0.0 ? Point{sum_x / sum, sum_y / sum} : Point{-1e9, -1e9};
}

Point centre_of_pressure(const PlateGeometry& plate, const Frame& frame) {
    return centre_of_pressure(plate, frame, [](int, int) { return true; });
}

FootPoint in_foot(const SimulatedStep& step, Point p) { return sim_test::in_foot(step, p.x, p.y); }

bool sensor_under_step(const PlateGeometry& plate, const SimulatedStep& step, double foot_length, int r, int c) {
    const auto p = in_foot(step, {plate.x_mm(c), plate.y_mm(r)});
    return p.along > -70.0 && p.along < foot_length && std::abs(p.across) < 80.0;
}

bool sensor_in_contact(const PlateGeometry& plate, const std::vector<float>& image, Point p) {
    const int col = static_cast<int>(std::lround(p.x / plate.pitch_x_mm));
    const int row = static_cast<int>(std::lround(p.y / plate.pitch_y_mm));
    if (row < 0 || row >= plate.rows || col < 0 || col >= plate.cols) return false;
    return image[plate.index(row, col)] > 0.0f;
}

// At the plate's resolution: the sensor under the point or one of its four neighbours. A
// standing foot's COP runs near the foot axis, which for a normal arch is the medial edge of
// the midfoot contact, so the sensor right under it may be a partly covered edge sensor.
bool within_print(const PlateGeometry& plate, const std::vector<float>& image, Point p) {
    for (auto [dx, dy] : {std::pair{0.0, 0.0}, {1.0, 0.0}, {-1.0, 0.0}, {0.0, 1.0}, {0.0, -1.0}})
        if (sensor_in_contact(plate, image, {p.x + dx * plate.pitch_x_mm, p.y + dy * plate.pitch_y_mm})) return true;
    return false;
}

SimulationConfig walk_config(PlateGeometry geometry, double duration_s) {
    SimulationConfig config;
    config.scenario = Scenario::Walk;
    config.geometry = geometry;
    config.duration_s = duration_s;
    return config;
}

}  // namespace

TEST_CASE("in static stance the plate carries the body weight on every frame, with real and with ideal sensors") {
    // A real plate's noise threshold drops lightly loaded edge sensors, so a light subject's
    // measured force falls short (about 94 % of body weight at 45 kg, 98 % at 70 kg; see
    // docs/simulator.md); the 5 % bound is for adults, while ideal sensors must be exact for all.
    for (double mass : {30.0, 45.0, 60.0, 80.0, 120.0}) {
        for (bool ideal : {false, true}) {
            if (!ideal && mass < 60.0) continue;
            CAPTURE(mass);
            CAPTURE(ideal);
            SimulationConfig config;
            config.scenario = Scenario::StaticStance;
            config.body_mass_kg = mass;
            config.duration_s = 3.0;
            config.seed = 11;
            if (ideal) config.sensors = SensorRealism::ideal();
            SimulatedPlate plate(config);
            const double weight = mass * g;
            for (const auto& frame : all_frames(plate)) {
                const double force = total_force_n(plate.geometry(), frame);
                REQUIRE(force == doctest::Approx(weight).epsilon(0.05));
                CHECK(plate.model_force_n(frame.device_time_us) == doctest::Approx(weight).epsilon(1e-6));
                if (ideal) REQUIRE(force == doctest::Approx(weight).epsilon(0.005));
            }
        }
    }
}

TEST_CASE("in static stance each foot's centre of pressure lies inside that foot's print and sways a few mm") {
    SimulationConfig config;
    config.scenario = Scenario::StaticStance;
    config.duration_s = 20.0;
    config.rate_hz = 50.0;
    SimulatedPlate plate(config);
    const auto& geometry = plate.geometry();
    const auto frames = all_frames(plate);
    const auto image = max_pressure_image(frames);
    const double middle_x = geometry.x_mm(geometry.cols - 1) / 2.0;
    double min_y = 1e9, max_y = -1e9;
    for (const auto& frame : frames) {
        for (bool left : {true, false}) {
            const auto cop =
                centre_of_pressure(geometry, frame, [&](int, int c) { return (geometry.x_mm(c) < middle_x) == left; });
            CAPTURE(frame.device_time_us);
            CAPTURE(left);
            CAPTURE(in_foot(plate.truth().steps.at(left ? 0 : 1), cop).along);
            CAPTURE(in_foot(plate.truth().steps.at(left ? 0 : 1), cop).across);
            REQUIRE(within_print(geometry, image, cop));
        }
        const auto both = centre_of_pressure(geometry, frame);
        min_y = std::min(min_y, both.y), max_y = std::max(max_y, both.y);
    }
    CHECK(max_y - min_y > 1.0);   // it sways...
    CHECK(max_y - min_y < 25.0);  // ...by a few mm, not across the foot
    // Heel ~55-60 % of the load: the COP sits behind the middle of the foot.
    const auto& left = plate.truth().steps.at(0);
    const auto along = in_foot(left, centre_of_pressure(geometry, frames.front(),
                                                        [&](int, int c) { return geometry.x_mm(c) < middle_x; }))
                           .along;
    CHECK(along < 0.45 * config.foot.length_mm - 0.135 * config.foot.length_mm);
}

TEST_CASE("when walking, the centre of pressure lies inside the stance foot's print whenever one foot is down") {
    for (auto type : {FootType::Normal, FootType::Flat}) {
        CAPTURE(to_string(type));
        auto config = walk_config(PlateGeometry::walkway(), 12.0);
        config.foot = FootParameters::of_type(type);
        SimulatedPlate plate(config);
        const auto& geometry = plate.geometry();
        const auto frames = all_frames(plate);
        const auto& steps = plate.truth().steps;
        int checked = 0;
        for (const auto& step : steps) {
            if (step.cut_by_plate_edge || step.cut_by_recording) continue;
            std::vector<Frame> own;
            for (const auto& frame : frames)
                if (active(step, frame.device_time_us)) own.push_back(frame);
            // The step's print: its own sensors' maximum over its stance.
            auto image = max_pressure_image(own);
            for (int r = 0; r < geometry.rows; ++r)
                for (int c = 0; c < geometry.cols; ++c)
                    if (!sensor_under_step(geometry, step, config.foot.length_mm, r, c))
                        image[geometry.index(r, c)] = 0;
            for (const auto& frame : own) {
                const auto down = std::count_if(steps.begin(), steps.end(),
                                                [&](const auto& s) { return active(s, frame.device_time_us); });
                if (down != 1 || total_force_n(geometry, frame) < 0.1 * config.body_mass_kg * g) continue;
                const auto cop = centre_of_pressure(geometry, frame);
                CAPTURE(in_foot(step, cop).along);
                CAPTURE(in_foot(step, cop).across);
                CAPTURE(static_cast<double>(frame.device_time_us - step.strike_us) /
                        static_cast<double>(step.off_us - step.strike_us));
                REQUIRE(sensor_in_contact(geometry, image, cop));
                ++checked;
            }
        }
        CHECK(checked > 100);
    }
}

TEST_CASE("the model's arch index rises with the arch parameter and the presets fall in their Cavanagh-Rodgers class") {
    double previous = -1.0;
    for (int i = 0; i <= 20; ++i) {
        FootParameters foot;
        foot.arch = i / 20.0;
        const double index = model_arch_index(foot);
        CHECK(index > previous);
        previous = index;
    }
    const double high = model_arch_index(FootParameters::of_type(FootType::HighArch));
    const double normal = model_arch_index(FootParameters::of_type(FootType::Normal));
    const double flat = model_arch_index(FootParameters::of_type(FootType::Flat));
    CHECK(high <= 0.21);
    CHECK(high == doctest::Approx(0.185).epsilon(0.03));
    CHECK(normal > 0.21);
    CHECK(normal < 0.26);
    CHECK(normal == doctest::Approx(0.235).epsilon(0.03));
    CHECK(flat >= 0.26);
    CHECK(flat == doctest::Approx(0.295).epsilon(0.03));
}

TEST_CASE("a wider midfoot band gives a larger midfoot contact area on the plate") {
    int previous = -1;
    for (double arch : {0.1, 0.3, 0.5, 0.7, 0.9}) {
        CAPTURE(arch);
        SimulationConfig config;
        config.scenario = Scenario::SingleStep;
        config.duration_s = 1.0;
        config.foot.arch = arch;
        config.sensors = SensorRealism::ideal();
        SimulatedPlate plate(config);
        const auto& geometry = plate.geometry();
        const auto image = max_pressure_image(all_frames(plate));
        const auto& step = plate.truth().steps.at(0);
        // The middle of the foot between heel and forefoot: 15 % to 42 % of the foot length
        // ahead of the heel centre.
        const double length = config.foot.length_mm;
        int midfoot_sensors = 0;
        for (int r = 0; r < geometry.rows; ++r)
            for (int c = 0; c < geometry.cols; ++c) {
                const auto p = in_foot(step, {geometry.x_mm(c), geometry.y_mm(r)});
                if (p.along > 0.15 * length && p.along < 0.42 * length && image[geometry.index(r, c)] > 5.0f)
                    ++midfoot_sensors;
            }
        CHECK(midfoot_sensors > previous);
        previous = midfoot_sensors;
    }
}

TEST_CASE("the same seed gives identical frames and another seed gives different noise") {
    auto config = walk_config(PlateGeometry::clinical_plate(), 3.0);
    config.seed = 7;
    SimulatedPlate first(config), second(config);
    config.seed = 8;
    SimulatedPlate other(config);
    bool any_difference = false;
    while (auto a = first.next()) {
        auto b = second.next();
        auto c = other.next();
        REQUIRE(b);
        REQUIRE(c);
        REQUIRE(a->sequence == b->sequence);
        REQUIRE(a->device_time_us == b->device_time_us);
        REQUIRE(a->pressure_kpa == b->pressure_kpa);
        if (a->pressure_kpa != c->pressure_kpa) any_difference = true;
    }
    CHECK(any_difference);
    CHECK(first.truth().to_json() == second.truth().to_json());
}

TEST_CASE("a walking step's force rises from zero to two peaks of about body weight with a valley between") {
    auto config = walk_config(PlateGeometry::walkway(), 10.0);
    config.rate_hz = 200.0;
    SimulatedPlate plate(config);
    const auto& geometry = plate.geometry();
    const auto frames = all_frames(plate);
    const double weight = config.body_mass_kg * g;
    int complete = 0;
    for (const auto& step : plate.truth().steps) {
        if (step.cut_by_plate_edge || step.cut_by_recording) continue;
        ++complete;
        // This step's force alone: only its own sensors (the other foot may be down too).
        std::vector<double> force;
        for (const auto& frame : frames) {
            if (frame.device_time_us < step.strike_us - 20000 || frame.device_time_us > step.off_us + 20000) continue;
            double sum = 0.0;
            for (int r = 0; r < geometry.rows; ++r)
                for (int c = 0; c < geometry.cols; ++c)
                    if (sensor_under_step(geometry, step, config.foot.length_mm, r, c))
                        sum += static_cast<double>(frame.at(geometry, r, c));
            force.push_back(sum * geometry.sensor_area_mm2 * 1e-3);
        }
        // Contact time: frames with force, within one frame of the configured stance time.
        const auto loaded = std::count_if(force.begin(), force.end(), [&](double f) { return f > 0.02 * weight; });
        CHECK(static_cast<double>(loaded) / config.rate_hz ==
              doctest::Approx(config.stance_time_s).epsilon(1.0 / config.rate_hz / config.stance_time_s));
        // Lightly smoothed (5 frames), then the prominent maxima: the largest value within
        // +-10 % of the stance time and above half body weight.
        std::vector<double> smooth(force.size(), 0.0);
        for (std::size_t i = 2; i + 2 < force.size(); ++i)
            smooth[i] = (force[i - 2] + force[i - 1] + force[i] + force[i + 1] + force[i + 2]) / 5.0;
        const auto window = static_cast<std::size_t>(0.1 * config.stance_time_s * config.rate_hz);
        std::vector<std::size_t> peaks;
        for (std::size_t i = window; i + window < smooth.size(); ++i) {
            const auto begin = smooth.begin() + static_cast<std::ptrdiff_t>(i - window);
            const auto end = smooth.begin() + static_cast<std::ptrdiff_t>(i + window + 1);
            if (smooth[i] > 0.5 * weight && smooth[i] == *std::max_element(begin, end)) peaks.push_back(i);
        }
        REQUIRE(peaks.size() == 2);
        const double valley = *std::min_element(smooth.begin() + static_cast<std::ptrdiff_t>(peaks[0]),
                                                smooth.begin() + static_cast<std::ptrdiff_t>(peaks[1]));
        for (auto peak : peaks) {
            CHECK(smooth[peak] / weight > 1.05);
            CHECK(smooth[peak] / weight < 1.3);
            CHECK(valley < smooth[peak] - 0.15 * weight);
        }
        CHECK(valley / weight == doctest::Approx(0.75).epsilon(0.1));
        CHECK(step.peak_force_n / weight == doctest::Approx(1.17).epsilon(0.06));
    }
    CHECK(complete >= 3);
}

TEST_CASE("walking steps alternate sides and a minute's walk gives complete left and right steps on both plates") {
    for (const auto& geometry : {PlateGeometry::clinical_plate(), PlateGeometry::walkway()}) {
        CAPTURE(geometry.rows);
        const auto config = walk_config(geometry, 60.0);
        SimulatedPlate plate(config);  // no frames needed: the truth is planned up front
        const auto& steps = plate.truth().steps;
        int left = 0, right = 0;
        for (std::size_t i = 0; i < steps.size(); ++i) {
            if (!steps[i].cut_by_plate_edge && !steps[i].cut_by_recording)
                (steps[i].side == Side::Left ? left : right)++;
            // Consecutive strikes of one pass (less than a second apart) are of opposite feet.
            if (i > 0 && steps[i].strike_us - steps[i - 1].strike_us < 1'000'000)
                CHECK(steps[i].side != steps[i - 1].side);
            if (i > 0) CHECK(steps[i].strike_us > steps[i - 1].strike_us);
        }
        CHECK(left >= 4);
        CHECK(right >= 4);
    }
}

TEST_CASE("pronation moves the centre-of-pressure path medially in the second half of stance") {
    std::vector<double> offsets;
    for (double pronation : {-1.0, 0.0, 1.0}) {
        SimulationConfig config;
        config.scenario = Scenario::SingleStep;
        config.duration_s = 1.0;
        config.rate_hz = 200.0;
        config.foot.pronation = pronation;
        SimulatedPlate plate(config);
        const auto& step = plate.truth().steps.at(0);
        const auto half_stance = (step.off_us - step.strike_us) / 2;
        double sum = 0.0;
        int count = 0;
        for (const auto& frame : all_frames(plate)) {
            if (frame.device_time_us < step.strike_us + half_stance || frame.device_time_us >= step.off_us) continue;
            if (total_force_n(plate.geometry(), frame) <= 0.0) continue;
            sum += in_foot(step, centre_of_pressure(plate.geometry(), frame)).across;
            ++count;
        }
        REQUIRE(count > 0);
        offsets.push_back(sum / count);
    }
    CHECK(offsets[0] < offsets[1]);
    CHECK(offsets[1] < offsets[2]);
    CHECK(offsets[2] - offsets[0] > 5.0);  // mm: a visible shift, not a rounding effect
}

TEST_CASE("a walking step leaves the plate under the hallux, medial of the foot axis, whatever the pronation") {
    for (double pronation : {-1.0, 0.0, 1.0}) {
        CAPTURE(pronation);
        auto config = walk_config(PlateGeometry::clinical_plate(), 14.0);
        config.foot.pronation = pronation;
        SimulatedPlate plate(config);
        const auto& geometry = plate.geometry();
        const auto frames = all_frames(plate);
        const double length = config.foot.length_mm;
        const double heel_centre = 0.135 * length;  // the heel centre's distance from the back of the heel
        int checked = 0;
        for (const auto& step : plate.truth().steps) {
            if (step.cut_by_plate_edge || step.cut_by_recording) continue;
            CAPTURE(to_string(step.side));
            // The last frames of push-off that still carry a fifth of body weight (lighter ones
            // hold only what clears the plate's threshold).
            const Frame* last = nullptr;
            for (const auto& frame : frames) {
                if (!active(step, frame.device_time_us)) continue;
                const double fraction = static_cast<double>(frame.device_time_us - step.strike_us) /
                                        static_cast<double>(step.off_us - step.strike_us);
                if (fraction >= 0.85 && total_force_n(geometry, frame) >= 0.2 * config.body_mass_kg * g) last = &frame;
            }
            REQUIRE(last != nullptr);
            const auto cop = in_foot(step, centre_of_pressure(geometry, *last, [&](int r, int c) {
                                         return sensor_under_step(geometry, step, length, r, c);
                                     }));
            CAPTURE(cop.along);
            CAPTURE(cop.across);
            // In front of the metatarsal heads (~72 % of the length), under the hallux (the
            // model's hallux: 85-100 % of the length, 15-41 mm medial of the axis).
            CHECK(cop.along + heel_centre > 0.82 * length);
            CHECK(cop.along + heel_centre < length);
            CHECK(cop.across > 12.0);
            CHECK(cop.across < 41.0);
            ++checked;
        }
        CHECK(checked >= 2);
    }
}

TEST_CASE("dead sensors always read zero, readings saturate at full scale, and values below the threshold are zero") {
    SimulationConfig config;
    config.scenario = Scenario::StaticStance;
    config.duration_s = 1.0;
    config.body_mass_kg = 150.0;
    config.sensors.full_scale_kpa = 150.0;  // low enough that the heels saturate
    SimulatedPlate reference(config);
    config.sensors.dead_sensor_fraction = 0.1;
    SimulatedPlate with_dead(config);
    const auto reference_frames = all_frames(reference);
    const auto frames = all_frames(with_dead);
    const std::size_t sensors = frames.front().pressure_kpa.size();
    std::vector<bool> ever_zeroed(sensors, false), ever_read(sensors, false);
    float highest = 0.0f;
    for (std::size_t f = 0; f < frames.size(); ++f)
        for (std::size_t i = 0; i < sensors; ++i) {
            const float value = frames[f].pressure_kpa[i];
            const float expected = reference_frames[f].pressure_kpa[i];
            // Dead sensors are the only difference: the same noise falls on every other sensor.
            REQUIRE((value == expected || value == 0.0f));
            if (value == 0.0f && expected != 0.0f) ever_zeroed[i] = true;
            if (value != 0.0f) ever_read[i] = true;
            highest = std::max(highest, value);
            REQUIRE((value == 0.0f || static_cast<double>(value) >= config.sensors.noise_threshold_kpa));
        }
    int dead_under_feet = 0;
    for (std::size_t i = 0; i < sensors; ++i)
        if (ever_zeroed[i]) {
            CHECK_FALSE(ever_read[i]);  // a dead sensor never reads anything
            ++dead_under_feet;
        }
    CHECK(dead_under_feet > 10);
    CHECK(highest == doctest::Approx(config.sensors.full_scale_kpa));
}

TEST_CASE("impossible settings are refused with a message that names the problem") {
    auto refused = [](SimulationConfig config, const std::string& word) {
        CAPTURE(word);
        CHECK(config.validation_error().find(word) != std::string::npos);
        try {
            SimulatedPlate plate(config);
            FAIL("accepted a configuration that should be refused");
        } catch (const InvalidArgument& error) {
            CHECK(std::string(error.what()).find(word) != std::string::npos);
        }
    };
    SimulationConfig config;
    config.rate_hz = 10.0;
    refused(config, "rate");
    config.rate_hz = 5000.0;
    refused(config, "rate");
    config = {};
    config.duration_s = -1.0;
    refused(config, "duration");
    config = {};
    config.geometry.rows = 0;
    refused(config, "row");
    config = {};
    config.body_mass_kg = 5.0;
    refused(config, "mass");
    config = {};
    config.foot.arch = 1.5;
    refused(config, "arch");
    CHECK(SimulationConfig{}.validation_error().empty());
}

TEST_CASE("a long walkway and an odd small plate both work, the small one cutting feet at its edge") {
    {
        auto config = walk_config(PlateGeometry::walkway(), 6.0);
        config.sensors = SensorRealism::ideal();
        SimulatedPlate plate(config);
        double most = 0.0;
        while (auto frame = plate.next()) {
            REQUIRE(frame->pressure_kpa.size() == 256u * 64u);
            const double force = total_force_n(plate.geometry(), *frame);
            CHECK(force == doctest::Approx(plate.model_force_n(frame->device_time_us)).epsilon(0.01).scale(5.0));
            most = std::max(most, force);
        }
        CHECK(most > config.body_mass_kg * g);
    }
    for (auto scenario : {Scenario::StaticStance, Scenario::Walk}) {
        SimulationConfig config;
        config.scenario = scenario;
        config.geometry = PlateGeometry{40, 30, 5.0, 5.0, 25.0};
        config.duration_s = 8.0;
        config.sensors = SensorRealism::ideal();
        SimulatedPlate plate(config);
        REQUIRE_FALSE(plate.truth().steps.empty());
        bool any_cut = false;
        for (const auto& step : plate.truth().steps) any_cut = any_cut || step.cut_by_plate_edge;
        CHECK(any_cut);  // 150 mm across: no room for two feet side by side
        double most = 0.0;
        while (auto frame = plate.next()) {
            const double force = total_force_n(plate.geometry(), *frame);
            CHECK(force == doctest::Approx(plate.model_force_n(frame->device_time_us)).epsilon(0.01).scale(5.0));
            most = std::max(most, force);
        }
        CHECK(most > 0.1 * config.body_mass_kg * g);
    }
}

TEST_CASE("frames come at the configured rate, numbered, with strictly increasing device times") {
    SimulationConfig config;
    config.rate_hz = 333.0;
    config.duration_s = 1.234;
    SimulatedPlate plate(config);
    const auto expected = static_cast<std::uint64_t>(std::llround(config.duration_s * config.rate_hz));
    CHECK(plate.expected_frame_count() == expected);
    CHECK(plate.truth().frame_count == expected);
    const auto frames = all_frames(plate);
    REQUIRE(frames.size() == expected);
    for (std::size_t i = 0; i < frames.size(); ++i) {
        CHECK(frames[i].sequence == i);
        CHECK(frames[i].device_time_us == std::llround(static_cast<double>(i) * 1e6 / config.rate_hz));
        if (i > 0) {
            const auto gap = frames[i].device_time_us - frames[i - 1].device_time_us;
            CHECK((gap == 3003 || gap == 3004));
            CHECK(frames[i].host_time_ns >= frames[i - 1].host_time_ns);
        }
    }
    CHECK_FALSE(plate.next());
}

TEST_CASE("the simulator describes itself and writes its ground truth as documented JSON") {
    SimulationConfig config;
    config.foot = FootParameters::of_type(FootType::Flat);
    SimulatedPlate plate(config);
    const auto description = plate.description();
    CHECK(description.kind == SourceKind::Simulator);
    CHECK(description.name == "simulated plate");
    CHECK(description.details.find("walk") != std::string::npos);
    CHECK(description.details.find('\n') == std::string::npos);
    CHECK(plate.nominal_rate_hz() == 100.0);

    const auto truth = nlohmann::json::parse(plate.truth().to_json());
    CHECK(truth["format"] == "plantar-simulation-truth");
    CHECK(truth["version"] == 1);
    CHECK(truth["config"]["scenario"] == "walk");
    CHECK(truth["config"]["foot"]["arch"].get<double>() == doctest::Approx(config.foot.arch));
    CHECK(truth["model_arch_index"].get<double>() == doctest::Approx(model_arch_index(config.foot)));
    CHECK(truth["frame_count"] == 1000);
    REQUIRE(truth["steps"].size() == plate.truth().steps.size());
    const auto& first = truth["steps"][0];
    CHECK((first["side"] == "left" || first["side"] == "right"));
    CHECK(first.contains("cut_by_plate_edge"));
    CHECK(first["peak_force_n"].get<double>() > 0.0);

    CHECK(scenario_from_string("static") == Scenario::StaticStance);
    CHECK(foot_type_from_string("high-arch") == FootType::HighArch);
    CHECK_FALSE(foot_type_from_string("banana"));
    CHECK(trial_kind_of(Scenario::SingleStep) == TrialKind::Step);
}

TEST_CASE("a toe-walker never loads the heel, walking or standing, and carries the body on forefoot and toes") {
    for (auto scenario : {Scenario::Walk, Scenario::StaticStance}) {
        CAPTURE(to_string(scenario));
        SimulationConfig config;
        config.scenario = scenario;
        config.duration_s = scenario == Scenario::Walk ? 6.0 : 2.0;
        config.foot.toe_walker = true;
        config.sensors = SensorRealism::ideal();  // no noise speckles in the empty heel region
        SimulatedPlate plate(config);
        const auto& geometry = plate.geometry();
        const auto& steps = plate.truth().steps;
        REQUIRE_FALSE(steps.empty());
        const double length = config.foot.length_mm;
        double heel_load = 0.0, forefoot_load = 0.0, most = 0.0;
        for (const auto& frame : all_frames(plate)) {
            for (const auto& step : steps) {
                if (!active(step, frame.device_time_us)) continue;
                for (int r = 0; r < geometry.rows; ++r)
                    for (int c = 0; c < geometry.cols; ++c) {
                        const auto p = in_foot(step, {geometry.x_mm(c), geometry.y_mm(r)});
                        if (std::abs(p.across) > 60.0) continue;
                        const double kpa = frame.at(geometry, r, c);
                        // The back 40 % of the foot (heel and most of the midfoot) stays empty...
                        if (p.along > -0.2 * length && p.along < 0.265 * length) heel_load += kpa;
                        // ...while the forefoot (from 57 % of the length) carries the body.
                        if (p.along > 0.435 * length && p.along < 0.87 * length) forefoot_load += kpa;
                    }
            }
            most = std::max(most, total_force_n(geometry, frame));
        }
        CHECK(heel_load == 0.0);
        CHECK(forefoot_load > 0.0);
        CHECK(most > 0.8 * config.body_mass_kg * g);
        const auto truth = nlohmann::json::parse(plate.truth().to_json());
        CHECK(truth["config"]["foot"]["toe_walker"] == true);
        CHECK(plate.description().details.find("toe-walker") != std::string::npos);
    }
    // The same heel region of an ordinary walker is loaded (the check above can fail).
    SimulationConfig config;
    config.scenario = Scenario::SingleStep;
    config.duration_s = 1.0;
    config.sensors = SensorRealism::ideal();
    SimulatedPlate plate(config);
    const auto& step = plate.truth().steps.at(0);
    double heel_load = 0.0;
    for (const auto& frame : all_frames(plate))
        for (int r = 0; r < plate.geometry().rows; ++r)
            for (int c = 0; c < plate.geometry().cols; ++c) {
                const auto p = in_foot(step, {plate.geometry().x_mm(c), plate.geometry().y_mm(r)});
                if (p.along > -0.2 * config.foot.length_mm && p.along < 0.265 * config.foot.length_mm)
                    heel_load += static_cast<double>(frame.at(plate.geometry(), r, c));
            }
    CHECK(heel_load > 0.0);
}

TEST_CASE("the stance width sets how far apart the standing feet are, down to feet that touch") {
    auto standing = [](double width_mm) {
        SimulationConfig config;
        config.scenario = Scenario::StaticStance;
        config.duration_s = 1.0;
        config.stance_width_mm = width_mm;
        config.sensors = SensorRealism::ideal();  // no noise speckles bridging the feet
        return config;
    };
    for (double width : {90.0, 160.0, 250.0}) {
        CAPTURE(width);
        SimulatedPlate plate(standing(width));
        const auto& steps = plate.truth().steps;
        REQUIRE(steps.size() == 2);
        // Both feet are turned out by the same angle, so their heels are mirror images about
        // the plate's middle and closer together than the middles of the feet.
        const double heel_gap = steps[1].heel_x_mm - steps[0].heel_x_mm;
        CHECK(heel_gap < width);
        CHECK(heel_gap > width - 40.0);
        CHECK(nlohmann::json::parse(plate.truth().to_json())["config"]["stance_width_mm"] == width);
        const auto frames = all_frames(plate);
        const double weight = plate.truth().config.body_mass_kg * g;
        CHECK(total_force_n(plate.geometry(), frames.back()) == doctest::Approx(weight).epsilon(0.05));
        // Apart, the two prints are separate groups of loaded sensors; at 90 mm they touch.
        const auto& geometry = plate.geometry();
        const auto groups = loaded_groups(geometry, max_pressure_image(frames));
        auto group_at = [&](const SimulatedStep& step) { return group_under_heel(geometry, groups, step); };
        REQUIRE(group_at(steps[0]) > 0);
        REQUIRE(group_at(steps[1]) > 0);
        CHECK((group_at(steps[0]) == group_at(steps[1])) == (width < 100.0));
    }
    CHECK(SimulationConfig{}.stance_width_mm == 160.0);
    CHECK(standing(30.0).validation_error().find("stance width") != std::string::npos);
}
