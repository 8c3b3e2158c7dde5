// The simulated plate as a FrameSource: plans the contacts of the scenario, renders each
// frame from the contacts' precomputed templates, and plays the sensors and the ADC.
#include "plantar/capture/sim/simulated_plate.hpp"

#include <algorithm>
#include <cmath>
#include <sstream>

#include "footprint.hpp"
#include "layout.hpp"
#include "loading.hpp"
#include "plantar/capture/errors.hpp"
#include "random.hpp"
#include "stuck_lines.hpp"

namespace plantar::sim {

namespace {

using detail::channel_count;
using detail::ChannelValues;

constexpr std::uint64_t noise_stream = 2;
constexpr std::uint64_t dead_sensor_stream = 3;
constexpr std::uint64_t sway_stream = 4;
constexpr int subsamples_per_axis = 4;  // 4 x 4 sub-samples per sensor when placing a foot
constexpr double raster_cell_mm = 0.5;

// The simulated sensors give more counts per kPa at low pressure than at high pressure, as
// force-sensing resistors do: kPa = full_scale * (0.75 x + 0.25 x^2), x = counts / max_counts,
// as a 17-point table. Mild enough that a linear reading would be off by at most ~6 % of full
// scale, so a consumer that ignores the calibration still sees sensible numbers.
Calibration simulated_calibration(const SensorRealism& sensors) {
    constexpr int points = 17;
    std::vector<CalibrationPoint> curve;
    for (int i = 0; i < points; ++i) {
        const double x = static_cast<double>(i) / (points - 1);
        curve.push_back({x * sensors.adc_max_counts, sensors.full_scale_kpa * (0.75 * x + 0.25 * x * x)});
    }
    return Calibration(std::move(curve));
}

double dot(const ChannelValues& a, const ChannelValues& b) {
    double sum = 0.0;
    for (int k = 0; k < channel_count; ++k) sum += a[k] * b[k];
    return sum;
}

// A contact as the simulator keeps it: the plan, its place on the plate and what the plate sees of it.
struct Contact {
    detail::PlannedContact plan;
    detail::Placement placement;
    ChannelValues on_plate_fraction{};
};

}  // namespace

struct SimulatedPlate::Impl {
    SimulationConfig config;
    SimulationTruth truth;
    Calibration calibration;
    detail::FootShape shape;
    detail::FootRaster raster;
    detail::RegionBalance balance;
    detail::StandingSway sway;
    double body_weight_n;
    std::vector<Contact> contacts;     // in strike order, each touching the plate during the recording
    std::vector<float> counts_to_kpa;  // calibration for every ADC count (no per-sensor gain)
    // Below this the ADC reading cannot reach the noise threshold (it is at least one count's
    // worth of kPa under it), so the sensor reads 0 without running the ADC: most of a frame.
    double surely_below_threshold_kpa = 0.0;
    std::vector<std::uint8_t> dead;  // 1 for a dead sensor
    detail::Random noise;

    // Frame generation state.
    std::uint64_t next_index = 0;
    std::size_t next_contact = 0;  // first contact not yet started
    // The contacts on the plate now, with their templates (made when the contact starts).
    std::vector<std::pair<std::size_t, detail::ContactFootprint>> active;
    std::vector<float> ideal;      // noiseless pressure of the frame being made
    std::vector<float> crosstalk;  // the same after crosstalk

