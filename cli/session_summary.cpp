#include "session_summary.hpp"

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
    j["pressure_unit"] = "kPa";
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
            << fixed(t.duration_s(), 2) << " s at " << shortest(h.rate_hz) << " Hz"
            << (t.complete ? "" : "  [INCOMPLETE: the recording was not closed; frames up to its last flush]")
            << "\n";
        out << "    plate   " << describe_plate(h.geometry) << ", pressures in kPa\n";
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
