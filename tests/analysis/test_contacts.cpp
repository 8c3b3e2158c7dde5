// Contacts found in simulated trials, checked against the simulator's ground truth: every step
// found once, its cut flags, and its strike, off and contact time within one frame period.
#include <doctest/doctest.h>

#include <algorithm>
#include <cmath>
#include <numbers>
#include <string>
#include <vector>

#include "plantar/analysis/contacts.hpp"
#include "plantar/capture/sim/simulated_plate.hpp"

using namespace plantar;
using namespace plantar::analysis;

namespace {

struct SimulatedTrial {
    sim::SimulationTruth truth;
    std::vector<Frame> frames;
    SensorMap sensors;
    TrialInput input() const {
        TrialInput trial;
        trial.sensors = sensors;
        trial.kind = sim::trial_kind_of(truth.config.scenario);
        trial.rate_hz = truth.config.rate_hz;
        trial.frames = frames;
        return trial;
    }
};

SimulatedTrial simulate(const sim::SimulationConfig& config) {
    sim::SimulatedPlate plate(config);
    SimulatedTrial trial{plate.truth(), {}, SensorMap::make(config.geometry)};
    while (auto frame = plate.next()) trial.frames.push_back(std::move(*frame));
    return trial;
}

sim::SimulationConfig walk(PlateGeometry geometry, std::uint64_t seed, double seconds) {
    sim::SimulationConfig config;
    config.scenario = sim::Scenario::Walk;
    config.geometry = geometry;
    config.seed = seed;
    config.duration_s = seconds;
    return config;
}

// Is a plate point under the truth step's foot (with a margin of about one sensor)?
bool under_foot(const sim::SimulatedStep& step, const sim::FootParameters& foot, double x, double y) {
    const double angle = step.axis_angle_deg * std::numbers::pi / 180.0;
    const double dx = x - step.heel_x_mm, dy = y - step.heel_y_mm;
    const double along = dx * std::sin(angle) + dy * std::cos(angle);
    const double across = dx * std::cos(angle) - dy * std::sin(angle);
    return along > -0.135 * foot.length_mm - 10.0 && along < 0.865 * foot.length_mm + 10.0 &&
           std::abs(across) < foot.forefoot_width_mm / 2.0 + 12.0;
}

double time_s(const SimulatedTrial& trial, std::int64_t us) {
    return static_cast<double>(us - trial.frames.front().device_time_us) * 1e-6;
}

// The contact that is this truth step: it overlaps the step in time and nearly all of its
// print lies under the step's foot.
const Contact* match(const SimulatedTrial& trial, const std::vector<Contact>& contacts, const sim::SimulatedStep& step) {
    for (const Contact& contact : contacts) {
        const double first = time_s(trial, trial.frames[contact.first_frame].device_time_us);
        const double last = time_s(trial, trial.frames[contact.last_frame].device_time_us);
        if (last < time_s(trial, step.strike_us) || first > time_s(trial, step.off_us)) continue;
        std::size_t inside = 0, all = 0;
        for (std::size_t i = 0; i < contact.mask.size(); ++i)
            if (contact.mask[i]) {
                ++all;
                inside += under_foot(step, trial.truth.config.foot, trial.sensors.x_mm[i], trial.sensors.y_mm[i]);
            }
        if (all > 0 && inside >= all * 9 / 10) return &contact;
    }
    return nullptr;
}

// A truth step every analysis must find: it puts at least 50 N on the plate and is on the plate
// during the recording for at least 40 ms (a foot that only grazes the plate edge or the
// recording's ends may be too faint to tell from noise).
bool must_be_found(const SimulatedTrial& trial, const sim::SimulatedStep& step) {
    const auto first = trial.frames.front().device_time_us, last = trial.frames.back().device_time_us;
    const auto overlap = std::min(step.off_us, last) - std::max(step.strike_us, first);
    return step.peak_force_n >= 50.0 && overlap >= 40'000;
}

struct Agreement {
    int steps = 0, found = 0, unmatched_contacts = 0, flag_mismatches = 0;
    double worst_strike_frames = 0.0, worst_off_frames = 0.0, worst_contact_time_frames = 0.0;
    double worst_load_strike_frames = 0.0, worst_load_off_frames = 0.0;
};

Agreement compare(const SimulatedTrial& trial, const ContactResult& result) {
    Agreement agreement;
    const double period = 1.0 / trial.truth.config.rate_hz;
    std::vector<const Contact*> matched;
    for (const auto& step : trial.truth.steps) {
        const Contact* contact = match(trial, result.contacts, step);
        if (!must_be_found(trial, step) && !contact) continue;
        ++agreement.steps;
        if (!contact) continue;
        ++agreement.found;
        matched.push_back(contact);
        const bool cut_by_recording = contact->cut_by_recording_start || contact->cut_by_recording_end;
        if (cut_by_recording != step.cut_by_recording || contact->cut_by_plate_edge != step.cut_by_plate_edge) {
            ++agreement.flag_mismatches;
            MESSAGE("flags differ: strike ", step.strike_us, " off ", step.off_us, " truth edge ", step.cut_by_plate_edge,
                    " rec ", step.cut_by_recording, " found edge ", contact->cut_by_plate_edge, " rec ",
                    cut_by_recording);
        }
        // A foot cut by the plate edge may load the plate only after its (off-plate) heel struck.
        if (step.cut_by_plate_edge) continue;
        const double strike = time_s(trial, step.strike_us), off = time_s(trial, step.off_us);
        auto worst = [&](double& slot, double found, double truth) {
            // Frame times are whole microseconds, so truth and frame grid may differ by 1 us each.
            if (std::isfinite(found)) slot = std::max(slot, std::max(0.0, std::abs(found - truth) - 2e-6) / period);
        };
        worst(agreement.worst_strike_frames, contact->strike_s, strike);
        worst(agreement.worst_off_frames, contact->off_s, off);
        worst(agreement.worst_contact_time_frames, contact->contact_time_s(), off - strike);
        worst(agreement.worst_load_strike_frames, contact->strike_by_load_s, strike);
        worst(agreement.worst_load_off_frames, contact->off_by_load_s, off);
    }
    for (const Contact& contact : result.contacts)
        if (std::find(matched.begin(), matched.end(), &contact) == matched.end()) ++agreement.unmatched_contacts;
    return agreement;
}

void check_agreement(const Agreement& agreement) {
    constexpr double one_frame = 1.0;  // in frame periods
    CHECK(agreement.steps > 0);
    CHECK(agreement.found == agreement.steps);
    CHECK(agreement.unmatched_contacts == 0);
    CHECK(agreement.flag_mismatches == 0);
    CHECK(agreement.worst_strike_frames <= one_frame);
    CHECK(agreement.worst_off_frames <= one_frame);
    CHECK(agreement.worst_contact_time_frames <= one_frame);
}

std::string figures(const Agreement& agreement, std::size_t dropped) {
    return "steps " + std::to_string(agreement.steps) + ", found " + std::to_string(agreement.found) + ", extra " +
           std::to_string(agreement.unmatched_contacts) + ", flag mismatches " +
           std::to_string(agreement.flag_mismatches) + "; worst errors in frames: strike " +
           std::to_string(agreement.worst_strike_frames) + ", off " + std::to_string(agreement.worst_off_frames) +
           ", contact time " + std::to_string(agreement.worst_contact_time_frames) + "; by the 10 % load rule: strike " +
           std::to_string(agreement.worst_load_strike_frames) + ", off " +
           std::to_string(agreement.worst_load_off_frames) + "; speckles dropped " + std::to_string(dropped);
}

}  // namespace

