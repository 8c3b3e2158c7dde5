// The ground truth of a simulated trial as JSON, and the names of the simulator's enums.
//
// Schema (format "plantar-simulation-truth", version 1). Units in brackets.
// {
//   "format": "plantar-simulation-truth",
//   "version": 1,
//   "config": {
//     "scenario": "static" | "walk" | "step",
//     "geometry": {"rows": int, "cols": int, "pitch_x_mm": [mm], "pitch_y_mm": [mm],
//                  "sensor_area_mm2": [mm^2]},
//     "rate_hz": [Hz], "duration_s": [s], "seed": unsigned integer,
//     "body_mass_kg": [kg], "body_weight_n": [N] (mass x 9.81),
//     "foot": {"length_mm": [mm], "forefoot_width_mm": [mm], "heel_width_mm": [mm],
//              "arch": [0..1, width fraction of the lateral midfoot band],
//              "pronation": [-1..1, + medial COP path],
//              "toe_walker": bool (heel and midfoot never loaded)},
//     "walking_speed_m_s": [m/s], "stance_time_s": [s],
//     "stance_width_mm": [mm] (static: across the plate between the middles of the two feet),
//     "line_offset_mm": [mm] (the whole placement moved across the plate, +x, from its centre line),
//     "sensors": {"noise_kpa": [kPa, standard deviation], "noise_threshold_kpa": [kPa],
//                 "crosstalk": [fraction to each 4-neighbour], "dead_sensor_fraction": [0..1],
//                 "adc_max_counts": [counts], "full_scale_kpa": [kPa],
//                 "stuck_lines": [ {              // sensor lines stuck at one reading (a plate flaw)
//                   "line": "column" | "row",
//                   "index": int (column index = x / pitch_x, or row index = y / pitch_y),
//                   "first": int, "last": int (the stuck sensors along the line, inclusive;
//                            last is resolved: never -1 here),
//                   "kpa": [kPa] (what each stuck sensor reads),
//                   "only_when_loaded": bool (true: only in frames where some sensor of the
//                            line reads a load without the flaw; false: in every frame)
//                 } ]}
//   },
//   "coordinates": text: plate x across (columns), y along (rows), mm at sensor centres from
//                  sensor (0,0); the subject walks toward +y; left foot medial side is +x;
//   "walk_protocol": text: how the walk crosses the plate (repeated passes toward +y);
//   "walk_step_length_mm": [mm] (scaled by foot length / 260 mm), "walk_step_time_s": [s]
//                          (between consecutive strikes),
//   "walk_turnaround_s": [s] (off the plate between passes),
//   "model_arch_index": [ratio] (Cavanagh & Rodgers, from the model's toe-less contact shape),
//   "frame_count": int,
//   "steps": [ {                    // contacts that load the plate during the recording, in strike order;
//                                   // static stance: one entry per foot, standing for the whole
//                                   // recording (strike 0, off at the end, not cut_by_recording)
//     "side": "left" | "right",
//     "strike_us": [us], "off_us": [us] (device time; strike may be < 0, off may be past the end),
//     "contact_time_s": [s] (off - strike),
//     "heel_x_mm": [mm], "heel_y_mm": [mm] (centre of the heel in plate coordinates),
//     "axis_angle_deg": [deg] (foot axis against +y, positive turns the toes toward +x),
//     "cut_by_plate_edge": bool (part of the print, the foot's loaded contact shape, lies beyond
//                          the plate's outermost sensors and is not measured; a toe-walker's
//                          print is forefoot and toes),
//     "cut_by_recording": bool (started before the first frame or ended after the last),
//     "peak_force_n": [N] (largest noiseless force of this contact on the plate, only the part of
//                      the foot on the plate, over the whole contact even where it is outside
//                      the recording; sampled at 2001 instants of the contact),
//     "off_plate_area_fraction": [0..1] (of the print's area, the part beyond the plate; > 0
//                                exactly when cut_by_plate_edge),
//     "off_plate_load_fraction": [0..1] (of the contact's force-time integral, the part beyond
//                                the plate),
//     "edge_load_fraction": [0..1] (of the contact's force-time integral, the part the plate's
//                           outermost rows and columns measure; a foot that merely grazes the
//                           edge has a small value here and off_plate_load_fraction ~ 0)
//   } ]
// }
#include <nlohmann/json.hpp>

#include "layout.hpp"
#include "loading.hpp"
#include "plantar/capture/sim/simulated_plate.hpp"

