// Contacts on small hand-made inputs whose answer is known: noise, an empty plate, holes in a
// grid, placed sensors, insoles loaded stance after stance, touching feet, islands, and the
// exact strike and off times of a step that starts and ends between frames.
#include <doctest/doctest.h>

#include <cmath>
#include <random>
#include <string>
#include <vector>

#include "plantar/analysis/contacts.hpp"

using namespace plantar;
using namespace plantar::analysis;

namespace {

constexpr std::int64_t frame_us = 10'000;  // 100 Hz

std::vector<Frame> blank_frames(const PlateGeometry& geometry, std::size_t count) {
    std::vector<Frame> frames(count, Frame(geometry));
    for (std::size_t f = 0; f < count; ++f) {
        frames[f].sequence = f;
        frames[f].device_time_us = static_cast<std::int64_t>(f) * frame_us;
    }
    return frames;
}

// Uniform pressure on the sensors whose centres lie inside an ellipse (mm).
void paint(const SensorMap& sensors, Frame& frame, double cx, double cy, double rx, double ry, float kpa) {
    for (std::size_t i = 0; i < sensors.size(); ++i) {
        const double dx = (sensors.x_mm[i] - cx) / rx, dy = (sensors.y_mm[i] - cy) / ry;
        if (dx * dx + dy * dy <= 1.0) frame.pressure_kpa[i] = std::max(frame.pressure_kpa[i], kpa);
    }
}

TrialInput trial_of(const SensorMap& sensors, const std::vector<Frame>& frames, TrialKind kind = TrialKind::Walk) {
    TrialInput trial;
    trial.sensors = sensors;
    trial.kind = kind;
    trial.rate_hz = 100.0;
    trial.frames = frames;
    return trial;
}

std::size_t mask_size(const Contact& contact) {
    std::size_t n = 0;
    for (auto m : contact.mask) n += m;
    return n;
}

bool has_note(const std::vector<std::string>& notes, const std::string& words) {
    for (const auto& note : notes)
        if (note.find(words) != std::string::npos) return true;
    return false;
}

const PlateGeometry plate = PlateGeometry::clinical_plate();  // 64 x 64, 7.8 mm

}  // namespace

TEST_CASE("pure sensor noise as the simulated plate makes it gives no contact, and its speckles are counted") {
    // The simulator's flaws: Gaussian noise of 1.5 kPa, zeroed below its 5 kPa firmware floor,
    // which leaves about 1.8 isolated false readings per 64 x 64 frame.
    auto frames = blank_frames(plate, 300);
    std::mt19937 generator(12345);
    std::normal_distribution<float> noise(0.0f, 1.5f);
    std::size_t readings = 0;
    for (auto& frame : frames)
        for (auto& value : frame.pressure_kpa) {
            const float v = noise(generator);
            value = v >= 5.0f ? v : 0.0f;
            readings += value > 0.0f;
        }
    MESSAGE("false readings per frame: ", static_cast<double>(readings) / 300.0);
    CHECK(readings > 300);
    const auto sensors = SensorMap::make(plate);
    const auto trial = trial_of(sensors, frames);
    // At the default threshold (8 kPa) the noise never even reaches a contact.
    const auto by_default = find_contacts(trial);
    CHECK(by_default.contacts.empty());
    // With the threshold at the firmware floor every speckle is seen, and every one is dropped.
    ContactConfig at_floor;
    at_floor.threshold_kpa = 4.9;
    const auto result = find_contacts(trial, at_floor);
    CHECK(result.contacts.empty());
    CHECK(result.noise_contacts_dropped > 250);
    CHECK(result.noise_contacts_dropped <= readings);
    CHECK(has_note(result.notes, "noise speckles dropped"));
}

