// Finding foot contacts: which loaded sensors belong to which foot, frame by frame, and when
// each foot struck and left. Every rule and default is in docs/methods.md, section 1.
//
// ContactTracker is incremental (the live viewer feeds it one frame at a time); find_contacts
// runs it over a whole trial. Both are pure: no I/O, no globals.
#pragma once

#include <cstddef>
#include <cstdint>
#include <memory>
#include <span>
#include <string>
#include <vector>

#include "plantar/analysis/contact.hpp"
#include "plantar/analysis/sensor_map.hpp"

namespace plantar::analysis {

struct ContactConfig {
    // A sensor is loaded when its value is above this (kPa). 8 kPa is 5.3 standard deviations of
    // the simulator's 1.5 kPa noise and 3 kPa above its 5 kPa firmware floor: a false reading
    // above it is ~6e-8 per sensor reading, while a heel reaches it ~3 ms after strike.
    double threshold_kpa = 8.0;
    // Raw-count trials: loaded above threshold_raw counts; when that is NaN, above this fraction
    // of the trial's highest value (of the highest value so far, in a live tracker).
    double threshold_raw = kNaN;
    double threshold_raw_fraction = 0.02;
    // A contact counts as a foot only if, in at least one frame, it has at least min_sensors
    // loaded sensors together covering at least min_area_mm2 (the area rule is skipped when
    // sensor positions are unknown). Smaller contacts are noise speckles: dropped and counted.
    std::size_t min_sensors = 4;
    double min_area_mm2 = 150.0;
    // Loaded sensors whose centres lie within this distance of a contact's sensors join it
    // (detached toe islands, a sensor of the print's edge that dipped below the threshold).
    double merge_gap_mm = 25.0;
    // A separate island that appears while a contact is young (at most island_join_s after its
    // first frame, not in the same frame) joins it when both together still fit in a foot
    // (bounding-box diagonal at most max_foot_length_mm): a forefoot that lands before the
    // midfoot of a high arch carries load.
    double island_join_s = 0.25;
    double max_foot_length_mm = 350.0;
    // Two islands that load in the same frame are one foot when, together, they are at most
    // max_foot_width_mm wide across the line through their centres and at most
    // max_island_gap_mm apart along it (a standing high arch's heel and forefoot, whose unloaded
    // midfoot is under 100 mm long); two feet side by side are about a foot's length wide.
    double max_foot_width_mm = 140.0;
    double max_island_gap_mm = 120.0;
    // A contact ends when it has been unloaded for longer than this (s); an insole loaded again
    // after a longer swing is a new contact.
    double end_gap_s = 0.1;
    // A note is added when a print's width across its main axis is more than this fraction of
    // its length (two feet touching, which tracking could not separate, or a forefoot only).
    double max_width_to_length = 0.65;
    // A contact loaded in the first (last) frame of the recording is cut by it only when that
    // frame carries more than this fraction of the contact's highest load. Vendor roll-off
    // exports (emed, footscan) start at the frame in which the foot first loads the plate: a
    // light first frame means at most about a frame of the stance is missing, not a stance cut
    // in half (docs/methods.md 1.7).
    double recording_cut_load_fraction = 0.10;
};

// One contact as it stands after the latest frame (for a live overlay). Ids are provisional:
// finish() renumbers the contacts it keeps.
struct LiveContact {
    int id = 0;
    std::span<const std::uint8_t> mask;  // per value index: 1 for the sensors of its print so far
    Point cop;                           // centre of pressure in the latest frame; invalid if unloaded
    double load = 0.0;                   // N in the latest frame (relative with raw counts)
    bool loaded_now = false;
};

class ContactTracker {
public:
    // The sensor map must outlive the tracker. In a static trial the feet stand for the whole
    // recording, so being loaded in its first or last frame does not make a contact incomplete.
    ContactTracker(const SensorMap& sensors, const ContactConfig& config, TrialKind kind = TrialKind::Walk);
    ~ContactTracker();
    ContactTracker(ContactTracker&&) noexcept;
    ContactTracker& operator=(ContactTracker&&) noexcept;

    // The next frame of the trial, in time order (times from Frame::device_time_us).
    void add(const Frame& frame);

    // The contacts still open after the latest frame. Spans stay valid until the next add().
    std::vector<LiveContact> active() const;
    // Per value index: the provisional id of the contact that owns the sensor in the latest
    // frame, or -1. Valid until the next add().
    std::span<const int> owners() const;
    std::size_t frames_added() const;

    // Closes every contact, drops noise, and returns the contacts in order of first loading
    // with ids 0, 1, ... The tracker is empty afterwards.
    std::vector<Contact> finish();
    // After finish(): how many noise contacts were dropped, and notes about the whole trial.
    std::size_t noise_contacts_dropped() const;
    const std::vector<std::string>& notes() const;

private:
    struct Impl;
    std::unique_ptr<Impl> impl_;
};

struct ContactResult {
    std::vector<Contact> contacts;
    std::size_t noise_contacts_dropped = 0;
    std::vector<std::string> notes;
};

// All contacts of one trial. For raw counts without threshold_raw, the threshold is
// threshold_raw_fraction of the trial's highest value.
ContactResult find_contacts(const TrialInput& trial, const ContactConfig& config = {});

// The loading threshold used for a trial (kPa, or counts for a raw-count trial).
double contact_threshold(const TrialInput& trial, const ContactConfig& config);

}  // namespace plantar::analysis
