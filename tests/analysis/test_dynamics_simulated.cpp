// Dynamics against the simulator's truth: CPEI of a neutral foot near the reference mean and
// classified by the model's pronation (both feet, seeds 1-10, ideal and noisy sensors), the
// same at any sampling phase of a 31 Hz recording,
// a symmetric stance loads both feet about equally and sways inside a real ellipse, and a walk
// gives the model's cadence and contact times and its toe-out angle.
#include <doctest/doctest.h>

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <cstdio>
#include <map>
#include <vector>

#include "plantar/analysis/balance.hpp"
#include "plantar/analysis/classification.hpp"
#include "plantar/analysis/contacts.hpp"
#include "plantar/analysis/cop.hpp"
#include "plantar/analysis/cpei.hpp"
#include "plantar/analysis/footprint.hpp"
#include "plantar/analysis/gait.hpp"
#include "test_dynamics_support.hpp"

using namespace plantar;
using namespace plantar::analysis;
using namespace dynamics_test;

namespace {

struct SimulatedTrial {
    sim::SimulationTruth truth;
    std::vector<Frame> frames;
    TrialInput input;
    std::vector<Contact> contacts;
    std::vector<Footprint> footprints;
    std::vector<std::size_t> truth_step;  // the truth step of each contact
};

// Runs the simulator and builds one Contact and Footprint per truth step that loads the plate.
SimulatedTrial simulate(const sim::SimulationConfig& config) {
    SimulatedTrial trial;
    sim::SimulatedPlate plate(config);
    trial.truth = plate.truth();
    trial.frames = all_frames(plate);
    trial.input.sensors = SensorMap::make(config.geometry);
    trial.input.kind = sim::trial_kind_of(config.scenario);
    trial.input.rate_hz = config.rate_hz;
    trial.input.frames = trial.frames;
    const double length = config.foot.length_mm;
    for (std::size_t s = 0; s < trial.truth.steps.size(); ++s) {
        Contact contact = contact_from_truth(trial.input, trial.truth.steps[s], length, static_cast<int>(s));
        if (contact.samples.empty()) continue;
        trial.footprints.push_back(footprint_from_truth(trial.input.sensors, contact, trial.truth.steps[s], length));
        trial.contacts.push_back(std::move(contact));
        trial.truth_step.push_back(s);
    }
    return trial;
}

// The simulated walk's frames and the analysis input over them.
struct SimulatedFrames {
    std::vector<Frame> frames;
    TrialInput input;
};

SimulatedFrames walk_frames(double pronation, std::uint64_t seed, bool ideal, double rate_hz = 100.0,
                            double duration_s = 30.0) {
    sim::SimulationConfig config;
    config.scenario = sim::Scenario::Walk;
    config.duration_s = duration_s;
    config.rate_hz = rate_hz;
    config.seed = seed;
    config.foot.pronation = pronation;
    if (ideal) config.sensors = sim::SensorRealism::ideal();
    sim::SimulatedPlate plate(config);
    SimulatedFrames out;
    out.frames = all_frames(plate);
    out.input.sensors = SensorMap::make(config.geometry);
    out.input.kind = TrialKind::Walk;
    out.input.rate_hz = config.rate_hz;
    out.input.frames = out.frames;
    return out;
}

// One complete step's CPEI, through the analysis itself: find_contacts, analyse_footprint (side
// from the print) and compute_cpei.
struct StepCpei {
    Side side = Side::Unknown;
    double strike_s = kNaN;
    double cpei_pct = kNaN;
};

std::vector<StepCpei> step_cpei(const TrialInput& input) {
    std::vector<StepCpei> steps;
    for (const Contact& contact : find_contacts(input).contacts) {
        if (!contact.complete()) continue;
        const Footprint print = analyse_footprint(input.sensors, contact.peak, contact.mask, Side::Unknown);
        const CpeiResult cpei = compute_cpei(input.sensors, contact, print);
        INFO(cpei.why_not);
        REQUIRE(cpei.ok());
        REQUIRE(print.side != Side::Unknown);
        steps.push_back({print.side, contact.strike_s, cpei.cpei_pct});
    }
    return steps;
}

double median(std::vector<double> values) {
    std::sort(values.begin(), values.end());
    const std::size_t n = values.size();
    return n % 2 == 1 ? values[n / 2] : 0.5 * (values[n / 2 - 1] + values[n / 2]);
}

// Each foot's CPEI as the classification takes it (docs/methods.md 9): the median of its
// complete steps in a 30 s walk (index 0 left, 1 right).
struct SideCpei {
    double median[2] = {kNaN, kNaN};
};

SideCpei walk_cpei(double pronation, std::uint64_t seed, bool ideal) {
    const SimulatedFrames walk = walk_frames(pronation, seed, ideal);
    std::vector<double> values[2];
    for (const StepCpei& step : step_cpei(walk.input)) values[step.side == Side::Left ? 0 : 1].push_back(step.cpei_pct);
    SideCpei out;
    for (int s = 0; s < 2; ++s) {
        REQUIRE(values[s].size() >= 3);
        out.median[s] = median(values[s]);
    }
    return out;
}

}  // namespace