TEST_CASE("an empty plate, and a trial without frames, give no contact") {
    const auto sensors = SensorMap::make(plate);
    const auto frames = blank_frames(plate, 50);
    const auto result = find_contacts(trial_of(sensors, frames));
    CHECK(result.contacts.empty());
    CHECK(result.noise_contacts_dropped == 0);
    const std::vector<Frame> none;
    CHECK(find_contacts(trial_of(sensors, none)).contacts.empty());
    ContactTracker tracker(sensors, {});
    CHECK(tracker.active().empty());
    CHECK(tracker.finish().empty());
}

TEST_CASE("a step between frames: strike and off half a frame outside the loaded frames, and by the 10 % rule") {
    const auto sensors = SensorMap::make(plate);
    auto frames = blank_frames(plate, 60);
    // Loaded from frame 10 to frame 30; its load rises linearly to frame 20 and falls to 30.
    for (std::size_t f = 10; f <= 30; ++f) {
        const double rise = f <= 20 ? static_cast<double>(f - 9) / 11.0 : static_cast<double>(31 - f) / 11.0;
        paint(sensors, frames[f], 200.0, 200.0, 30.0, 60.0, static_cast<float>(20.0 + 200.0 * rise));
    }
    const auto result = find_contacts(trial_of(sensors, frames));
    REQUIRE(result.contacts.size() == 1);
    const Contact& step = result.contacts[0];
    CHECK(step.first_frame == 10);
    CHECK(step.last_frame == 30);
    CHECK(step.strike_s == doctest::Approx(0.095));
    CHECK(step.off_s == doctest::Approx(0.305));
    CHECK(step.contact_time_s() == doctest::Approx(0.21));
    CHECK(step.samples.size() == 21);
    CHECK(step.complete());
    // The rule's level is the smallest load (frame 10's) + 10 % of the range up to frame 20's;
    // on this linear ramp of ten equal rises that is exactly frame 11's load (and frame 29's).
    CHECK(step.strike_by_load_s == doctest::Approx(0.11));
    CHECK(step.off_by_load_s == doctest::Approx(0.29));
    // COP at the centre of the painted print, area of its sensors.
    CHECK(step.samples[10].cop.x_mm == doctest::Approx(200.0).epsilon(0.02));
    CHECK(step.samples[10].cop.y_mm == doctest::Approx(200.0).epsilon(0.02));
    CHECK(step.samples[10].area_mm2 == doctest::Approx(static_cast<double>(mask_size(step)) * plate.sensor_area_mm2));
    CHECK(step.samples[10].load > 0.0);
}

TEST_CASE("contacts loaded in the first or last frame are cut by the recording, with no strike or off") {
    const auto sensors = SensorMap::make(plate);
    auto frames = blank_frames(plate, 40);
    for (std::size_t f = 0; f < 15; ++f) paint(sensors, frames[f], 120.0, 150.0, 30.0, 50.0, 100.0f);
    for (std::size_t f = 25; f < 40; ++f) paint(sensors, frames[f], 350.0, 300.0, 30.0, 50.0, 100.0f);
    const auto result = find_contacts(trial_of(sensors, frames));
    REQUIRE(result.contacts.size() == 2);
    CHECK(result.contacts[0].cut_by_recording_start);
    CHECK_FALSE(result.contacts[0].cut_by_recording_end);
    CHECK(std::isnan(result.contacts[0].strike_s));
    CHECK(std::isfinite(result.contacts[0].off_s));
    CHECK(result.contacts[1].cut_by_recording_end);
    CHECK(std::isnan(result.contacts[1].off_s));
    CHECK_FALSE(result.contacts[0].complete());
    // In a static trial the same feet are standing, not cut.
    const auto standing = find_contacts(trial_of(sensors, frames, TrialKind::Static));
    REQUIRE(standing.contacts.size() == 2);
    CHECK(standing.contacts[0].complete());
    CHECK(standing.contacts[1].complete());
}