TEST_CASE("walks on the clinical plate and the walkway: every step found once, with its flags and times") {
    // Seeds change placement and noise; rates, speeds and stance times change where strikes fall
    // between frames (the last run is a slow walk with a 1 s stance).
    struct Run {
        std::uint64_t seed;
        double rate_hz, speed_m_s, stance_s;
    };
    for (const auto& geometry : {PlateGeometry::clinical_plate(), PlateGeometry::walkway()}) {
        for (const Run run : {Run{1, 100.0, 1.2, 0.6}, Run{2, 120.0, 1.0, 0.7}, Run{3, 150.0, 1.4, 0.55},
                              Run{4, 100.0, 0.5, 1.0}}) {
            for (auto type : {sim::FootType::HighArch, sim::FootType::Normal, sim::FootType::Flat}) {
                auto config = walk(geometry, run.seed, geometry.rows > 64 ? 12.0 : 20.0);
                config.rate_hz = run.rate_hz;
                config.walking_speed_m_s = run.speed_m_s;
                config.stance_time_s = run.stance_s;
                config.foot = sim::FootParameters::of_type(type);
                CAPTURE(geometry.rows);
                CAPTURE(run.seed);
                CAPTURE(sim::to_string(type));
                const auto trial = simulate(config);
                const auto result = find_contacts(trial.input());
                const auto agreement = compare(trial, result);
                MESSAGE(figures(agreement, result.noise_contacts_dropped));
                check_agreement(agreement);
            }
        }
    }
}

