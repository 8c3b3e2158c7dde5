// The simulated plate: a parametric foot loaded by a body mass, rendered onto any plate
// geometry with the flaws of real sensors, deterministic from a seed, and carrying its own
// ground truth so that the analysis can be tested against it.
#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "plantar/capture/calibration.hpp"
#include "plantar/capture/frame_source.hpp"

namespace plantar::sim {

enum class Side { Left, Right };
enum class Scenario { StaticStance, Walk, SingleStep };
enum class FootType { HighArch, Normal, Flat };

std::string to_string(Side side);          // "left", "right"
std::string to_string(Scenario scenario);  // "static", "walk", "step"
std::string to_string(FootType type);      // "high-arch", "normal", "flat"
std::optional<Scenario> scenario_from_string(const std::string& text);
std::optional<FootType> foot_type_from_string(const std::string& text);
TrialKind trial_kind_of(Scenario scenario);

// The shape of one foot. Lengths in mm.
struct FootParameters {
    double length_mm = 260.0;         // heel to tip of the longest toe
    double forefoot_width_mm = 100.0; // widest across the metatarsal heads
    double heel_width_mm = 62.0;
    // Width of the lateral midfoot contact band as a fraction of the midfoot's full width:
    // near 0 a high arch (heel and forefoot barely joined), near 1 a flat foot.
    double arch = 0.45;
    // Moves the centre-of-pressure path medially (> 0, pronated) or laterally (< 0, supinated);
    // 0 is neutral, +-1 is a marked deviation.
    double pronation = 0.0;
    // A toe-walker (equinus gait, as in idiopathic toe-walking or cerebral palsy): the heel and
    // the midfoot never touch the plate; walking and standing load only forefoot and toes. The
    // shape (and model_arch_index) stays that of the whole foot.
    bool toe_walker = false;

    // Presets a clinician would recognise; `arch` takes the preset's value.
    static FootParameters of_type(FootType type);
    // The same shape at another length: both widths scale with the length, so a child's or a
    // small adult's foot keeps the proportions (arch, pronation and toe-walking are kept).
    FootParameters scaled_to_length(double length_mm) const;
    bool operator==(const FootParameters&) const = default;
};

// The model's own arch index (Cavanagh & Rodgers definition: midfoot third of the toe-less
// contact area over the whole toe-less area), computed from the model's contact geometry at
// fine resolution, independent of any plate. Ground truth for the analysis.
double model_arch_index(const FootParameters& foot);

// A sensor line (a column or a row of the matrix) stuck at one reading: a plate flaw. A short
// between a drive and a sense trace, or a damaged trace, makes every sensor of the line read
// about the same pressure; in a thin-film insole (F-Scan) a cracked trace typically shorts only
// while the line is pressed, so the streak appears when that line carries load. The analysis
// should see it as what it is: an isolated streak one or two sensors wide, not part of a foot.
struct StuckLine {
    bool column = true;  // true: a column (fixed x, along y); false: a row (fixed y, across x)
    int index = 0;       // the column's or the row's index on the plate
    int first = 0;       // the stuck sensors along the line: first .. last (inclusive)
    int last = -1;       // -1: to the end of the line
    double kpa = 40.0;   // what each stuck sensor reads
    // true: only in frames where some sensor of the line (anywhere along it) reads a load
    // without the flaw; false: always (a shorted line).
    bool only_when_loaded = true;
    bool operator==(const StuckLine&) const = default;
};

// The flaws of a real plate.
struct SensorRealism {
    double noise_kpa = 1.5;            // standard deviation of additive Gaussian noise
    double noise_threshold_kpa = 5.0;  // the plate reports 0 below this (as real firmware does)
    double crosstalk = 0.02;           // fraction of each sensor's load that leaks to each 4-neighbour
    double dead_sensor_fraction = 0.0; // sensors that always read 0, chosen from the seed
    std::uint32_t adc_max_counts = 4095;  // 12-bit ADC: quantisation and saturation
    double full_scale_kpa = 1200.0;    // pressure at adc_max_counts; higher pressures saturate
    std::vector<StuckLine> stuck_lines;  // none on a good plate
    bool operator==(const SensorRealism&) const = default;

