// The subcommands of `plantar`. Each file registers one subcommand on the app; main.cpp only
// wires them together and turns errors into one line and an exit code.
#pragma once

#include <CLI/CLI.hpp>

namespace plantar::cli {

void add_simulate_command(CLI::App& app);
void add_info_command(CLI::App& app);
void add_export_command(CLI::App& app);
void add_import_command(CLI::App& app);
void add_devices_command(CLI::App& app);
void add_record_command(CLI::App& app);
void add_status_command(CLI::App& app);
void add_analyze_command(CLI::App& app);

}  // namespace plantar::cli