TEST_CASE("a toe-walker's steps are found, with their times, though no heel ever loads") {
    for (std::uint64_t seed : {4u, 5u}) {
        auto config = walk(PlateGeometry::clinical_plate(), seed, 20.0);
        config.foot.toe_walker = true;
        CAPTURE(seed);
        const auto trial = simulate(config);
        const auto result = find_contacts(trial.input());
        const auto agreement = compare(trial, result);
        MESSAGE(figures(agreement, result.noise_contacts_dropped));
        check_agreement(agreement);
    }
}

TEST_CASE("a static stance gives two contacts, one under each foot, complete for the whole recording") {
    for (std::uint64_t seed : {1u, 2u}) {
        sim::SimulationConfig config;
        config.scenario = sim::Scenario::StaticStance;
        config.seed = seed;
        config.duration_s = 5.0;
        CAPTURE(seed);
        const auto trial = simulate(config);
        const auto result = find_contacts(trial.input());
        REQUIRE(result.contacts.size() == 2);
        for (std::size_t k = 0; k < 2; ++k) {
            const Contact& contact = result.contacts[k];
            // Contacts come in order of first loading; both load in frame 0, so find the foot.
            const auto& left = trial.truth.steps.at(0);
            const auto& right = trial.truth.steps.at(1);
            const Contact* under_left = match(trial, result.contacts, left);
            const Contact* under_right = match(trial, result.contacts, right);
            CHECK(under_left != nullptr);
            CHECK(under_right != nullptr);
            CHECK(under_left != under_right);
            CHECK(contact.first_frame == 0);
            CHECK(contact.last_frame == trial.frames.size() - 1);
            CHECK(contact.complete());
            CHECK(std::isnan(contact.strike_s));
            CHECK(contact.samples.size() == trial.frames.size());
        }
        // Together the two feet carry what the whole plate measures (less the few light sensors
        // under the contact threshold), each roughly half of it.
        for (std::size_t f = 0; f < trial.frames.size(); f += 50) {
            const double plate = frame_load(trial.sensors, trial.frames[f]);
            const double left = result.contacts[0].samples[f].load, right = result.contacts[1].samples[f].load;
            CHECK(left + right == doctest::Approx(plate).epsilon(0.02));
            CHECK(left > 0.35 * plate);
            CHECK(right > 0.35 * plate);
        }
    }
}

TEST_CASE("a standing high-arched foot, heel and forefoot loaded apart from the first frame, is one contact") {
    // The midfoot band of a high arch may not carry load: heel and forefoot appear together as
    // two islands one behind the other, which are one foot; two feet side by side stay two.
    for (std::uint64_t seed : {1u, 2u, 3u, 4u, 5u}) {
        sim::SimulationConfig config;
        config.scenario = sim::Scenario::StaticStance;
        config.foot = sim::FootParameters::of_type(sim::FootType::HighArch);
        config.seed = seed;
        config.duration_s = 3.0;
        CAPTURE(seed);
        const auto trial = simulate(config);
        const auto result = find_contacts(trial.input());
        CHECK(result.contacts.size() == 2);
    }
}