TEST_CASE("an insole or a foot crop is never cut by its outermost rows and columns") {
  for (auto coverage : {SensorCoverage::Insole, SensorCoverage::FootCrop}) {
    CAPTURE(to_string(coverage));
    SensorLayout layout;
    layout.coverage = coverage;
    const auto sensors = SensorMap::make(plate, layout);
    auto frames = blank_frames(plate, 20);
    for (std::size_t f = 5; f < 15; ++f) paint(sensors, frames[f], 20.0, 200.0, 30.0, 60.0, 100.0f);  // reaches column 0
    const auto result = find_contacts(trial_of(sensors, frames));
    REQUIRE(result.contacts.size() == 1);
    CHECK(!result.contacts[0].cut_by_plate_edge);
    CHECK(result.contacts[0].complete());
  }
}

TEST_CASE("a print touching the plate's outermost row or column is cut by the plate edge") {
    const auto sensors = SensorMap::make(plate);
    auto frames = blank_frames(plate, 20);
    for (std::size_t f = 5; f < 15; ++f) {
        paint(sensors, frames[f], 20.0, 200.0, 30.0, 60.0, 100.0f);   // reaches column 0
        paint(sensors, frames[f], 250.0, 250.0, 30.0, 60.0, 100.0f);  // well inside
    }
    const auto result = find_contacts(trial_of(sensors, frames));
    REQUIRE(result.contacts.size() == 2);
    int cut = 0;
    for (const auto& contact : result.contacts) cut += contact.cut_by_plate_edge;
    CHECK(cut == 1);
}

TEST_CASE("fewer than min_sensors loaded together is a speckle, min_sensors together is a contact") {
    const auto sensors = SensorMap::make(plate);
    auto frames = blank_frames(plate, 20);
    // Three sensors in a row (dropped), four in a square far away (kept).
    for (std::size_t f = 5; f < 10; ++f) {
        for (int c = 10; c < 13; ++c) frames[f].pressure_kpa[plate.index(10, c)] = 50.0f;
        for (int r = 40; r < 42; ++r)
            for (int c = 40; c < 42; ++c) frames[f].pressure_kpa[plate.index(r, c)] = 50.0f;
    }
    const auto result = find_contacts(trial_of(sensors, frames));
    REQUIRE(result.contacts.size() == 1);
    CHECK(result.contacts[0].most_sensors == 4);
    CHECK(result.noise_contacts_dropped == 1);
}

TEST_CASE("a toe island within the merge gap joins the foot, a print of its size farther away is another foot") {
    const auto sensors = SensorMap::make(plate);
    auto frames = blank_frames(plate, 30);
    for (std::size_t f = 5; f < 25; ++f) {
        paint(sensors, frames[f], 150.0, 150.0, 35.0, 70.0, 120.0f);  // a foot, y 80 .. 220
        paint(sensors, frames[f], 150.0, 238.0, 10.0, 6.0, 80.0f);    // toes ~15 mm in front
        paint(sensors, frames[f], 330.0, 150.0, 35.0, 70.0, 120.0f);  // the other foot, 110 mm away
    }
    const auto result = find_contacts(trial_of(sensors, frames));
    REQUIRE(result.contacts.size() == 2);
    const Contact& near = result.contacts[0].mask[plate.index(30, 19)] ? result.contacts[0] : result.contacts[1];
    CHECK(near.mask[plate.index(30, 19)] == 1);  // the toe island (y 234, x 148) is in the first foot
}

TEST_CASE("a second foot landing later beside the first, touching it, stays a contact of its own") {
    const auto sensors = SensorMap::make(plate);
    auto frames = blank_frames(plate, 120);
    for (std::size_t f = 5; f < 80; ++f) paint(sensors, frames[f], 150.0, 200.0, 36.0, 90.0, 150.0f);
    for (std::size_t f = 50; f < 115; ++f) paint(sensors, frames[f], 222.0, 210.0, 36.0, 90.0, 150.0f);
    const auto result = find_contacts(trial_of(sensors, frames));
    REQUIRE(result.contacts.size() == 2);
    const Contact& first = result.contacts[0];
    const Contact& second = result.contacts[1];
    CHECK(first.first_frame == 5);
    CHECK(first.last_frame == 79);
    CHECK(second.first_frame == 50);
    CHECK(second.last_frame == 114);
    CHECK(has_note(first.notes, "touched contact 1"));
    CHECK(has_note(second.notes, "touched contact 0"));
    // The shared border went to the nearer print: each mask stays on its own side of x = 186.
    for (std::size_t i = 0; i < sensors.size(); ++i) {
        if (first.mask[i]) CHECK(sensors.x_mm[i] <= 190.0);
        if (second.mask[i]) CHECK(sensors.x_mm[i] >= 182.0);
    }
}

