#include "session_trial.hpp"

#include "hdf5_types.hpp"
#include "session_file.hpp"
#include "session_layout.hpp"
#include "session_sensor_layout.hpp"

namespace plantar::session_detail {

namespace layout = session_layout;

void write_trial_header(hid_t group, const TrialHeader& header) {
    write_string_attribute(group, layout::kKind, to_string(header.kind));
    write_string_attribute(group, layout::kSourceKind, to_string(header.source.kind));
    write_string_attribute(group, layout::kSourceName, header.source.name);
    write_string_attribute(group, layout::kSourceDetails, header.source.details);
    write_double_attribute(group, layout::kRateHz, header.rate_hz);
    write_string_attribute(group, layout::kStartedUtc, header.started_utc);
    write_string_attribute(group, layout::kEndedUtc, "");
    write_int8_attribute(group, layout::kComplete, 0);
    write_int64_attribute(group, layout::kFrameCount, 0);
    write_string_attribute(group, layout::kTrialNotes, header.notes);
    write_string_attribute(group, layout::kPressureUnit, pressure_unit_value(header.pressure_scale));
    write_string_attribute(group, layout::kDeviceTimeUnit, layout::kDeviceTimeUnitValue);
    write_string_attribute(group, layout::kHostTimeUnit, layout::kHostTimeUnitValue);
    write_int32_attribute(group, layout::kRows, header.geometry.rows);
    write_int32_attribute(group, layout::kCols, header.geometry.cols);
    write_double_attribute(group, layout::kPitchXMm, header.geometry.pitch_x_mm);
    write_double_attribute(group, layout::kPitchYMm, header.geometry.pitch_y_mm);
    write_double_attribute(group, layout::kSensorAreaMm2, header.geometry.sensor_area_mm2);
    if (!header.ground_truth_json.empty())
        write_string_attribute(group, layout::kGroundTruthJson, header.ground_truth_json);
    if (!header.original_unit.empty()) write_string_attribute(group, layout::kOriginalUnit, header.original_unit);
    if (!header.assumptions.empty()) write_string_array_attribute(group, layout::kAssumptions, header.assumptions);
    write_sensor_layout(group, header.layout, header.geometry);

    if (header.calibration) {
        const Calibration& calibration = *header.calibration;
        Handle calibration_group =
            group_handle(H5Gcreate2(group, layout::kCalibrationGroup, kDefaultProperties, kDefaultProperties,
                                    kDefaultProperties),
                         "create group 'calibration'");
        std::vector<double> counts;
        std::vector<double> kpa;
        for (const CalibrationPoint& point : calibration.curve()) {
            counts.push_back(point.counts);
            kpa.push_back(point.kpa);
        }
        write_vector(calibration_group.get(), layout::kCurveCounts, file_float64(), native_double(), counts.data(),
                     counts.size());
        write_vector(calibration_group.get(), layout::kCurveKpa, file_float64(), native_double(), kpa.data(),
                     kpa.size());
        if (!calibration.sensor_gain().empty())
            write_vector(calibration_group.get(), layout::kSensorGain, file_float32(), native_float(),
                         calibration.sensor_gain().data(), calibration.sensor_gain().size());
    }
}

namespace {

Handle create_extensible(hid_t group, const char* name, hid_t file_type, std::vector<hsize_t> chunk,
                         int deflate_level, const char* unit) {
    // Empty and unlimited along frames; a frame's own dimensions are whole within a chunk.
    std::vector<hsize_t> initial = chunk;
    initial[0] = 0;
    std::vector<hsize_t> maximum = chunk;
    maximum[0] = kUnlimited;
    int rank = static_cast<int>(chunk.size());
    Handle space = space_handle(H5Screate_simple(rank, initial.data(), maximum.data()),
                                std::string("make the shape of '") + name + "'");
    Handle dcpl = plist_handle(H5Pcreate(dataset_create_class()), "create dataset properties");
    check_status(H5Pset_chunk(dcpl.get(), rank, chunk.data()), std::string("chunk '") + name + "'");
    // Shuffle groups the bytes of the floats by significance, which makes deflate far better on
    // pressure maps; fletcher32 goes last so it checksums the bytes as stored on disk.
    if (deflate_level > 0) {
        check_status(H5Pset_shuffle(dcpl.get()), std::string("set the shuffle filter of '") + name + "'");
        check_status(H5Pset_deflate(dcpl.get(), static_cast<unsigned>(deflate_level)),
                     std::string("set the deflate filter of '") + name + "'");
    }
    check_status(H5Pset_fletcher32(dcpl.get()), std::string("set the checksum filter of '") + name + "'");
    Handle dataset = dataset_handle(H5Dcreate2(group, name, file_type, space.get(), kDefaultProperties, dcpl.get(),
                                               kDefaultProperties),
                                    std::string("create dataset '") + name + "'");
    if (unit != nullptr) write_string_attribute(dataset.get(), layout::kUnit, unit);
    return dataset;
}

}  // namespace

FrameDatasets create_frame_datasets(hid_t group, const PlateGeometry& geometry, PressureScale scale,
                                    int deflate_level) {
    FrameDatasets sets;
    hsize_t chunk_frames = pressure_chunk_frames(geometry);
    sets.pressure = create_extensible(group, layout::kPressure, file_float32(),
                                      {chunk_frames, static_cast<hsize_t>(geometry.rows),
                                       static_cast<hsize_t>(geometry.cols)},
                                      deflate_level, pressure_unit_value(scale));
    sets.sequence = create_extensible(group, layout::kSequence, file_uint64(), {kPerFrameChunk}, deflate_level, nullptr);
    sets.device_time_us = create_extensible(group, layout::kDeviceTimeUs, file_int64(), {kPerFrameChunk},
                                            deflate_level, layout::kDeviceTimeUnitValue);
    sets.host_time_ns = create_extensible(group, layout::kHostTimeNs, file_int64(), {kPerFrameChunk}, deflate_level,
                                          layout::kHostTimeUnitValue);
    return sets;
}

void mark_trial_complete(hid_t group, const std::string& ended_utc) {
    write_string_attribute(group, layout::kEndedUtc, ended_utc);
    write_int8_attribute(group, layout::kComplete, 1);
}

namespace {

std::string required_string(hid_t group, const char* name, const std::string& what) {
    auto value = read_string_attribute(group, name);
    if (!value) throw Hdf5Error(what + " has no attribute '" + name + "'", {});
    return *value;
}

double required_double(hid_t group, const char* name, const std::string& what) {
    auto value = read_double_attribute(group, name);
    if (!value) throw Hdf5Error(what + " has no attribute '" + name + "'", {});
    return *value;
}

int required_int(hid_t group, const char* name, const std::string& what) {
    auto value = read_integer_attribute(group, name);
    if (!value) throw Hdf5Error(what + " has no attribute '" + name + "'", {});
    return static_cast<int>(*value);
}

}  // namespace

TrialHeader read_trial_header(hid_t group, const std::string& what, int format_version) {
    TrialHeader header;
    std::string kind = required_string(group, layout::kKind, what);
    auto trial_kind = trial_kind_from_string(kind);
    if (!trial_kind) throw Hdf5Error(what + " has an unknown kind \"" + kind + "\"", {});
    header.kind = *trial_kind;
    std::string source_kind = required_string(group, layout::kSourceKind, what);
    auto parsed_source_kind = source_kind_from_string(source_kind);
    if (!parsed_source_kind) throw Hdf5Error(what + " has an unknown source kind \"" + source_kind + "\"", {});
    header.source.kind = *parsed_source_kind;
    header.source.name = read_string_attribute(group, layout::kSourceName).value_or("");
    header.source.details = read_string_attribute(group, layout::kSourceDetails).value_or("");
    header.rate_hz = required_double(group, layout::kRateHz, what);
    header.started_utc = read_string_attribute(group, layout::kStartedUtc).value_or("");
    header.notes = read_string_attribute(group, layout::kTrialNotes).value_or("");
    header.ground_truth_json = read_string_attribute(group, layout::kGroundTruthJson).value_or("");
    header.geometry.rows = required_int(group, layout::kRows, what);
    header.geometry.cols = required_int(group, layout::kCols, what);
    header.geometry.pitch_x_mm = required_double(group, layout::kPitchXMm, what);
    header.geometry.pitch_y_mm = required_double(group, layout::kPitchYMm, what);
    header.geometry.sensor_area_mm2 = required_double(group, layout::kSensorAreaMm2, what);
    std::string geometry_problem = header.geometry.validation_error();
    if (!geometry_problem.empty()) throw Hdf5Error(what + ": " + geometry_problem, {});
    // kPa in every version; uncalibrated counts ("raw") from version 3 on.
    std::string unit = read_string_attribute(group, layout::kPressureUnit).value_or(layout::kPressureUnitValue);
    if (unit == layout::kPressureUnitValue) {
        header.pressure_scale = PressureScale::Kilopascal;
    } else if (unit == layout::kPressureUnitRawValue && format_version >= 3) {
        header.pressure_scale = PressureScale::RawCounts;
    } else {
        std::string readable = format_version >= 3 ? "\"kPa\" or \"raw\" (uncalibrated counts)"
                                                   : "only \"kPa\" in a file of format version " +
                                                         std::to_string(format_version) + " (\"raw\" needs version 3)";
        throw Hdf5Error(what + " has the pressure_unit \"" + unit + "\"; plantar reads " + readable, {});
    }
    header.original_unit = read_string_attribute(group, layout::kOriginalUnit).value_or("");
    header.assumptions = read_string_array_attribute(group, layout::kAssumptions).value_or(std::vector<std::string>{});
    header.layout = read_sensor_layout(group, header.geometry, what);

    if (link_exists(group, layout::kCalibrationGroup)) {
        Handle calibration = group_handle(H5Gopen2(group, layout::kCalibrationGroup, kDefaultProperties),
                                          "open the calibration of " + what);
        std::vector<double> counts = read_double_vector(calibration.get(), layout::kCurveCounts);
        std::vector<double> kpa = read_double_vector(calibration.get(), layout::kCurveKpa);
        if (counts.size() != kpa.size())
            throw Hdf5Error("the calibration curve of " + what + " has " + std::to_string(counts.size()) +
                                " counts but " + std::to_string(kpa.size()) + " kPa values",
                            {});
        std::vector<float> gain;
        if (link_exists(calibration.get(), layout::kSensorGain))
            gain = read_float_vector(calibration.get(), layout::kSensorGain);
        std::vector<CalibrationPoint> curve;
        for (std::size_t i = 0; i < counts.size(); ++i) curve.push_back({counts[i], kpa[i]});
        try {
            header.calibration.emplace(std::move(curve), std::move(gain));
        } catch (const std::exception& error) {
            throw Hdf5Error("the calibration of " + what + " is invalid: " + error.what(), {});
        }
    }
    return header;
}

bool read_trial_complete(hid_t group) {
    return read_integer_attribute(group, layout::kComplete).value_or(0) == 1;
}

std::optional<std::uint64_t> read_trial_frame_count(hid_t group) {
    auto count = read_integer_attribute(group, layout::kFrameCount);
    if (!count) return std::nullopt;
    if (*count < 0) throw Hdf5Error("attribute 'frame_count' is negative", {});
    return static_cast<std::uint64_t>(*count);
}

std::string read_trial_ended_utc(hid_t group) {
    return read_string_attribute(group, layout::kEndedUtc).value_or("");
}

namespace {

Handle open_dataset(hid_t group, const char* name, hid_t dapl) {
    if (!link_exists(group, name)) throw Hdf5Error(std::string("required dataset '") + name + "' is missing", {});
    return dataset_handle(H5Dopen2(group, name, dapl), std::string("open dataset '") + name + "'");
}

}  // namespace

FrameDatasets open_frame_datasets(hid_t group, const PlateGeometry& geometry) {
    // Room for a few chunks, so reading frame by frame decompresses each chunk once.
    Handle dapl = plist_handle(H5Pcreate(dataset_access_class()), "create dataset access properties");
    std::size_t chunk_bytes = static_cast<std::size_t>(pressure_chunk_frames(geometry)) * geometry.sensor_count() *
                              sizeof(float);
    check_status(H5Pset_chunk_cache(dapl.get(), 521, 4 * chunk_bytes, 1.0), "size the chunk cache");
    FrameDatasets sets;
    sets.pressure = open_dataset(group, layout::kPressure, dapl.get());
    sets.sequence = open_dataset(group, layout::kSequence, kDefaultProperties);
    sets.device_time_us = open_dataset(group, layout::kDeviceTimeUs, kDefaultProperties);
    sets.host_time_ns = open_dataset(group, layout::kHostTimeNs, kDefaultProperties);
    return sets;
}

}  // namespace plantar::session_detail