TEST_CASE("CPEI of simulated walks, seeds 1-10: monotonic in pronation; -1, 0, +1 classified clear of the borderline") {
    const std::vector<double> pronations{-1.0, -0.5, 0.0, 0.5, 1.0};
    const ClassificationConfig classes;
    const double band = classes.cpei_borderline_z * classes.cpei_reference_sd_pct;
    for (std::uint64_t seed = 1; seed <= 10; ++seed) {
        CAPTURE(seed);
        std::vector<SideCpei> noisy, ideal;
        for (double pronation : pronations) {
            noisy.push_back(walk_cpei(pronation, seed, false));
            if (seed <= 3) ideal.push_back(walk_cpei(pronation, seed, true));
        }
        for (std::size_t k = 0; k < pronations.size(); ++k) {
            std::printf("CPEI seed %2d pronation %+.1f: default sensors left %.1f %% right %.1f %%", static_cast<int>(seed),
                        pronations[k], noisy[k].median[0], noisy[k].median[1]);
            if (k < ideal.size()) std::printf("; ideal sensors left %.1f %% right %.1f %%", ideal[k].median[0], ideal[k].median[1]);
            std::printf("\n");
        }
        for (int s = 0; s < 2; ++s) {
            CAPTURE(s);
            // Monotonic: more pronation, lower CPEI.
            for (std::size_t k = 0; k + 1 < noisy.size(); ++k) CHECK(noisy[k + 1].median[s] < noisy[k].median[s]);
            // -1 supinated, 0 neutral, +1 pronated, none of them in the borderline band.
            const PronationClass supinated = classify_cpei(noisy[0].median[s], classes);
            const PronationClass neutral = classify_cpei(noisy[2].median[s], classes);
            const PronationClass pronated = classify_cpei(noisy[4].median[s], classes);
            CHECK(supinated.pronation == Pronation::Supinated);
            CHECK(neutral.pronation == Pronation::Neutral);
            CHECK(pronated.pronation == Pronation::Pronated);
            CHECK_FALSE(supinated.basis.borderline);
            CHECK_FALSE(neutral.basis.borderline);
            CHECK_FALSE(pronated.basis.borderline);
            // Neutral near the 2,180-feet mean (22.74 %, SD 7.0 %): within half an SD.
            CHECK(std::abs(noisy[2].median[s] - classes.cpei_reference_mean_pct) < 0.5 * classes.cpei_reference_sd_pct);
            // Sensor noise, threshold and crosstalk lighten the toe-off frames that end Song's
            // construction line (docs/methods.md 6.3): they move a neutral foot's CPEI by less than
            // the borderline band, any foot's by less than 2.5 points.
            for (std::size_t k = 0; k < ideal.size(); ++k) {
                CAPTURE(k);
                CHECK(std::abs(noisy[k].median[s] - ideal[k].median[s]) < (pronations[k] == 0.0 ? band : 2.5));
            }
        }
    }
}