    explicit Impl(SimulationConfig c);
    ChannelValues loads(const Contact& contact, std::int64_t time_us) const;
    std::int64_t frame_time_us(std::uint64_t index) const {
        return std::llround(static_cast<double>(index) * 1e6 / config.rate_hz);
    }
    void render_ideal(std::int64_t time_us);
    void apply_sensors(std::vector<float>& out);
};

namespace {

detail::RegionBalance balance_of(const detail::FootRaster& raster) {
    return {raster.natural_medial_share_heel(), raster.natural_medial_share_forefoot(),
            raster.natural_hallux_share_toes()};
}

detail::StandingSway make_sway(std::uint64_t seed) {
    detail::Random random(seed, sway_stream);
    return detail::StandingSway(random);
}

}  // namespace

SimulatedPlate::Impl::Impl(SimulationConfig c)
    : config(std::move(c)),
      calibration(simulated_calibration(config.sensors)),
      shape(config.foot),
      raster(shape, raster_cell_mm),
      balance(balance_of(raster)),
      sway(make_sway(config.seed)),
      body_weight_n(config.body_mass_kg * detail::standard_gravity),
      noise(config.seed, noise_stream) {
    const PlateGeometry& plate = config.geometry;
    const auto frame_count = static_cast<std::uint64_t>(std::llround(config.duration_s * config.rate_hz));
    const std::int64_t last_frame_us = frame_time_us(frame_count - 1);

    truth.config = config;
    truth.model_arch_index = model_arch_index(config.foot);
    truth.frame_count = frame_count;
    for (const auto& plan : detail::plan_contacts(config, shape)) {
        // Contacts that load the plate at no frame time are not part of this trial.
        if (plan.off_us <= 0 || plan.strike_us >= last_frame_us) continue;
        detail::Placement placement(plan.side, plan.heel_x_mm, plan.heel_y_mm, plan.axis_angle_deg,
                                    shape.heel_centre_u());
        const auto footprint = detail::make_footprint(placement, shape, raster, plate, subsamples_per_axis,
                                                      detail::printed_channels(config.foot));
        double on_plate = 0.0;
        for (double fraction : footprint.on_plate_fraction) on_plate += fraction;
        if (on_plate <= 0.0) continue;
        Contact contact{plan, placement, footprint.on_plate_fraction};

        SimulatedStep step;
        step.side = plan.side;
        step.strike_us = plan.strike_us;
        step.off_us = plan.off_us;
        step.heel_x_mm = plan.heel_x_mm;
        step.heel_y_mm = plan.heel_y_mm;
        step.axis_angle_deg = plan.axis_angle_deg;
        // Only the printed (loaded) parts count: a toe-walker's heel off the plate cuts nothing.
        step.cut_by_plate_edge = footprint.cut_by_plate_edge;
        step.off_plate_area_fraction = footprint.off_plate_area_fraction;
        step.cut_by_recording = !plan.standing && (plan.strike_us < 0 || plan.off_us > last_frame_us);
        // The largest force the plate sees from this contact and the impulse of each channel,
        // sampled finely over its time.
        constexpr int samples = 2000;
        ChannelValues impulse{};
        for (int i = 0; i <= samples; ++i) {
            const auto time_us = plan.strike_us + (plan.off_us - plan.strike_us) * i / samples;
            const ChannelValues now = loads(contact, time_us);
            step.peak_force_n = std::max(step.peak_force_n, dot(now, contact.on_plate_fraction));
            for (int k = 0; k < channel_count; ++k) impulse[k] += now[k];
        }
        double whole = 0.0;
        for (double part : impulse) whole += part;
        if (whole > 0.0) {
            step.off_plate_load_fraction = std::max(0.0, 1.0 - dot(impulse, footprint.on_plate_fraction) / whole);
            step.edge_load_fraction = dot(impulse, footprint.edge_fraction) / whole;
        }
        truth.steps.push_back(step);
        contacts.push_back(std::move(contact));
    }

    counts_to_kpa.resize(config.sensors.adc_max_counts + 1u);
    for (std::size_t count = 0; count < counts_to_kpa.size(); ++count)
        counts_to_kpa[count] = static_cast<float>(calibration.to_kpa(static_cast<double>(count), 0));
    double kpa_per_count = 0.0;
    const auto& curve = calibration.curve();
    for (std::size_t i = 1; i < curve.size(); ++i)
        kpa_per_count =
            std::max(kpa_per_count, (curve[i].kpa - curve[i - 1].kpa) / (curve[i].counts - curve[i - 1].counts));
    surely_below_threshold_kpa = std::max(1e-9, config.sensors.noise_threshold_kpa - kpa_per_count);

    // Dead sensors: a seeded partial Fisher-Yates shuffle picks exactly round(fraction * n).
    const std::size_t sensor_count = plate.sensor_count();
    dead.assign(sensor_count, 0);
    const auto dead_count =
        static_cast<std::size_t>(std::llround(config.sensors.dead_sensor_fraction * static_cast<double>(sensor_count)));
    std::vector<std::size_t> order(sensor_count);
    for (std::size_t i = 0; i < sensor_count; ++i) order[i] = i;
    detail::Random pick(config.seed, dead_sensor_stream);
    for (std::size_t i = 0; i < dead_count; ++i) {
        const auto j = i + static_cast<std::size_t>(pick.uniform() * static_cast<double>(sensor_count - i));
        std::swap(order[i], order[std::min(j, sensor_count - 1)]);
        dead[order[i]] = 1;
    }
    ideal.assign(sensor_count, 0.0f);
    crosstalk.assign(sensor_count, 0.0f);
}

ChannelValues SimulatedPlate::Impl::loads(const Contact& contact, std::int64_t time_us) const {
    const auto& plan = contact.plan;
    if (time_us < plan.strike_us || time_us >= plan.off_us) return ChannelValues{};
    if (plan.standing)
        return detail::standing_channel_loads(static_cast<double>(time_us) * 1e-6, plan.side, body_weight_n, sway,
                                              config.foot, balance);
    const double stance_fraction =
        static_cast<double>(time_us - plan.strike_us) / static_cast<double>(plan.off_us - plan.strike_us);
    return detail::gait_channel_loads(stance_fraction, body_weight_n, plan.gait, config.foot, balance);
}

void SimulatedPlate::Impl::render_ideal(std::int64_t time_us) {
    // Contacts arrive in strike order: start those that have struck, drop those that are off.
    while (next_contact < contacts.size() && contacts[next_contact].plan.strike_us <= time_us) {
        const Contact& contact = contacts[next_contact];
        if (contact.plan.off_us > time_us)
            active.emplace_back(next_contact, detail::make_footprint(contact.placement, shape, raster, config.geometry,
                                                                     subsamples_per_axis));
        ++next_contact;
    }
    std::erase_if(active, [&](const auto& entry) { return contacts[entry.first].plan.off_us <= time_us; });

    std::fill(ideal.begin(), ideal.end(), 0.0f);
    for (const auto& [index, footprint] : active)
        detail::add_contact_pressure(footprint, loads(contacts[index], time_us), config.geometry, ideal);
}

void SimulatedPlate::Impl::apply_sensors(std::vector<float>& out) {
    const PlateGeometry& plate = config.geometry;
    const SensorRealism& sensors = config.sensors;
    const std::vector<float>* load = &ideal;
    if (sensors.crosstalk > 0.0) {
        // Each sensor leaks `crosstalk` of its reading to each 4-neighbour on the plate and keeps
        // the rest, so crosstalk blurs the print without changing the total force.
        const auto leak = static_cast<float>(sensors.crosstalk);
        for (int r = 0; r < plate.rows; ++r)
            for (int c = 0; c < plate.cols; ++c) {
                const std::size_t i = plate.index(r, c);
                float received = 0.0f;
                int neighbours = 0;
                if (r > 0) received += ideal[i - static_cast<std::size_t>(plate.cols)], ++neighbours;
                if (r + 1 < plate.rows) received += ideal[i + static_cast<std::size_t>(plate.cols)], ++neighbours;
                if (c > 0) received += ideal[i - 1], ++neighbours;
                if (c + 1 < plate.cols) received += ideal[i + 1], ++neighbours;
                crosstalk[i] = ideal[i] * (1.0f - leak * static_cast<float>(neighbours)) + leak * received;
            }
        load = &crosstalk;
    }
    const bool noisy = sensors.noise_kpa > 0.0;
    const auto threshold = static_cast<float>(sensors.noise_threshold_kpa);
    const double max_counts = static_cast<double>(sensors.adc_max_counts);
    for (std::size_t i = 0; i < out.size(); ++i) {
        double kpa = (*load)[i];
        if (noisy) kpa += sensors.noise_kpa * noise.normal();  // drawn for every sensor: the stream stays aligned
        if (kpa < surely_below_threshold_kpa || dead[i]) {
            out[i] = 0.0f;
            continue;
        }
        // The ADC: the nearest count (saturating at the maximum), read back through the calibration.
        const double counts = std::min(std::round(calibration.to_counts(kpa)), max_counts);
        const float reading = counts_to_kpa[static_cast<std::size_t>(counts)];
        out[i] = reading < threshold ? 0.0f : reading;
    }
    detail::apply_stuck_lines(sensors.stuck_lines, plate, out);
}

SimulatedPlate::SimulatedPlate(SimulationConfig config) {
    if (auto error = config.validation_error(); !error.empty()) throw InvalidArgument("simulated plate: " + error);
    impl_ = std::make_unique<Impl>(std::move(config));
}

SimulatedPlate::~SimulatedPlate() = default;
SimulatedPlate::SimulatedPlate(SimulatedPlate&&) noexcept = default;
SimulatedPlate& SimulatedPlate::operator=(SimulatedPlate&&) noexcept = default;

const PlateGeometry& SimulatedPlate::geometry() const { return impl_->config.geometry; }
double SimulatedPlate::nominal_rate_hz() const { return impl_->config.rate_hz; }
std::optional<std::uint64_t> SimulatedPlate::expected_frame_count() const { return impl_->truth.frame_count; }
const SimulationTruth& SimulatedPlate::truth() const { return impl_->truth; }
const Calibration& SimulatedPlate::calibration() const { return impl_->calibration; }

SourceDescription SimulatedPlate::description() const {
    const SimulationConfig& c = impl_->config;
    std::ostringstream details;
    details << to_string(c.scenario) << ", " << c.geometry.rows << "x" << c.geometry.cols << " sensors at "
            << c.geometry.pitch_x_mm << "x" << c.geometry.pitch_y_mm << " mm, " << c.rate_hz << " Hz, " << c.duration_s
            << " s, seed " << c.seed << ", " << c.body_mass_kg << " kg, foot " << c.foot.length_mm << "x"
            << c.foot.forefoot_width_mm << " mm arch " << c.foot.arch << " pronation " << c.foot.pronation;
    if (c.foot.toe_walker) details << ", toe-walker";
    if (c.scenario != Scenario::StaticStance)
        details << ", " << c.walking_speed_m_s << " m/s, stance " << c.stance_time_s << " s";
    else
        details << ", stance width " << c.stance_width_mm << " mm";
    if (c.line_offset_mm != 0.0) details << ", line offset " << c.line_offset_mm << " mm";
    details << ", noise " << c.sensors.noise_kpa << " kPa, threshold " << c.sensors.noise_threshold_kpa
            << " kPa, crosstalk " << c.sensors.crosstalk << ", dead " << c.sensors.dead_sensor_fraction;
    for (const StuckLine& line : c.sensors.stuck_lines)
        details << ", stuck " << (line.column ? "column " : "row ") << line.index << " at " << line.kpa << " kPa";
    return {SourceKind::Simulator, "simulated plate", details.str()};
}

double SimulatedPlate::model_force_n(std::int64_t time_us) const {
    // The force the plate would measure without sensor flaws: the part of each foot's load
    // that falls on the plate (a foot cut by the plate edge counts only its on-plate part).
    double force = 0.0;
    for (const Contact& contact : impl_->contacts) {
        if (contact.plan.strike_us > time_us) break;
        force += dot(impl_->loads(contact, time_us), contact.on_plate_fraction);
    }
    return force;
}

std::optional<Frame> SimulatedPlate::next() {
    Impl& impl = *impl_;
    if (impl.next_index >= impl.truth.frame_count) return std::nullopt;
    Frame frame(impl.config.geometry);
    frame.sequence = impl.next_index;
    frame.device_time_us = impl.frame_time_us(impl.next_index);
    impl.render_ideal(frame.device_time_us);
    impl.apply_sensors(frame.pressure_kpa);
    frame.host_time_ns = host_now_ns();
    ++impl.next_index;
    return frame;
}

}  // namespace plantar::sim
