#include "session_summary.hpp"

#include <algorithm>
#include <cctype>
#include <charconv>
#include <cstdio>
#include <string>

namespace plantar::cli {

namespace {

// A number with a fixed count of decimals.
std::string fixed(double value, int decimals) {
    char text[64];
    std::snprintf(text, sizeof text, "%.*f", decimals, value);
    return text;
}

// A rate or other measured number to 6 significant digits (75.1315, not 75.13148009015778).
std::string significant(double value) {
    char text[64];
    std::snprintf(text, sizeof text, "%.6g", value);
    return text;
}

// A number as short as it can be written and still read back the same (7.8, not 7.800000).
std::string shortest(double value) {
    char text[64];
    auto [end, ec] = std::to_chars(text, text + sizeof text, value);
    return ec == std::errc() ? std::string(text, end) : fixed(value, 3);
}

nlohmann::json subject_json(const Subject& subject) {
    nlohmann::json j;
    j["id"] = subject.id;
    if (subject.body_mass_kg) j["body_mass_kg"] = *subject.body_mass_kg;
    if (subject.height_cm) j["height_cm"] = *subject.height_cm;
    if (subject.birth_year) j["birth_year"] = *subject.birth_year;
    if (!subject.sex.empty()) j["sex"] = subject.sex;
    if (!subject.notes.empty()) j["notes"] = subject.notes;
    return j;
}

// "grid", "grid-with-holes" or "placed-sensors", and how many sensors there are.
struct LayoutSummary {
    const char* kind;
    std::size_t sensors;
};

LayoutSummary summarize_layout(const TrialHeader& h) {
    if (h.layout.has_placed_sensors()) return {"placed-sensors", h.layout.sensors.size()};
    if (!h.layout.grid_present.empty()) {
        std::size_t present = 0;
        for (std::uint8_t flag : h.layout.grid_present) present += flag != 0 ? 1 : 0;
        return {"grid-with-holes", present};
    }
    return {"grid", h.geometry.sensor_count()};
}

// "64 x 64 grid", "60 x 21 grid, 954 sensors present (insole)", "99 sensors without a grid (insole)".
std::string describe_layout(const TrialHeader& h) {
    LayoutSummary layout = summarize_layout(h);
    const std::string worn = h.layout.coverage == SensorCoverage::Insole     ? " (insole)"
                             : h.layout.coverage == SensorCoverage::FootCrop ? " (cropped around one foot)"
                             : h.layout.coverage == SensorCoverage::Treadmill ? " (under a treadmill belt)"
                                                                              : "";
    std::string grid = std::to_string(h.geometry.rows) + " x " + std::to_string(h.geometry.cols) + " grid";
    if (std::string(layout.kind) == "grid") return grid + worn;
    if (std::string(layout.kind) == "grid-with-holes")
        return grid + ", " + std::to_string(layout.sensors) + " sensors present" + worn;
    return std::to_string(layout.sensors) + " sensors without a grid" + worn;
}

nlohmann::json trial_json(const TrialInfo& trial) {
    const auto& h = trial.header;
    nlohmann::json j;
    j["index"] = trial.index;
    j["kind"] = to_string(h.kind);
    j["source"] = {{"kind", to_string(h.source.kind)}, {"name", h.source.name}, {"details", h.source.details}};
    j["frames"] = trial.frame_count;
    j["duration_s"] = trial.duration_s();
    j["rate_hz"] = h.rate_hz;
    j["plate"] = {{"rows", h.geometry.rows},
                  {"cols", h.geometry.cols},
                  {"pitch_x_mm", h.geometry.pitch_x_mm},
                  {"pitch_y_mm", h.geometry.pitch_y_mm},
                  {"sensor_area_mm2", h.geometry.sensor_area_mm2}};
    LayoutSummary layout = summarize_layout(h);
    j["layout"] = {{"kind", layout.kind}, {"sensors", layout.sensors}, {"geometry_known", h.layout.geometry_known},
                   {"coverage", to_string(h.layout.coverage)}};
    j["pressure_unit"] = to_string(h.pressure_scale);  // "kPa" or "raw"
    if (!h.original_unit.empty()) j["original_unit"] = h.original_unit;
    if (!h.assumptions.empty()) j["assumptions"] = h.assumptions;
    j["started_utc"] = h.started_utc;
    j["ended_utc"] = trial.ended_utc;
    j["complete"] = trial.complete;
    j["has_calibration"] = h.calibration.has_value();
    j["has_ground_truth"] = !h.ground_truth_json.empty();
    if (!h.notes.empty()) j["notes"] = h.notes;
    return j;
}

}  // namespace

std::string describe_plate(const PlateGeometry& g) {
    return std::to_string(g.rows) + " x " + std::to_string(g.cols) + " sensors, " + shortest(g.pitch_y_mm) +
           " x " + shortest(g.pitch_x_mm) + " mm pitch (" + fixed(g.length_mm(), 0) + " x " +
           fixed(g.width_mm(), 0) + " mm)";
}

nlohmann::json session_summary_json(const SessionReader& session) {
    nlohmann::json j;
    j["file"] = session.path().string();
    j["format"] = kSessionFormatName;
    j["format_version"] = session.format_version();
    j["created_utc"] = session.created_utc();
    j["software"] = session.software();
    j["subject"] = subject_json(session.subject());
    j["trials"] = nlohmann::json::array();
    for (int i = 0; i < session.trial_count(); ++i) j["trials"].push_back(trial_json(session.trial(i)));
    return j;
}

void print_session_summary(const SessionReader& session, std::ostream& out) {
    const auto& subject = session.subject();
    out << session.path().string() << "\n";
    out << "  plantar session, format version " << session.format_version() << ", created " << session.created_utc()
        << " by " << session.software() << "\n";
    out << "  subject " << subject.id;
    if (subject.body_mass_kg) out << ", " << fixed(*subject.body_mass_kg, 1) << " kg";
    if (subject.height_cm) out << ", " << fixed(*subject.height_cm, 0) << " cm";
    if (subject.birth_year) out << ", born " << *subject.birth_year;
    if (!subject.sex.empty()) out << ", " << subject.sex;
    out << "\n";
    out << "  " << session.trial_count() << (session.trial_count() == 1 ? " trial" : " trials") << "\n";
    for (int i = 0; i < session.trial_count(); ++i) {
        const auto& t = session.trial(i);
        const auto& h = t.header;
        out << "  trial " << t.index << ": " << to_string(h.kind) << ", " << t.frame_count << " frames, "
            << fixed(t.duration_s(), 2) << " s at " << significant(h.rate_hz) << " Hz"
            << (t.complete ? "" : "  [INCOMPLETE: the recording was not closed; frames up to its last flush]")
            << "\n";
        out << "    layout  " << describe_layout(h) << "\n";
        const bool raw = h.pressure_scale == PressureScale::RawCounts;
        const std::string pressures = raw ? "pressures: raw sensor counts, uncalibrated" : "pressures in kPa";
        // A 1 x N "plate" of placed sensors has no pitch worth showing; their areas are their own,
        // unless the export gave none (pedar), when the stored ones are placeholders.
        if (h.layout.has_placed_sensors() && !h.layout.geometry_known) {
            out << "    sensors positions and areas unknown (the stored ones are placeholders), " << pressures << "\n";
        } else if (h.layout.has_placed_sensors()) {
            double area_mm2 = 0.0;
            for (const PlacedSensor& sensor : h.layout.sensors) area_mm2 += sensor.area_mm2;
            out << "    sensors " << fixed(area_mm2, 0) << " mm2 of sensing area in all"
                << (h.layout.sensors.front().corners_mm ? ", with corners" : "") << ", " << pressures << "\n";
        } else {
            out << "    plate   " << describe_plate(h.geometry) << ", " << pressures << "\n";
        }
        // What the trial can and cannot give, said plainly (docs/import-formats.md).
        if (raw)
            out << "    limits  raw counts: no pressure in kPa and no force in N; contact, shape, timing and centre "
                   "of pressure are valid\n";
        if (!h.layout.geometry_known)
            out << "    limits  sensor positions unknown: per-sensor values and timing only; no force, contact area "
                   "or centre of pressure\n";
        if (!raw && !h.original_unit.empty() && h.original_unit != "kPa")
            out << "    unit    the export stored " << h.original_unit << "; converted to kPa\n";
        for (const std::string& assumption : h.assumptions) out << "    assumed " << assumption << "\n";
        out << "    source  " << to_string(h.source.kind) << ": " << h.source.name;
        if (!h.source.details.empty()) out << " (" << h.source.details << ")";
        out << "\n";
        out << "    started " << h.started_utc;
        if (!t.ended_utc.empty()) out << ", ended " << t.ended_utc;
        out << "\n";
        if (!h.ground_truth_json.empty()) out << "    carries the simulator's ground truth\n";
        if (!h.notes.empty()) out << "    notes   " << h.notes << "\n";
    }
}

}  // namespace plantar::cli