TEST_CASE("CPEI at 31 Hz (an insole's rate): the same step gives the same CPEI whatever the sampling phase") {
    // A 500 Hz walk sampled at 31.25 Hz, every 16th frame from each of the 16 possible first
    // frames: each step's CPEI over the 16 phases. The frames then fall at different points of
    // heel strike and toe-off, where the COP moves fastest (docs/methods.md 6.3).
    constexpr std::size_t kEvery = 16;
    for (std::uint64_t seed = 1; seed <= 3; ++seed) {
        CAPTURE(seed);
        const SimulatedFrames walk = walk_frames(0.0, seed, false, 500.0, 16.0);
        std::map<long, std::vector<double>> per_step;  // by strike time, to the nearest 0.2 s
        for (std::size_t phase = 0; phase < kEvery; ++phase) {
            std::vector<Frame> frames;
            for (std::size_t f = phase; f < walk.frames.size(); f += kEvery) frames.push_back(walk.frames[f]);
            TrialInput input = walk.input;
            input.rate_hz = walk.input.rate_hz / kEvery;
            input.frames = frames;
            const double offset_s =
                static_cast<double>(frames.front().device_time_us - walk.frames.front().device_time_us) * 1e-6;
            for (const StepCpei& step : step_cpei(input))
                per_step[std::lround((step.strike_s + offset_s) * 5.0)].push_back(step.cpei_pct);
        }
        double worst = 0.0, sum = 0.0;
        std::size_t steps = 0;
        for (const auto& [strike, values] : per_step) {
            if (values.size() < kEvery) continue;  // only steps complete at every phase
            const auto [lo, hi] = std::minmax_element(values.begin(), values.end());
            worst = std::max(worst, *hi - *lo);
            sum += *hi - *lo;
            ++steps;
        }
        REQUIRE(steps >= 3);
        const double mean = sum / static_cast<double>(steps);
        std::printf("CPEI at 31.25 Hz, seed %d: spread over the 16 sampling phases: worst %.1f, mean %.1f points (%zu steps)\n",
                    static_cast<int>(seed), worst, mean, steps);
        CHECK(worst <= 5.0);
        CHECK(mean <= 3.5);
    }
}

TEST_CASE("a symmetric standing trial loads both feet about equally and sways inside a real ellipse") {
    sim::SimulationConfig config;
    config.scenario = sim::Scenario::StaticStance;
    config.duration_s = 20.0;
    const SimulatedTrial trial = simulate(config);
    REQUIRE(trial.contacts.size() == 2);
    const BalanceResult balance = analyse_balance(trial.input, trial.contacts, trial.footprints);
    std::printf("static 20 s: left %.1f %%, right %.1f %%, rearfoot %.1f %%, forefoot %.1f %%, path %.0f mm, "
                "velocity %.1f mm/s, ellipse %.0f mm^2, mean frequency %.2f Hz\n",
                balance.left_pct, balance.right_pct, balance.rearfoot_pct, balance.forefoot_pct,
                balance.path.path_length_mm, balance.path.mean_velocity_mm_s, balance.ellipse.area_mm2,
                balance.mean_frequency_hz);
    CHECK(balance.left_pct == doctest::Approx(50.0).epsilon(0.04));
    CHECK(balance.left_pct + balance.right_pct == doctest::Approx(100.0));
    CHECK(balance.ellipse.area_mm2 > 0.0);
    CHECK(balance.ellipse.semi_major_mm >= balance.ellipse.semi_minor_mm);
    // The whole-plate COP lies between the heels and the forefeet, midway between the feet.
    const double mid_x = 0.5 * (trial.truth.steps[0].heel_x_mm + trial.truth.steps[1].heel_x_mm);
    CHECK(balance.ellipse.centre.x_mm == doctest::Approx(mid_x).epsilon(0.05));
    CHECK(balance.path.path_length_mm > 0.0);
    CHECK(balance.mean_frequency_hz > 0.0);
    CHECK(balance.mean_load_n == doctest::Approx(70.0 * 9.81).epsilon(0.05));
    // The model puts ~57 % on the heel; the region labels here cut the heel at 27 % of the length.
    CHECK(balance.rearfoot_pct > 45.0);
    CHECK(balance.rearfoot_pct < 70.0);
    CHECK(balance.forefoot_pct + balance.midfoot_pct + balance.rearfoot_pct == doctest::Approx(100.0).epsilon(0.01));

    // An analysis window without frames leaves every value out.
    BalanceConfig empty;
    empty.start_s = 100.0;
    const BalanceResult none = analyse_balance(trial.input, trial.contacts, trial.footprints, empty);
    CHECK(std::isnan(none.left_pct));
    CHECK(std::isnan(none.ellipse.area_mm2));
}