TEST_CASE("holes in a grid are never loaded, whatever value the frame holds there") {
    SensorLayout layout;
    layout.grid_present.assign(plate.sensor_count(), 1);
    for (int r = 24; r < 27; ++r)  // a hole of 3 x 3 cells inside the print, and one beside it
        for (int c = 18; c < 21; ++c) layout.grid_present[plate.index(r, c)] = 0;
    for (int r = 20; r < 30; ++r) layout.grid_present[plate.index(r, 40)] = 0;
    const auto sensors = SensorMap::make(plate, layout);
    auto frames = blank_frames(plate, 30);
    for (std::size_t f = 0; f < 30; ++f)
        for (std::size_t i = 0; i < sensors.size(); ++i)
            if (!sensors.present[i]) frames[f].pressure_kpa[i] = 300.0f;  // garbage in the holes
    CHECK(find_contacts(trial_of(sensors, frames)).contacts.empty());
    for (std::size_t f = 5; f < 25; ++f) paint(sensors, frames[f], 156.0, 195.0, 40.0, 60.0, 100.0f);
    const auto result = find_contacts(trial_of(sensors, frames));
    REQUIRE(result.contacts.size() == 1);
    for (std::size_t i = 0; i < sensors.size(); ++i)
        if (!sensors.present[i]) REQUIRE(result.contacts[0].mask[i] == 0);
    CHECK(mask_size(result.contacts[0]) > 20);
}

TEST_CASE("placed sensors: neighbours by distance, the outer ring as the edge, COP at the print's centre") {
    // A mat of 24 x 16 sensors on a 10 mm lattice with every other row shifted by 5 mm (no grid).
    SensorLayout layout;
    for (int r = 0; r < 24; ++r)
        for (int c = 0; c < 16; ++c)
            layout.sensors.push_back({c * 10.0 + (r % 2) * 5.0, r * 10.0, 80.0, std::nullopt});
    const PlateGeometry strip{1, static_cast<int>(layout.sensors.size()), 1.0, 1.0, 80.0};
    const auto sensors = SensorMap::make(strip, layout);
    auto frames = blank_frames(strip, 60);
    for (std::size_t f = 5; f < 20; ++f) paint(sensors, frames[f], 80.0, 110.0, 30.0, 60.0, 100.0f);
    for (std::size_t f = 40; f < 50; ++f) paint(sensors, frames[f], 10.0, 110.0, 25.0, 50.0, 100.0f);  // at the left edge
    const auto result = find_contacts(trial_of(sensors, frames));
    REQUIRE(result.contacts.size() == 2);
    CHECK_FALSE(result.contacts[0].cut_by_plate_edge);
    CHECK(result.contacts[1].cut_by_plate_edge);
    const auto& cop = result.contacts[0].samples[5].cop;
    CHECK(cop.x_mm == doctest::Approx(80.0).epsilon(0.05));
    CHECK(cop.y_mm == doctest::Approx(110.0).epsilon(0.05));
    CHECK(result.contacts[0].most_area_mm2 == doctest::Approx(80.0 * static_cast<double>(result.contacts[0].most_sensors)));
}