namespace plantar::sim {

std::string to_string(Side side) { return side == Side::Left ? "left" : "right"; }

std::string to_string(Scenario scenario) {
    switch (scenario) {
        case Scenario::StaticStance: return "static";
        case Scenario::Walk: return "walk";
        case Scenario::SingleStep: return "step";
    }
    return "unknown";
}

std::string to_string(FootType type) {
    switch (type) {
        case FootType::HighArch: return "high-arch";
        case FootType::Normal: return "normal";
        case FootType::Flat: return "flat";
    }
    return "unknown";
}

std::optional<Scenario> scenario_from_string(const std::string& text) {
    for (Scenario scenario : {Scenario::StaticStance, Scenario::Walk, Scenario::SingleStep})
        if (text == to_string(scenario)) return scenario;
    return std::nullopt;
}

std::optional<FootType> foot_type_from_string(const std::string& text) {
    for (FootType type : {FootType::HighArch, FootType::Normal, FootType::Flat})
        if (text == to_string(type)) return type;
    return std::nullopt;
}

std::string SimulationTruth::to_json() const {
    using nlohmann::json;
    const SimulationConfig& c = config;
    json geometry = {{"rows", c.geometry.rows},
                     {"cols", c.geometry.cols},
                     {"pitch_x_mm", c.geometry.pitch_x_mm},
                     {"pitch_y_mm", c.geometry.pitch_y_mm},
                     {"sensor_area_mm2", c.geometry.sensor_area_mm2}};
    // One key per line: the JSON is documented above and read by people.
    // clang-format off
    json foot = {{"length_mm", c.foot.length_mm},
                 {"forefoot_width_mm", c.foot.forefoot_width_mm},
                 {"heel_width_mm", c.foot.heel_width_mm},
                 {"arch", c.foot.arch},
                 {"pronation", c.foot.pronation},
                 {"toe_walker", c.foot.toe_walker}};
    json sensors = {{"noise_kpa", c.sensors.noise_kpa},
                    {"noise_threshold_kpa", c.sensors.noise_threshold_kpa},
                    {"crosstalk", c.sensors.crosstalk},
                    {"dead_sensor_fraction", c.sensors.dead_sensor_fraction},
                    {"adc_max_counts", c.sensors.adc_max_counts},
                    {"full_scale_kpa", c.sensors.full_scale_kpa},
                    {"stuck_lines", json::array()}};
    // clang-format on
    for (const StuckLine& line : c.sensors.stuck_lines) {
        const int length = line.column ? c.geometry.rows : c.geometry.cols;
        sensors["stuck_lines"].push_back({{"line", line.column ? "column" : "row"},
                                          {"index", line.index},
                                          {"first", line.first},
                                          {"last", line.last < 0 ? length - 1 : line.last},
                                          {"kpa", line.kpa},
                                          {"only_when_loaded", line.only_when_loaded}});
    }
    json config_json = {{"scenario", to_string(c.scenario)},
                        {"geometry", geometry},
                        {"rate_hz", c.rate_hz},
                        {"duration_s", c.duration_s},
                        {"seed", c.seed},
                        {"body_mass_kg", c.body_mass_kg},
                        {"body_weight_n", c.body_mass_kg * detail::standard_gravity},
                        {"foot", foot},
                        {"walking_speed_m_s", c.walking_speed_m_s},
                        {"stance_time_s", c.stance_time_s},
                        {"stance_width_mm", c.stance_width_mm},
                        {"line_offset_mm", c.line_offset_mm},
                        {"sensors", sensors}};
    json steps_json = json::array();
    for (const SimulatedStep& step : steps) {
        steps_json.push_back({{"side", to_string(step.side)},
                              {"strike_us", step.strike_us},
                              {"off_us", step.off_us},
                              {"contact_time_s", static_cast<double>(step.off_us - step.strike_us) * 1e-6},
                              {"heel_x_mm", step.heel_x_mm},
                              {"heel_y_mm", step.heel_y_mm},
                              {"axis_angle_deg", step.axis_angle_deg},
                              {"cut_by_plate_edge", step.cut_by_plate_edge},
                              {"cut_by_recording", step.cut_by_recording},
                              {"peak_force_n", step.peak_force_n},
                              {"off_plate_area_fraction", step.off_plate_area_fraction},
                              {"off_plate_load_fraction", step.off_plate_load_fraction},
                              {"edge_load_fraction", step.edge_load_fraction}});
    }
    json truth = {
        {"format", "plantar-simulation-truth"},
        {"version", 1},
        {"config", config_json},
        {"coordinates",
         "plate x across (columns), y along (rows), mm at sensor centres from sensor (0,0); the subject faces +y; "
         "the left foot's medial side is +x, the right foot's -x"},
        {"walk_protocol",
         "repeated passes toward +y: each pass starts a few steps before the plate and ends after it, one step "
         "centred on the plate (left and right in turn), then the subject walks back around the plate"},
        {"walk_step_length_mm", detail::walking_step_length_mm(c.walking_speed_m_s, c.foot.length_mm)},
        {"walk_step_time_s", detail::walking_step_time_s(c.walking_speed_m_s, c.foot.length_mm)},
        {"walk_turnaround_s", detail::walk_turnaround_s},
        {"model_arch_index", model_arch_index},
        {"frame_count", frame_count},
        {"steps", steps_json}};
    return truth.dump(2);
}

}  // namespace plantar::sim