TEST_CASE("standing sway measures do not depend on sensor noise or frame rate once the COP is filtered") {
    auto velocity = [](bool ideal, double rate_hz, double lowpass_hz) {
        sim::SimulationConfig config;
        config.scenario = sim::Scenario::StaticStance;
        config.duration_s = 20.0;
        config.rate_hz = rate_hz;
        if (ideal) config.sensors = sim::SensorRealism::ideal();
        sim::SimulatedPlate plate(config);
        const std::vector<Frame> frames = all_frames(plate);
        TrialInput input;
        input.sensors = SensorMap::make(config.geometry);
        input.kind = TrialKind::Static;
        input.frames = frames;
        BalanceConfig balance;
        balance.lowpass_hz = lowpass_hz;
        return analyse_balance(input, {}, {}, balance).path.mean_velocity_mm_s;
    };
    const double truth_like = velocity(true, 100.0, 5.0);
    const double noisy_100 = velocity(false, 100.0, 5.0), noisy_200 = velocity(false, 200.0, 5.0);
    std::printf("standing COP velocity: ideal sensors %.1f mm/s; noisy %.1f mm/s at 100 Hz, %.1f mm/s at 200 Hz; "
                "unfiltered noisy %.1f mm/s at 100 Hz\n",
                truth_like, noisy_100, noisy_200, velocity(false, 100.0, 0.0));
    CHECK(noisy_100 == doctest::Approx(truth_like).epsilon(0.25));
    CHECK(noisy_200 == doctest::Approx(truth_like).epsilon(0.25));
    // Without the filter the noise dominates: the "velocity" doubles with the frame rate.
    CHECK(velocity(false, 200.0, 0.0) > 1.7 * velocity(false, 100.0, 0.0));
}

TEST_CASE("a simulated walk on the walkway gives the model's cadence, contact times and toe-out") {
    sim::SimulationConfig config;
    config.scenario = sim::Scenario::Walk;
    config.geometry = PlateGeometry::walkway();
    config.duration_s = 30.0;
    const SimulatedTrial trial = simulate(config);
    const TrialGait gait = trial_gait(trial.input, trial.contacts, trial.footprints);

    // The truth's step times: successive strikes of one pass (opposite feet, under 1.5 s apart).
    const auto& steps = trial.truth.steps;
    double truth_sum = 0.0;
    int truth_count = 0;
    for (std::size_t s = 0; s + 1 < steps.size(); ++s) {
        const double dt = static_cast<double>(steps[s + 1].strike_us - steps[s].strike_us) * 1e-6;
        if (steps[s].side != steps[s + 1].side && dt <= 1.5) truth_sum += dt, ++truth_count;
    }
    REQUIRE(truth_count > 0);
    const double truth_cadence = 60.0 / (truth_sum / truth_count);
    std::printf("walkway 30 s: %zu contacts, %zu passes, %zu step times, cadence %.1f (truth %.1f) steps/min, "
                "stride %.3f s\n",
                trial.contacts.size(), gait.passes, gait.step_time_count, gait.cadence_steps_per_min, truth_cadence,
                gait.mean_stride_time_s);
    REQUIRE(gait.step_time_count >= 3);
    CHECK(gait.cadence_steps_per_min == doctest::Approx(truth_cadence).epsilon(0.03));
    CHECK(gait.mean_stride_time_s == doctest::Approx(2.0 * 60.0 / truth_cadence).epsilon(0.03));

    for (std::size_t c = 0; c < trial.contacts.size(); ++c) {
        const StepGait& step = gait.steps[c];
        const Contact& contact = trial.contacts[c];
        if (!contact.complete()) continue;
        const auto& truth = steps[trial.truth_step[c]];
        CAPTURE(c);
        CHECK(step.contact_time_s == contact.off_s - contact.strike_s);
        // Strike and off lie half a frame outside the loaded frames: within a frame of the model's.
        const double truth_contact = static_cast<double>(truth.off_us - truth.strike_us) * 1e-6;
        CHECK(std::abs(step.contact_time_s - truth_contact) <= 0.01 + 1e-9);
        // Toe-out: the truth axis against the plate's y axis, out-toeing positive.
        const double truth_fpa = truth.side == sim::Side::Left ? -truth.axis_angle_deg : truth.axis_angle_deg;
        CHECK(std::abs(step.progression_angle_deg - truth_fpa) < 3.0);
        // The whole foot's peak pressure is a real plantar peak, and the regions share its load.
        REQUIRE(!step.regions.empty());
        CHECK(step.regions.front().peak_pressure_kpa > 100.0);
        double shares = 0.0;
        for (const auto& region : step.regions)
            if (!region.whole_foot && region.detail == DetailRegion::None) shares += region.impulse_pct;
        CHECK(shares == doctest::Approx(100.0).epsilon(0.001));
    }
}

