// `plantar info`: what a session file holds, for a person or (with --json) for a script.
#include <iostream>

#include "commands.hpp"
#include "plantar/capture/session/session.hpp"
#include "session_summary.hpp"

namespace plantar::cli {

namespace {

struct InfoOptions {
    std::vector<std::string> files;
    bool json = false;
};

void run_info(const InfoOptions& o) {
    nlohmann::json all = nlohmann::json::array();
    bool first = true;
    for (const auto& file : o.files) {
        SessionReader session(file);
        if (o.json) {
            all.push_back(session_summary_json(session));
        } else {
            if (!first) std::cout << "\n";
            print_session_summary(session, std::cout);
        }
        first = false;
    }
    // One file gives one JSON object; several give an array, one object per file.
    if (o.json) std::cout << (all.size() == 1 ? all[0] : all).dump(2) << "\n";
}

}  // namespace

void add_info_command(CLI::App& app) {
    auto options = std::make_shared<InfoOptions>();
    auto* cmd = app.add_subcommand("info", "Show the subject, trials, frames, duration, rate and plate of sessions");
    cmd->add_option("FILE", options->files, "Session files (HDF5)")->required()->check(CLI::ExistingFile);
    cmd->add_flag("--json", options->json, "Print JSON (one object per file; an array for several files)");
    cmd->callback([options] { run_info(*options); });
}

}  // namespace plantar::cli