TEST_CASE("an insole the shoe keeps lightly loaded through every swing still gives a contact per stance") {
    SensorLayout layout;
    for (int i = 0; i < 99; ++i) layout.sensors.push_back({(i % 9) * 10.0, (i / 9) * 15.0, 100.0, std::nullopt});
    layout.coverage = SensorCoverage::Insole;
    const PlateGeometry strip{1, 99, 1.0, 1.0, 100.0};
    for (bool known : {true, false}) {
        CAPTURE(known);
        layout.geometry_known = known;
        const auto sensors = SensorMap::make(strip, layout);
        auto frames = blank_frames(strip, 300);
        for (std::size_t f = 0; f < frames.size(); ++f)
            for (std::size_t i : {0u, 1u, 9u, 10u, 50u}) frames[f].pressure_kpa[i] = 20.0f;  // the shoe, always
        for (int stance = 0; stance < 3; ++stance)
            for (int f = 0; f < 60; ++f)
                for (std::size_t i = 0; i < 99; ++i) frames[static_cast<std::size_t>(stance * 100 + 20 + f)].pressure_kpa[i] = 150.0f;
        const auto result = find_contacts(trial_of(sensors, frames));
        REQUIRE(result.contacts.size() == 3);
        for (int stance = 0; stance < 3; ++stance) {
            CHECK(result.contacts[static_cast<std::size_t>(stance)].first_frame == static_cast<std::size_t>(stance * 100 + 20));
            CHECK(result.contacts[static_cast<std::size_t>(stance)].contact_time_s() == doctest::Approx(0.6));
        }
        CHECK(has_note(result.notes, "insole: stances"));
    }
}

TEST_CASE("an insole loaded stance after stance gives a new contact per stance, with or without sensor positions") {
    // 99 sensors of an insole; three stances of 0.6 s with 0.4 s swings between them.
    SensorLayout layout;
    for (int i = 0; i < 99; ++i) layout.sensors.push_back({(i % 9) * 10.0, (i / 9) * 15.0, 100.0, std::nullopt});
    const PlateGeometry strip{1, 99, 1.0, 1.0, 100.0};
    for (auto [known, in_shoe] : {std::pair{true, false}, std::pair{true, true}, std::pair{false, true}}) {
        CAPTURE(known);
        CAPTURE(in_shoe);
        layout.geometry_known = known;
        layout.coverage = in_shoe ? SensorCoverage::Insole : SensorCoverage::Plate;
        const auto sensors = SensorMap::make(strip, layout);
        auto frames = blank_frames(strip, 300);
        for (int stance = 0; stance < 3; ++stance)
            for (int f = 0; f < 60; ++f) {
                Frame& frame = frames[static_cast<std::size_t>(stance * 100 + 20 + f)];
                // Heel (first rows) early, forefoot (last rows) late: the same sensors each stance.
                for (std::size_t i = 0; i < 99; ++i) {
                    const bool heel = i < 36, late = f >= 30;
                    if (heel != late || (f >= 20 && f < 40)) frame.pressure_kpa[i] = 150.0f;
                }
            }
        const auto result = find_contacts(trial_of(sensors, frames));
        REQUIRE(result.contacts.size() == 3);
        for (int stance = 0; stance < 3; ++stance) {
            const Contact& contact = result.contacts[static_cast<std::size_t>(stance)];
            CHECK(contact.first_frame == static_cast<std::size_t>(stance * 100 + 20));
            CHECK(contact.last_frame == static_cast<std::size_t>(stance * 100 + 79));
            CHECK(contact.contact_time_s() == doctest::Approx(0.6));
            CHECK(contact.samples[10].cop.valid() == known);
            CHECK(std::isnan(contact.samples[10].area_mm2) == !known);
            // Sensors flagged as worn in a shoe take the foot's outline, so a print reaching them
            // is whole; the same sensors laid out as a mat are cut at their outer ring
            // (docs/methods.md 1.7); without positions there is no edge to check.
            CHECK(contact.cut_by_plate_edge == (known && !in_shoe));
            CHECK(contact.complete() == (known ? in_shoe : true));
        }
        CHECK(has_note(result.notes, "positions unknown") == !known);
    }
}
