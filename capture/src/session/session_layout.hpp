// Every name of the session file layout in one place. docs/session-format.md is the contract
// these names implement; change both together, and bump kSessionFormatVersion when a reader of
// the old version could misread the new layout.
#pragma once

#include <cstdio>
#include <string>

namespace plantar::session_layout {

// Root group attributes.
inline constexpr const char* kFormat = "format";
inline constexpr const char* kFormatVersion = "format_version";
inline constexpr const char* kCreatedUtc = "created_utc";
inline constexpr const char* kSoftware = "software";

// The subject.
inline constexpr const char* kSubjectGroup = "subject";
inline constexpr const char* kSubjectId = "id";
inline constexpr const char* kBodyMassKg = "body_mass_kg";
inline constexpr const char* kHeightCm = "height_cm";
inline constexpr const char* kBirthYear = "birth_year";
inline constexpr const char* kSex = "sex";
inline constexpr const char* kSubjectNotes = "notes";

// Trials: /trials/0000, /trials/0001, ...
inline constexpr const char* kTrialsGroup = "trials";

// Trial group attributes.
inline constexpr const char* kKind = "kind";
inline constexpr const char* kSourceKind = "source_kind";
inline constexpr const char* kSourceName = "source_name";
inline constexpr const char* kSourceDetails = "source_details";
inline constexpr const char* kRateHz = "rate_hz";
inline constexpr const char* kStartedUtc = "started_utc";
inline constexpr const char* kEndedUtc = "ended_utc";
inline constexpr const char* kComplete = "complete";
inline constexpr const char* kFrameCount = "frame_count";  // frames made durable; see the writer's flush
inline constexpr const char* kTrialNotes = "notes";
inline constexpr const char* kPressureUnit = "pressure_unit";
inline constexpr const char* kDeviceTimeUnit = "device_time_unit";
inline constexpr const char* kHostTimeUnit = "host_time_unit";
inline constexpr const char* kRows = "rows";
inline constexpr const char* kCols = "cols";
inline constexpr const char* kPitchXMm = "pitch_x_mm";
inline constexpr const char* kPitchYMm = "pitch_y_mm";
inline constexpr const char* kSensorAreaMm2 = "sensor_area_mm2";
inline constexpr const char* kGroundTruthJson = "ground_truth_json";
// Format version 2: imports' provenance (both absent when empty).
inline constexpr const char* kOriginalUnit = "original_unit";  // scalar string
inline constexpr const char* kAssumptions = "assumptions";      // 1-D array of strings

inline constexpr const char* kPressureUnitValue = "kPa";
// Format version 3: uncalibrated counts kept as the export had them (PressureScale::RawCounts).
inline constexpr const char* kPressureUnitRawValue = "raw";
inline constexpr const char* kDeviceTimeUnitValue = "us";
inline constexpr const char* kHostTimeUnitValue = "ns";

// Per-frame datasets of a trial.
inline constexpr const char* kPressure = "pressure";
inline constexpr const char* kSequence = "sequence";
inline constexpr const char* kDeviceTimeUs = "device_time_us";
inline constexpr const char* kHostTimeNs = "host_time_ns";
// Every dataset attribute `unit` says the unit of its values.
inline constexpr const char* kUnit = "unit";

// Optional calibration of a trial.
inline constexpr const char* kCalibrationGroup = "calibration";
inline constexpr const char* kCurveCounts = "curve_counts";
inline constexpr const char* kCurveKpa = "curve_kpa";
inline constexpr const char* kSensorGain = "sensor_gain";

// Format version 2: the sensor layout of a trial (docs/session-format.md, "Sensor layout").
// A grid with holes: uint8 [rows, cols], 1 where a sensor is.
inline constexpr const char* kGridPresent = "grid_present";
// Sensors without a grid: /trials/NNNN/sensors/{x_mm, y_mm, area_mm2 [N], corners_mm [N, 8]}.
inline constexpr const char* kSensorsGroup = "sensors";
inline constexpr const char* kPlacedXMm = "x_mm";
inline constexpr const char* kPlacedYMm = "y_mm";
inline constexpr const char* kPlacedAreaMm2 = "area_mm2";
inline constexpr const char* kPlacedCornersMm = "corners_mm";
// Format version 3: int8 attribute of the `sensors` group; 0 when the positions and areas are
// placeholders (a pedar insole), 1 (or absent) when they are the export's own.
inline constexpr const char* kGeometryKnown = "geometry_known";
// Trial attribute, string, format version 3: "insole" or "foot-crop"; absent means "plate".
inline constexpr const char* kSensorCoverage = "sensor_coverage";
inline constexpr const char* kLengthUnitValue = "mm";
inline constexpr const char* kAreaUnitValue = "mm2";

// "0007": four digits, more when there are more than 9999 trials.
inline std::string trial_name(int index) {
    char text[16];
    std::snprintf(text, sizeof text, "%04d", index);
    return text;
}

inline std::string trial_path(int index) {
    return std::string("/") + kTrialsGroup + "/" + trial_name(index);
}

}  // namespace plantar::session_layout
