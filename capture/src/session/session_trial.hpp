// The trial group of a session file, both ways: the header attributes and calibration as the
// writer stores them and the reader reads them back, and the four per-frame datasets.
#pragma once

#include <array>
#include <string>

#include "hdf5_handles.hpp"
#include "plantar/capture/session/session.hpp"
#include "session_layout.hpp"

namespace plantar::session_detail {

// The shape of one frame's entry in a per-frame dataset: {rows, cols} for pressure, or
// kOneValue for the one-value-per-frame datasets.
struct FrameShape {
    hsize_t rows = 0;
    hsize_t cols = 0;
};
inline constexpr FrameShape kOneValue{};
inline FrameShape frame_shape_of(const PlateGeometry& g) {
    return {static_cast<hsize_t>(g.rows), static_cast<hsize_t>(g.cols)};
}

// Frames [first, first + count) as an HDF5 hyperslab of rank 1 or 3.
struct RowBlock {
    int rank = 1;
    std::array<hsize_t, 3> start{};
    std::array<hsize_t, 3> count{};
};
inline RowBlock row_block(hsize_t first, hsize_t count, const FrameShape& shape) {
    if (shape.rows == 0) return {1, {first, 0, 0}, {count, 0, 0}};
    return {3, {first, 0, 0}, {count, shape.rows, shape.cols}};
}

// The per-frame datasets, in the order used everywhere.
struct FrameDatasets {
    Handle pressure;        // float32 [N, rows, cols], kPa
    Handle sequence;        // uint64 [N]
    Handle device_time_us;  // int64 [N]
    Handle host_time_ns;    // int64 [N]
    std::array<hid_t, 4> ids() const {
        return {pressure.get(), sequence.get(), device_time_us.get(), host_time_ns.get()};
    }
};

// Writes every header attribute (with complete = 0 and ended_utc = "", both updated in place
// by mark_trial_complete) and the calibration group when there is one.
void write_trial_header(hid_t trial_group, const TrialHeader& header);
// Creates the empty, extensible per-frame datasets; `scale` gives the pressure's `unit`.
FrameDatasets create_frame_datasets(hid_t trial_group, const PlateGeometry& geometry, PressureScale scale,
                                    int deflate_level);
void mark_trial_complete(hid_t trial_group, const std::string& ended_utc);
// The count of frames durable in all four datasets (the `frame_count` attribute), or nothing
// for a trial without one.
std::optional<std::uint64_t> read_trial_frame_count(hid_t trial_group);

// "kPa" or "raw": the trial's `pressure_unit` and the pressure dataset's `unit`.
inline const char* pressure_unit_value(PressureScale scale) {
    return scale == PressureScale::RawCounts ? session_layout::kPressureUnitRawValue
                                             : session_layout::kPressureUnitValue;
}

// Reads the header back; `what` names the trial in errors, `format_version` is the file's (a
// pressure_unit of "raw" needs version 3). Throws Hdf5Error for a missing or unusable required
// attribute.
TrialHeader read_trial_header(hid_t trial_group, const std::string& what, int format_version);
bool read_trial_complete(hid_t trial_group);
std::string read_trial_ended_utc(hid_t trial_group);
// Opens the four per-frame datasets (with a chunk cache sized for sequential reading).
FrameDatasets open_frame_datasets(hid_t trial_group, const PlateGeometry& geometry);

}  // namespace plantar::session_detail
