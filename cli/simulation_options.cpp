#include "simulation_options.hpp"

#include "plantar/capture/errors.hpp"
#include "plate_spec.hpp"
#include "stuck_line_spec.hpp"

namespace plantar::cli {

void add_simulation_options(CLI::App& app, SimulationOptions& o) {
    app.add_option("--scenario", o.scenario,
                   "static: both feet standing with postural sway; walk: steps across the plate, "
                   "alternating left and right; step: one step")
        ->capture_default_str();
    app.add_option("--foot-type", o.foot_type, "Foot shape preset: high-arch, normal or flat")->capture_default_str();
    app.add_option("--arch", o.arch,
                   "Width of the lateral midfoot contact band, 0 (highest arch) to 1 (flat); overrides --foot-type")
        ->check(CLI::Range(0.0, 1.0));
    app.add_option("--pronation", o.pronation,
                   "Moves the centre-of-pressure path medially (> 0, pronated) or laterally (< 0, supinated)")
        ->check(CLI::Range(-1.0, 1.0))
        ->capture_default_str();
    app.add_option("--body-mass", o.body_mass_kg, "Body mass in kg; sets the loading")->capture_default_str();
    app.add_option("--foot-length", o.foot_length_mm,
                   "Foot length in mm, heel to longest toe (default: the preset's 260 mm)");
    app.add_option("--plate", o.plate,
                   "clinical (64x64, 7.8 mm), walkway (256x64, 7.8 mm), ROWSxCOLS or ROWSxCOLS@PITCH_MM")
        ->capture_default_str();
    app.add_option("--speed", o.walking_speed, "Walking speed in m/s (walk scenario)")->capture_default_str();
    app.add_option("--seed", o.seed, "Random seed; the same seed gives identical frames")->capture_default_str();
    app.add_flag("--ideal-sensors", o.ideal_sensors, "A perfect plate: no noise, noise threshold, crosstalk or dead sensors");
    app.add_option("--noise", o.noise_kpa, "Sensor noise standard deviation in kPa (default 1.5)");
    app.add_option("--dead-sensors", o.dead_fraction, "Fraction of sensors that always read 0 (default 0)")
        ->check(CLI::Range(0.0, 1.0));
    app.add_flag("--toe-walker", o.toe_walker, "Walk and stand on forefoot and toes only: the heel never touches");
    app.add_option("--stance-width", o.stance_width_mm,
                   "static: mm across the plate between the middles of the two feet (default 160; at 100 or less "
                   "the feet touch)")
        ->check(CLI::Range(50.0, 800.0));
    app.add_option("--stance-time", o.stance_time_s,
                   "walk and step: contact time of one foot in s (default 0.6; a small child's is shorter)");
    app.add_option("--line-offset", o.line_offset_mm,
                   "Moves the walk's line, the standing feet or the step across the plate (+x) by this many mm "
                   "from the plate's centre line, so that feet graze or cross its side edge")
        ->capture_default_str();
    app.add_option("--stuck-column", o.stuck_columns,
                   "A sensor column stuck at one reading, INDEX[:FIRST-LAST][@KPA][,always]: sensors FIRST..LAST "
                   "(default all; FIRST- to the end) read KPA (default 40) in frames where the column carries load, "
                   "or in every frame with ,always (repeatable)");
    app.add_option("--stuck-row", o.stuck_rows, "A sensor row stuck at one reading, as --stuck-column (repeatable)");
}

std::vector<std::string> simulation_option_names() {
    return {"--scenario", "--foot-type", "--arch",  "--pronation",     "--body-mass", "--foot-length",
            "--plate",    "--speed",     "--seed",  "--ideal-sensors", "--noise",     "--dead-sensors",
            "--toe-walker", "--stance-width", "--stance-time", "--line-offset", "--stuck-column", "--stuck-row"};
}

sim::SimulationConfig make_simulation_config(const SimulationOptions& o, double rate_hz, double duration_s) {
    sim::SimulationConfig config;
    auto scenario = sim::scenario_from_string(o.scenario);
    if (!scenario) throw InvalidArgument("unknown scenario '" + o.scenario + "' (use static, walk or step)");
    config.scenario = *scenario;
    auto type = sim::foot_type_from_string(o.foot_type);
    if (!type) throw InvalidArgument("unknown foot type '" + o.foot_type + "' (use high-arch, normal or flat)");
    config.foot = sim::FootParameters::of_type(*type);
    if (o.arch) config.foot.arch = *o.arch;
    config.foot.pronation = o.pronation;
    config.foot.toe_walker = o.toe_walker;
    if (o.foot_length_mm > 0) config.foot = config.foot.scaled_to_length(o.foot_length_mm);
    config.body_mass_kg = o.body_mass_kg;
    config.geometry = parse_plate_spec(o.plate);
    config.rate_hz = rate_hz;
    config.duration_s = duration_s;
    config.seed = o.seed;
    config.walking_speed_m_s = o.walking_speed;
    if (o.ideal_sensors) config.sensors = sim::SensorRealism::ideal();
    if (o.noise_kpa) config.sensors.noise_kpa = *o.noise_kpa;
    if (o.dead_fraction) config.sensors.dead_sensor_fraction = *o.dead_fraction;
    if (o.stance_width_mm) config.stance_width_mm = *o.stance_width_mm;
    if (o.stance_time_s) config.stance_time_s = *o.stance_time_s;
    config.line_offset_mm = o.line_offset_mm;
    for (const auto& spec : o.stuck_columns) config.sensors.stuck_lines.push_back(parse_stuck_line_spec(spec, true));
    for (const auto& spec : o.stuck_rows) config.sensors.stuck_lines.push_back(parse_stuck_line_spec(spec, false));
    if (auto problem = config.validation_error(); !problem.empty()) throw InvalidArgument(problem);
    return config;
}

}  // namespace plantar::cli
