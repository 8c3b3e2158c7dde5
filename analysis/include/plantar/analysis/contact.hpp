// One foot contact: a foot on the plate for one stance, found by tracking connected loaded
// sensors across frames (contacts.hpp finds them). Data only.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

#include "plantar/analysis/sensor_map.hpp"

namespace plantar::analysis {

// The contact's state in one frame of its stance.
struct ContactSample {
    std::size_t frame = 0;     // index into TrialInput::frames
    double time_s = 0.0;       // from Frame::device_time_us, relative to the trial's first frame
    // Load and COP: over the sensors this contact owns in this frame (loaded above the contact
    // threshold) plus the lighter non-zero readings within merge_gap_mm of its print (its light
    // edge); area and sensors: the owned sensors only (docs/methods.md 1).
    double load = 0.0;         // force in N (relative load when the scale is raw counts; the sum of
                               // values when sensor positions are unknown)
    Point cop;                 // centre of pressure; invalid when unloaded or positions are unknown
    double area_mm2 = 0.0;     // contact area in this frame; NaN when positions are unknown
    std::size_t sensors = 0;   // loaded sensors in this frame
};

struct Contact {
    int id = 0;                         // 0, 1, ... in order of first loading
    Side side = Side::Unknown;          // decided by the pipeline from the print and the step order
    std::string side_basis;             // how the side was decided, in words

    std::size_t first_frame = 0;        // first and last frame with loaded sensors (inclusive)
    std::size_t last_frame = 0;
    // Foot strike and foot off (docs/methods.md 1.8): half a frame period before the first
    // loaded frame and half a frame period after the last one (the event lies somewhere between
    // that frame and its unloaded neighbour); NaN when the stance was cut by the recording.
    double strike_s = kNaN;
    double off_s = kNaN;
    double contact_time_s() const { return off_s - strike_s; }
    // The same events by the rule of ../shared/METHODS.md: the contact's load rises above /
    // falls below min + 10 % of its range, interpolated between frames. Later than strike_s and
    // earlier than off_s by the time the load takes to reach 10 % of its range.
    double strike_by_load_s = kNaN;
    double off_by_load_s = kNaN;

    std::vector<std::uint8_t> mask;     // per value index: 1 for the sensors of this footprint
    std::vector<float> peak;            // per value index: max value over the stance, 0 outside mask
    std::vector<ContactSample> samples; // one per frame, first_frame .. last_frame (unloaded frames inside
                                        // the stance have load 0 and an invalid COP)

    bool cut_by_plate_edge = false;     // loaded sensors on the outermost row/column (or sensor ring)
    // The largest number of sensors (and their area, mm^2) loaded together in one frame.
    std::size_t most_sensors = 0;
    double most_area_mm2 = 0.0;
    // The print is about as wide as it is long (ContactConfig::max_width_to_length): two feet
    // touching that tracking could not separate, or a forefoot only.
    bool wide_for_a_foot = false;
    bool cut_by_recording_start = false;  // already loaded in the first frame
    bool cut_by_recording_end = false;    // still loaded in the last frame
    // Complete contacts are the only ones used for indices and classification.
    bool complete() const { return !cut_by_plate_edge && !cut_by_recording_start && !cut_by_recording_end; }
    std::vector<std::string> notes;     // what was odd ("toe island merged", "touches another foot")
};

}  // namespace plantar::analysis
