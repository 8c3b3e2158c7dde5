// `plantar analyze`: the analysis of a session's trials. By default a per-foot summary a person
// reads in ten seconds (left and right side by side); --json gives every value; --store writes
// the analysis into the session (docs/session-format.md); --config applies a clinic's settings
// and --print-config shows them (docs/analysis-json.md, docs/methods.md section 9).
#include <algorithm>
#include <cmath>
#include <cstdio>
#include <iostream>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "analysis_json.hpp"
#include "commands.hpp"
#include "plantar/analysis/pipeline.hpp"
#include "plantar/capture/errors.hpp"
#include "plantar/capture/session/session.hpp"
#include "plantar/capture/session/session_analysis.hpp"
#include "plantar/capture/session/session_frame_sequence.hpp"

namespace plantar::cli {

namespace {

using namespace plantar::analysis;

struct AnalyzeOptions {
    std::string file;
    std::optional<int> trial;
    bool json = false;
    bool store = false;
    std::string config_file;
    bool print_config = false;
};

std::string fixed(double value, int decimals) {
    if (!std::isfinite(value)) return "-";
    char text[32];
    std::snprintf(text, sizeof text, "%.*f", decimals, value);
    return text;
}

// "normal (AI 0.236; flat >= 0.26, margin 0.024)", with "BORDERLINE" when within the band.
std::string foot_type_line(const FootTypeClass& c) {
    const auto& b = c.basis;
    if (c.type == FootType::Unknown) return "unknown (" + b.why_not + ")";
    std::string text = b.label + " (AI " + fixed(b.value, 3) + ", threshold " + fixed(b.nearest_threshold, 2) +
                       ", margin " + fixed(b.margin, 3) + ")";
    if (b.borderline) text += " BORDERLINE";
    return text;
}

std::string pronation_line(const PronationClass& c) {
    const auto& b = c.basis;
    if (c.pronation == Pronation::Unknown) return "unknown (" + b.why_not + ")";
    std::string text = b.label + " (CPEI " + fixed(b.value, 1) + " %, cut-off " + fixed(b.nearest_threshold, 1) +
                       " %, z " + fixed(c.z_score, 2) + ")";
    if (b.borderline) text += " BORDERLINE";
    return text;
}

std::string agreement_line(const StepAgreement& a, int decimals) {
    if (a.steps == 0) return "-";
    return std::to_string(static_cast<int>(std::lround(a.agreeing_fraction * static_cast<double>(a.steps)))) + " of " +
           std::to_string(a.steps) + " steps agree (" + fixed(a.min, decimals) + " to " + fixed(a.max, decimals) + ")";
}

void print_row(std::ostream& out, const std::string& name, const std::string& left, const std::string& right) {
    constexpr std::size_t name_width = 16, column_width = 52;
    std::string line = name;
    line.resize(name_width, ' ');
    line += left;
    if (line.size() < name_width + column_width) line.resize(name_width + column_width, ' ');
    else line += "  ";
    line += right;
    out << line << "\n";
}

void print_summary(const std::string& file, int trial, const TrialAnalysis& a, std::ostream& out) {
    std::size_t complete = 0;
    for (const auto& s : a.steps) complete += s.contact.complete() ? 1 : 0;
    out << file << ", trial " << trial << ": " << to_string(a.kind) << ", " << a.frames << " frames, "
        << fixed(a.duration_s, 1) << " s; " << a.steps.size() << " contacts (" << complete << " complete)\n";
    print_row(out, "", "LEFT", "RIGHT");
    print_row(out, "foot type", foot_type_line(a.left.foot_type), foot_type_line(a.right.foot_type));
    print_row(out, "  steps", agreement_line(a.left.arch_index_steps, 3), agreement_line(a.right.arch_index_steps, 3));
    print_row(out, "pronation", pronation_line(a.left.pronation), pronation_line(a.right.pronation));
    print_row(out, "  steps", agreement_line(a.left.cpei_steps, 1), agreement_line(a.right.cpei_steps, 1));
    print_row(out, "steps used", std::to_string(a.left.complete_steps), std::to_string(a.right.complete_steps));
    const auto& lr = a.left.recommendations;
    const auto& rr = a.right.recommendations;
    for (std::size_t i = 0; i < std::max<std::size_t>(1, std::max(lr.size(), rr.size())); ++i)
        print_row(out, i == 0 ? "recommendation" : "", i < lr.size() ? lr[i] : (i == 0 ? "-" : ""),
                  i < rr.size() ? rr[i] : (i == 0 ? "-" : ""));
    if (a.balance) {
        const auto& b = *a.balance;
        out << "balance: COP path " << fixed(b.path.path_length_mm, 0) << " mm at " << fixed(b.path.mean_velocity_mm_s, 1)
            << " mm/s, 95 % ellipse " << fixed(b.ellipse.area_mm2, 0) << " mm2, load left/right " << fixed(b.left_pct, 0)
            << " / " << fixed(b.right_pct, 0) << " %\n";
    }
    for (const auto& note : a.notes) out << "note: " << note << "\n";
    out << "Foot type: arch index, Cavanagh & Rodgers 1987; pronation: CPEI against a reference distribution "
           "(thresholds unverified; docs/methods.md section 9).\n";
}

// What --store writes: the JSON text and, per contact, the region labels the viewer draws.
StoredAnalysis stored_analysis(const TrialAnalysis& a, const PlateGeometry& geometry, const nlohmann::json& j) {
    StoredAnalysis stored;
    stored.json = j.dump();
    if (a.steps.empty()) return stored;
    StoredLabelImages regions, detail;
    regions.name = "regions";
    regions.legend = "0 none, 1 heel, 2 midfoot, 3 forefoot, 4 toes";
    detail.name = "detail_regions";
    detail.legend = "0 none, 1 medial heel, 2 lateral heel, 3 medial midfoot, 4 lateral midfoot, 5-9 metatarsal 1-5, "
                    "10 hallux, 11 lesser toes";
    bool any_detail = false;
    for (auto* images : {&regions, &detail}) {
        images->layers = a.steps.size();
        images->rows = geometry.rows;
        images->cols = geometry.cols;
        images->labels.assign(a.steps.size() * geometry.sensor_count(), 0);
    }
    for (std::size_t k = 0; k < a.steps.size(); ++k) {
        const auto& f = a.steps[k].footprint;
        const std::size_t offset = k * geometry.sensor_count();
        for (std::size_t i = 0; i < geometry.sensor_count() && i < f.regions.size(); ++i)
            regions.labels[offset + i] = static_cast<std::uint8_t>(f.regions[i]);
        for (std::size_t i = 0; i < geometry.sensor_count() && i < f.detail.size(); ++i) {
            detail.labels[offset + i] = static_cast<std::uint8_t>(f.detail[i]);
            any_detail |= f.detail[i] != DetailRegion::None;
        }
    }
    stored.images.push_back(std::move(regions));
    if (any_detail) stored.images.push_back(std::move(detail));
    return stored;
}

void run_analyze(const AnalyzeOptions& o) {
    const AnalysisConfig config = o.config_file.empty() ? AnalysisConfig{} : read_config_file(o.config_file);
    if (o.print_config) {
        std::cout << config_to_json(config).dump(2) << "\n";
        return;
    }
    if (o.file.empty()) throw InvalidArgument("name a session file to analyze (or use --print-config)");
    std::vector<int> trials;
    nlohmann::json all = nlohmann::json::array();
    std::vector<StoredAnalysis> to_store;
    {
        SessionReader session(o.file);
        if (session.trial_count() == 0) throw InvalidArgument(o.file + " holds no trials to analyze");
        if (o.trial) {
            if (*o.trial < 0 || *o.trial >= session.trial_count())
                throw InvalidArgument(o.file + " has no trial " + std::to_string(*o.trial) +
                                      (session.trial_count() == 1
                                           ? std::string(" (it has only trial 0)")
                                           : " (it has trials 0 to " + std::to_string(session.trial_count() - 1) + ")"));
            if (session.trial(*o.trial).frame_count == 0)
                throw InvalidArgument("trial " + std::to_string(*o.trial) + " of " + o.file + " has no frames to analyze");
            trials.push_back(*o.trial);
        } else {
            for (int t = 0; t < session.trial_count(); ++t)
                if (session.trial(t).frame_count > 0) trials.push_back(t);
            if (trials.empty()) throw InvalidArgument("no trial of " + o.file + " has frames to analyze");
        }
        bool first = true;
        for (int t : trials) {
            const auto& info = session.trial(t);
            // Read through a block cache, not into memory: a 10-minute 500 Hz trial is gigabytes.
            auto frames = std::make_shared<const SessionFrameSequence>(o.file, t);
            TrialInput input;
            input.sensors = SensorMap::make(info.header.geometry, info.header.layout, info.header.pressure_scale);
            input.kind = info.header.kind;
            input.rate_hz = info.header.rate_hz;
            input.frames = frames;
            const TrialAnalysis analysis = analyze_trial(input, config);
            nlohmann::json j = trial_analysis_json(analysis, config);
            j["trial"] = t;
            if (o.store) to_store.push_back(stored_analysis(analysis, info.header.geometry, j));
            all.push_back(j);
            if (!o.json) {
                if (!first) std::cout << "\n";
                print_summary(o.file, t, analysis, std::cout);
            }
            first = false;
        }
    }
    // The reader is closed before the file is rewritten.
    if (o.store)
        for (std::size_t k = 0; k < trials.size(); ++k) store_trial_analysis(o.file, trials[k], to_store[k]);
    if (o.json) {
        nlohmann::json out{{"file", o.file}, {"trials", all}};
        std::cout << out.dump(2) << "\n";
    } else if (o.store) {
        std::cout << "stored the analysis of " << all.size() << (all.size() == 1 ? " trial" : " trials") << " in " << o.file
                  << "\n";
    }
}

}  // namespace

void add_analyze_command(CLI::App& app) {
    auto options = std::make_shared<AnalyzeOptions>();
    auto* cmd = app.add_subcommand("analyze", "Analyse the trials of a session: foot type, pronation, steps, balance");
    cmd->add_option("FILE", options->file, "Session file (HDF5)");
    cmd->add_option("--trial", options->trial, "Analyse only this trial (default: every trial with frames)");
    cmd->add_flag("--json", options->json, "Print every value as JSON (docs/analysis-json.md)");
    cmd->add_flag("--store", options->store,
                  "Write the analysis into the session file (/trials/NNNN/analysis; replaces an earlier one)");
    cmd->add_option("--config", options->config_file, "Analysis settings (JSON; see --print-config)")
        ->check(CLI::ExistingFile);
    cmd->add_flag("--print-config", options->print_config,
                  "Print the settings (the defaults, or --config's) as JSON, units in the key names, and exit");
    cmd->callback([options] { run_analyze(*options); });
}

}  // namespace plantar::cli