    static SensorRealism ideal();  // no noise, threshold, crosstalk, dead sensors or stuck lines (for tests)
};

struct SimulationConfig {
    Scenario scenario = Scenario::Walk;
    PlateGeometry geometry = PlateGeometry::clinical_plate();
    double rate_hz = 100.0;         // 50 .. 2000
    double duration_s = 10.0;
    std::uint64_t seed = 1;
    double body_mass_kg = 70.0;
    FootParameters foot;            // both feet share the shape; sides are mirrored
    double walking_speed_m_s = 1.2; // walk: average progression speed
    double stance_time_s = 0.6;     // walk and step: contact time of one foot at this pace
    // Static stance: distance across the plate between the middles of the two feet (half their
    // length along each axis). With the default foot the prints touch at 100 mm or less, and
    // below about 85 mm the forefeet would overlap (the model does not stop that: loads add).
    double stance_width_mm = 160.0;
    // Moves the whole placement (the walk's line of progression, the standing feet, the single
    // step) across the plate (+x) from the plate's centre line, so that feet can graze or cross
    // the plate's side edges. At most half the plate's width either way.
    double line_offset_mm = 0.0;
    SensorRealism sensors;

    // Empty when usable, else what is wrong (rate out of range, bad geometry, ...).
    std::string validation_error() const;
};

// One simulated foot contact as the model placed it.
struct SimulatedStep {
    Side side = Side::Left;
    std::int64_t strike_us = 0;   // the model's heel strike, not rounded to a frame (< 0: before the recording)
    std::int64_t off_us = 0;      // foot-off time
    double heel_x_mm = 0.0;       // centre of the heel in plate coordinates
    double heel_y_mm = 0.0;
    double axis_angle_deg = 0.0;  // foot axis against the plate's y axis, positive turning the toes to +x
    bool cut_by_plate_edge = false;  // part of the loaded print lies off the plate and is not measured
    bool cut_by_recording = false;  // started before the first frame or ended after the last
    double peak_force_n = 0.0;
    // How much of the print the plate misses or just catches. The print is the foot's loaded
    // contact shape (a toe-walker's: forefoot and toes); "off the plate" is beyond the plate's
    // outermost sensors (each sensor measures its own cell). Load fractions are shares of the
    // contact's force-time integral (impulse) over the whole contact.
    double off_plate_area_fraction = 0.0;  // of the print's area; > 0 exactly when cut_by_plate_edge
    double off_plate_load_fraction = 0.0;  // of the contact's impulse
    double edge_load_fraction = 0.0;       // of the contact's impulse, on the plate's outermost rows and columns
};

// Everything the simulator knows about the trial it made.
struct SimulationTruth {
    SimulationConfig config;
    double model_arch_index = 0.0;   // model_arch_index(config.foot)
    std::vector<SimulatedStep> steps;  // in strike order; static stance: one entry per foot
    std::uint64_t frame_count = 0;

    std::string to_json() const;      // the documented JSON stored with a simulated trial
};

class SimulatedPlate final : public FrameSource {
public:
    // Throws InvalidArgument when config.validation_error() is not empty.
    explicit SimulatedPlate(SimulationConfig config);
    ~SimulatedPlate() override;
    SimulatedPlate(SimulatedPlate&&) noexcept;
    SimulatedPlate& operator=(SimulatedPlate&&) noexcept;

    const PlateGeometry& geometry() const override;
    double nominal_rate_hz() const override;
    SourceDescription description() const override;
    std::optional<Frame> next() override;
    std::optional<std::uint64_t> expected_frame_count() const override;

    const SimulationTruth& truth() const;
    // The calibration of the simulated plate's ADC (counts -> kPa).
    const Calibration& calibration() const;
    // The noiseless vertical force (N) the model applies to the plate at a time, summed over
    // both feet; a foot partly off the plate counts only with its part on the plate, so this
    // equals the force of an ideal frame.
    double model_force_n(std::int64_t time_us) const;

private:
    struct Impl;
    std::unique_ptr<Impl> impl_;
};

}  // namespace plantar::sim