TEST_CASE("the COP path's own axis of a simulated step points along the foot, and its length is plausible") {
    sim::SimulationConfig config;
    config.scenario = sim::Scenario::SingleStep;
    config.duration_s = 2.0;
    config.sensors = sim::SensorRealism::ideal();
    const SimulatedTrial trial = simulate(config);
    REQUIRE(!trial.contacts.empty());
    const Contact& contact = trial.contacts.front();
    const auto& truth = trial.truth.steps[trial.truth_step.front()];
    const CopPathAxis axis = cop_path_axis(trial.input.sensors, contact, contact.side);
    const CopPathSummary path = summarize_contact_cop_path(trial.input.sensors, contact);
    REQUIRE(axis.ok());
    REQUIRE(path.ok());
    std::printf("single step: COP axis %.1f deg (truth foot axis %.1f deg), path %.0f mm in %.3f s\n",
                axis.axis.angle_deg, truth.axis_angle_deg, path.path_length_mm, path.duration_s);
    CHECK(std::abs(axis.axis.angle_deg - truth.axis_angle_deg) < 8.0);
    // Heel strike to toe-off runs most of the 260 mm foot.
    CHECK(path.path_length_mm > 150.0);
    CHECK(path.path_length_mm < 400.0);
}

TEST_CASE("a standing trial stored as raw counts keeps its shares and sway but reports no newtons") {
    sim::SimulationConfig config;
    config.scenario = sim::Scenario::StaticStance;
    config.duration_s = 10.0;
    SimulatedTrial trial = simulate(config);
    const BalanceResult in_kpa = analyse_balance(trial.input, trial.contacts, trial.footprints);
    trial.input.sensors.scale = PressureScale::RawCounts;
    const BalanceResult raw = analyse_balance(trial.input, trial.contacts, trial.footprints);
    CHECK(std::isnan(raw.mean_load_n));
    CHECK(std::isfinite(in_kpa.mean_load_n));
    CHECK(raw.left_pct == doctest::Approx(in_kpa.left_pct));
    CHECK(raw.rearfoot_pct == doctest::Approx(in_kpa.rearfoot_pct));
    CHECK(raw.ellipse.area_mm2 == doctest::Approx(in_kpa.ellipse.area_mm2));
    CHECK(raw.path.path_length_mm == doctest::Approx(in_kpa.path.path_length_mm));
}

TEST_CASE("on a 0.5 m plate (one step per pass) the progression angle falls back to the plate's axis") {
    sim::SimulationConfig config;
    config.scenario = sim::Scenario::Walk;
    config.duration_s = 30.0;
    const SimulatedTrial trial = simulate(config);
    const TrialGait gait = trial_gait(trial.input, trial.contacts, trial.footprints);
    std::size_t measured = 0;
    for (std::size_t c = 0; c < trial.contacts.size(); ++c) {
        if (!trial.contacts[c].complete()) continue;
        const auto& truth = trial.truth.steps[trial.truth_step[c]];
        const double truth_fpa = truth.side == sim::Side::Left ? -truth.axis_angle_deg : truth.axis_angle_deg;
        CAPTURE(c);
        CHECK(gait.steps[c].progression_angle_deg == doctest::Approx(truth_fpa).epsilon(1e-9));
        CHECK(gait.steps[c].progression_basis.find("plate's y axis") != std::string::npos);
        ++measured;
    }
    CHECK(measured >= 2);
    // No two complete steps in one pass: no cadence, and a note says why.
    CHECK(std::isnan(gait.cadence_steps_per_min));
    CHECK_FALSE(gait.notes.empty());
}
