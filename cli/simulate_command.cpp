// `plantar simulate`: run the simulated plate for a scenario and store it as a session trial.
#include <cstdio>
#include <filesystem>
#include <iostream>
#include <map>
#include <optional>

#include "commands.hpp"
#include "plantar/capture/errors.hpp"
#include "plantar/capture/session/session.hpp"
#include "plantar/capture/sim/simulated_plate.hpp"
#include "progress_bar.hpp"
#include "session_summary.hpp"
#include "simulation_options.hpp"

namespace plantar::cli {

namespace {

struct SimulateOptions {
    SimulationOptions simulation;
    double rate_hz = 100.0;
    double seconds = 10.0;
    std::string subject = "SIM-0001";
    std::string output;
    bool append = false;
    bool force = false;
};

void print_truth_summary(const sim::SimulationTruth& truth, std::ostream& out) {
    std::map<sim::Side, int> complete, all;
    for (const auto& step : truth.steps) {
        ++all[step.side];
        if (!step.cut_by_plate_edge && !step.cut_by_recording) ++complete[step.side];
    }
    char ai[16];
    std::snprintf(ai, sizeof ai, "%.3f", truth.model_arch_index);
    out << "  simulated " << truth.steps.size() << " foot contacts (" << all[sim::Side::Left] << " left, "
        << all[sim::Side::Right] << " right); complete on the plate: " << complete[sim::Side::Left] << " left, "
        << complete[sim::Side::Right] << " right\n";
    out << "  model foot: arch parameter " << truth.config.foot.arch << ", model arch index " << ai
        << ", pronation " << truth.config.foot.pronation << ", body mass " << truth.config.body_mass_kg << " kg\n";
}

void run_simulate(const SimulateOptions& o) {
    sim::SimulatedPlate plate(make_simulation_config(o.simulation, o.rate_hz, o.seconds));
    const std::filesystem::path output = o.output;

    TrialHeader header;
    header.kind = sim::trial_kind_of(plate.truth().config.scenario);
    header.source = plate.description();
    header.geometry = plate.geometry();
    header.rate_hz = plate.nominal_rate_hz();
    header.calibration = plate.calibration();
    header.ground_truth_json = plate.truth().to_json();

    // A new session is written beside the output and renamed over it only when complete, so a
    // failure half-way leaves no half-written file and never costs the file it would replace.
    // An appended trial goes straight into the file: its earlier trials stay good either way.
    const std::filesystem::path written = o.append ? output : std::filesystem::path(output.string() + ".partial");
    if (!o.append && std::filesystem::exists(output) && !o.force)
        throw IoError(output.string() + " exists; use --force to replace it or --append to add a trial to it");
    std::optional<SessionWriter> writer;
    if (o.append) {
        writer.emplace(SessionWriter::append(output));
    } else {
        Subject subject;
        subject.id = o.subject;
        subject.body_mass_kg = o.simulation.body_mass_kg;
        SessionWriterOptions options;
        options.overwrite = true;
        writer.emplace(SessionWriter::create(written, subject, options));
    }
    try {
        writer->begin_trial(header);
        ProgressBar progress("simulating", plate.expected_frame_count().value_or(0), "frames");
        std::uint64_t done = 0;
        while (auto frame = plate.next()) {
            writer->write(*frame);
            progress.update(++done);
        }
        writer->close();
        progress.finish();
        if (!o.append) std::filesystem::rename(written, output);
    } catch (...) {
        writer.reset();
        if (!o.append) {
            std::error_code ignored;
            std::filesystem::remove(written, ignored);
        }
        throw;
    }

    SessionReader session(output);
    print_session_summary(session, std::cout);
    print_truth_summary(plate.truth(), std::cout);
}

}  // namespace

void add_simulate_command(CLI::App& app) {
    auto options = std::make_shared<SimulateOptions>();
    auto* cmd = app.add_subcommand("simulate", "Record a trial from the simulated plate into a session file");
    cmd->footer(
        "Examples:\n"
        "  plantar simulate -o walk.h5                       10 s walking on a 64x64 plate at 100 Hz\n"
        "  plantar simulate --scenario static --foot-type flat -o static.h5\n"
        "  plantar simulate --plate walkway --rate 200 --seconds 60 -o long.h5\n"
        "  plantar simulate --scenario step --append -o walk.h5   add a trial to an existing session");
    cmd->add_option("-o,--output", options->output, "Session file (HDF5) to write")->required();
    add_simulation_options(*cmd, options->simulation);
    cmd->add_option("--rate", options->rate_hz, "Frame rate in Hz, 50 to 2000")->capture_default_str();
    cmd->add_option("--seconds", options->seconds, "Duration of the trial in seconds")->capture_default_str();
    cmd->add_option("--subject", options->subject, "Pseudonymous subject id stored in a new session")
        ->capture_default_str();
    cmd->add_flag("--append", options->append, "Add the trial to an existing session instead of creating one");
    cmd->add_flag("-f,--force", options->force, "Replace the output file if it exists");
    cmd->callback([options] { run_simulate(*options); });
}

}  // namespace plantar::cli
