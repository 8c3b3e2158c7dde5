// The options that shape a simulated trial, shared by `plantar simulate` and `plantard --source
// sim` so that both take the same words and check them the same way.
#pragma once

#include <CLI/CLI.hpp>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "plantar/capture/sim/simulated_plate.hpp"

namespace plantar::cli {

struct SimulationOptions {
    std::string scenario = "walk";
    std::string foot_type = "normal";
    std::optional<double> arch;
    double pronation = 0.0;
    double body_mass_kg = 70.0;
    double foot_length_mm = 0.0;  // 0: the preset's
    std::string plate = "clinical";
    double walking_speed = 1.2;
    std::uint64_t seed = 1;
    bool ideal_sensors = false;
    std::optional<double> noise_kpa;
    std::optional<double> dead_fraction;
    bool toe_walker = false;
    std::optional<double> stance_width_mm;
    std::optional<double> stance_time_s;
    double line_offset_mm = 0.0;
    std::vector<std::string> stuck_columns;  // INDEX[:FIRST-LAST][@KPA][,always] each
    std::vector<std::string> stuck_rows;
};

// Registers every option above on `app` (a command or an option group). --rate and --seconds
// are left to each program, whose defaults differ (a file of 10 s; a daemon that runs on).
void add_simulation_options(CLI::App& app, SimulationOptions& options);
// The long names of those options, for a program that must refuse them with another source.
std::vector<std::string> simulation_option_names();

// Throws InvalidArgument naming the problem (an unknown word, a rate out of range, ...).
sim::SimulationConfig make_simulation_config(const SimulationOptions& options, double rate_hz, double duration_s);

}  // namespace plantar::cli