TEST_CASE("feet standing so close that they touch: no crash, and either two contacts or a note that says so") {
    for (double width : {90.0, 100.0, 110.0}) {
        sim::SimulationConfig config;
        config.scenario = sim::Scenario::StaticStance;
        config.stance_width_mm = width;
        config.duration_s = 2.0;
        CAPTURE(width);
        const auto trial = simulate(config);
        const auto result = find_contacts(trial.input());
        REQUIRE_FALSE(result.contacts.empty());
        bool noted = false;
        for (const auto& contact : result.contacts) {
            for (const auto& note : contact.notes) noted = noted || note.find("two feet touching") != std::string::npos;
            CHECK(contact.wide_for_a_foot == (result.contacts.size() == 1));
        }
        MESSAGE("stance width ", width, " mm: ", result.contacts.size(), " contacts, note ", noted);
        CHECK((result.contacts.size() == 2 || (result.contacts.size() == 1 && noted)));
    }
}

TEST_CASE("a walk in raw counts gives the same contacts as in kPa, with relative loads") {
    auto config = walk(PlateGeometry::clinical_plate(), 6, 12.0);
    auto trial = simulate(config);
    const auto in_kpa = find_contacts(trial.input());
    for (auto& frame : trial.frames)
        for (auto& value : frame.pressure_kpa) value = std::round(value * 3.41f);  // counts of some uncalibrated plate
    trial.sensors = SensorMap::make(config.geometry, {}, PressureScale::RawCounts);
    const auto in_counts = find_contacts(trial.input());
    REQUIRE(in_counts.contacts.size() == in_kpa.contacts.size());
    const auto agreement = compare(trial, in_counts);
    MESSAGE(figures(agreement, in_counts.noise_contacts_dropped));
    check_agreement(agreement);
    CHECK(contact_threshold(trial.input(), {}) > 0.0);
    bool says_raw = false;
    for (const auto& note : in_counts.notes) says_raw = says_raw || note.find("raw counts") != std::string::npos;
    CHECK(says_raw);
}

TEST_CASE("the live tracker shows the foot on the plate while it stands and gives what find_contacts gives") {
    auto config = walk(PlateGeometry::clinical_plate(), 7, 6.0);
    const auto trial = simulate(config);
    ContactTracker tracker(trial.sensors, {});
    std::size_t frames_with_a_live_foot = 0;
    for (const auto& frame : trial.frames) {
        tracker.add(frame);
        const auto live = tracker.active();
        const auto owners = tracker.owners();
        for (const auto& contact : live) {
            if (!contact.loaded_now) continue;
            ++frames_with_a_live_foot;
            CHECK(contact.cop.valid());
            CHECK(contact.load > 0.0);
            // Its owned sensors are part of its print.
            for (std::size_t i = 0; i < owners.size(); ++i)
                if (owners[i] == contact.id) REQUIRE(contact.mask[i] == 1);
        }
    }
    CHECK(tracker.frames_added() == trial.frames.size());
    const auto contacts = tracker.finish();
    const auto batch = find_contacts(trial.input());
    REQUIRE(contacts.size() == batch.contacts.size());
    std::size_t stance_frames = 0;
    for (std::size_t k = 0; k < contacts.size(); ++k) {
        CHECK(contacts[k].first_frame == batch.contacts[k].first_frame);
        CHECK(contacts[k].last_frame == batch.contacts[k].last_frame);
        CHECK(contacts[k].mask == batch.contacts[k].mask);
        stance_frames += contacts[k].last_frame - contacts[k].first_frame + 1;
    }
    CHECK(frames_with_a_live_foot > 0);
    CHECK(frames_with_a_live_foot <= stance_frames);
    CHECK(frames_with_a_live_foot + 5 * contacts.size() >= stance_frames);
}
