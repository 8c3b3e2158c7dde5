// Balance of a static trial (docs/methods.md section 8).
#include "plantar/analysis/balance.hpp"

#include <algorithm>
#include <array>
#include <cmath>
#include <numbers>

#include "plantar/analysis/gait.hpp"

namespace plantar::analysis {

namespace {

// chi-square quantile for 95 % with 2 degrees of freedom (= -2 ln 0.05).
constexpr double kChiSquare95TwoDof = 5.991;

bool in_window(const BalanceConfig& config, double time_s) { return time_s >= config.start_s && time_s <= config.end_s; }

// One pass of a 2nd-order Butterworth low-pass (bilinear transform with pre-warping), its
// state started at the first value so that a constant passes unchanged from the first sample.
void butterworth_pass(std::vector<double>& values, double cutoff_hz, double rate_hz) {
    const double k = std::tan(std::numbers::pi * cutoff_hz / rate_hz);
    const double norm = 1.0 / (1.0 + std::numbers::sqrt2 * k + k * k);
    const double b0 = k * k * norm, b1 = 2.0 * b0, b2 = b0;
    const double a1 = 2.0 * (k * k - 1.0) * norm, a2 = (1.0 - std::numbers::sqrt2 * k + k * k) * norm;
    double x1 = values.front(), x2 = values.front(), y1 = values.front(), y2 = values.front();
    for (double& v : values) {
        const double x = v;
        const double y = b0 * x + b1 * x1 + b2 * x2 - a1 * y1 - a2 * y2;
        x2 = x1, x1 = x, y2 = y1, y1 = y;
        v = y;
    }
}

void zero_phase_lowpass(std::vector<double>& values, double cutoff_hz, double rate_hz) {
    butterworth_pass(values, cutoff_hz, rate_hz);
    std::reverse(values.begin(), values.end());
    butterworth_pass(values, cutoff_hz, rate_hz);
    std::reverse(values.begin(), values.end());
}

// Filters each run of successive valid COP points (an unloaded frame ends a run).
void filter_cop_path(BalanceResult& result, const BalanceConfig& config) {
    auto& path = result.cop_path;
    if (!(config.lowpass_hz > 0.0) || path.size() < 2) return;
    const double duration = path.back().time_s - path.front().time_s;
    const double rate = static_cast<double>(path.size() - 1) / duration;
    if (!(duration > 0.0) || !(config.lowpass_hz < 0.5 * rate)) {
        result.notes.push_back("COP not filtered: the cut-off is not below half the frame rate");
        return;
    }
    std::size_t begin = 0;
    while (begin < path.size()) {
        if (!path[begin].point.valid()) {
            ++begin;
            continue;
        }
        std::size_t end = begin;
        while (end < path.size() && path[end].point.valid()) ++end;
        if (end - begin >= 3) {
            std::vector<double> xs, ys;
            for (std::size_t i = begin; i < end; ++i) xs.push_back(path[i].point.x_mm), ys.push_back(path[i].point.y_mm);
            zero_phase_lowpass(xs, config.lowpass_hz, rate);
            zero_phase_lowpass(ys, config.lowpass_hz, rate);
            for (std::size_t i = begin; i < end; ++i) path[i].point = {xs[i - begin], ys[i - begin]};
        }
        begin = end;
    }
}

void add_sway_measures(BalanceResult& result) {
    std::vector<Point> points;
    for (const auto& sample : result.cop_path)
        if (sample.point.valid()) points.push_back(sample.point);
    result.path = summarize_cop_path(result.cop_path);
    if (points.size() < 2) {
        result.notes.push_back("fewer than 2 frames with a centre of pressure");
        return;
    }
    double mx = 0.0, my = 0.0;
    for (const auto& p : points) mx += p.x_mm, my += p.y_mm;
    const auto n = static_cast<double>(points.size());
    mx /= n, my /= n;
    double sum_distance = 0.0, sum_squared = 0.0, sum_x2 = 0.0, sum_y2 = 0.0;
    for (const auto& p : points) {
        const double dx = p.x_mm - mx, dy = p.y_mm - my;
        sum_distance += std::hypot(dx, dy);
        sum_squared += dx * dx + dy * dy;
        sum_x2 += dx * dx;
        sum_y2 += dy * dy;
    }
    result.mean_distance_mm = sum_distance / n;
    result.rms_distance_mm = std::sqrt(sum_squared / n);
    result.rms_ml_mm = std::sqrt(sum_x2 / n);
    result.rms_ap_mm = std::sqrt(sum_y2 / n);
    if (result.path.ok() && result.mean_distance_mm > 0.0)
        result.mean_frequency_hz =
            result.path.path_length_mm / (2.0 * std::numbers::pi * result.mean_distance_mm * result.path.duration_s);
    result.ellipse = prediction_ellipse_95(points);
}

void add_side_shares(BalanceResult& result, std::span<const Contact> contacts, const BalanceConfig& config) {
    double left = 0.0, right = 0.0, unknown = 0.0;
    for (const Contact& contact : contacts)
        for (const auto& sample : contact.samples) {
            if (!in_window(config, sample.time_s) || !std::isfinite(sample.load)) continue;
            (contact.side == Side::Left ? left : contact.side == Side::Right ? right : unknown) += sample.load;
        }
    const double total = left + right + unknown;
    if (!(total > 0.0)) {
        result.notes.push_back("no contact carries load: no left/right split");
        return;
    }
    result.left_pct = 100.0 * left / total;
    result.right_pct = 100.0 * right / total;
    result.unknown_side_pct = 100.0 * unknown / total;
    if (unknown > 0.0) result.notes.push_back("some contacts have no side");
}

void add_region_shares(BalanceResult& result, const TrialInput& trial, std::span<const Contact> contacts,
                       std::span<const Footprint> footprints, const BalanceConfig& config) {
    const SensorMap& sensors = trial.sensors;
    const std::size_t n = sensors.size();
    std::array<double, 5> by_region{};  // indexed by Region
    double total = 0.0;
    bool any = false;
    for (std::size_t c = 0; c < contacts.size() && c < footprints.size(); ++c) {
        const Contact& contact = contacts[c];
        const Footprint& print = footprints[c];
        if (print.regions.size() != n || contact.mask.size() != n) continue;
        any = true;
        for (std::size_t f = contact.first_frame; f <= contact.last_frame && f < trial.frames.size(); ++f) {
            if (!in_window(config, frame_time_s(trial, f))) continue;
            const auto frame = trial.frames.at(f);  // holds the frame while `values` is used
            const auto& values = frame->pressure_kpa;
            for (std::size_t i = 0; i < n && i < values.size(); ++i) {
                if (contact.mask[i] == 0) continue;
                const double load = static_cast<double>(values[i]) * sensors.area_mm2[i];
                by_region[static_cast<std::size_t>(print.regions[i])] += load;
                total += load;
            }
        }
    }
    if (!any || !(total > 0.0)) {
        result.notes.push_back("no footprint with region labels: no forefoot/rearfoot split");
        return;
    }
    result.forefoot_pct =
        100.0 * (by_region[static_cast<std::size_t>(Region::Forefoot)] + by_region[static_cast<std::size_t>(Region::Toes)]) / total;
    result.midfoot_pct = 100.0 * by_region[static_cast<std::size_t>(Region::Midfoot)] / total;
    result.rearfoot_pct = 100.0 * by_region[static_cast<std::size_t>(Region::Heel)] / total;
}

}  // namespace

PredictionEllipse prediction_ellipse_95(std::span<const Point> points) {
    PredictionEllipse ellipse;
    const PointSpread spread = point_spread(points);
    if (spread.count < 3 || !std::isfinite(spread.major_variance)) return ellipse;
    ellipse.centre = spread.mean;
    ellipse.semi_major_mm = std::sqrt(kChiSquare95TwoDof * spread.major_variance);
    ellipse.semi_minor_mm = std::sqrt(kChiSquare95TwoDof * spread.minor_variance);
    ellipse.area_mm2 = std::numbers::pi * kChiSquare95TwoDof * std::sqrt(spread.major_variance * spread.minor_variance);
    double angle = std::atan2(spread.major_y, spread.major_x) * 180.0 / std::numbers::pi;
    if (angle > 90.0) angle -= 180.0;
    if (angle <= -90.0) angle += 180.0;
    ellipse.angle_deg = angle;
    return ellipse;
}

BalanceResult analyse_balance(const TrialInput& trial, std::span<const Contact> contacts,
                              std::span<const Footprint> footprints, const BalanceConfig& config) {
    BalanceResult result;
    const SensorMap& sensors = trial.sensors;
    if (!footprints.empty() && footprints.size() != contacts.size()) {
        result.notes.push_back("footprints ignored: not one per contact");
        footprints = {};
    }
    double load_sum = 0.0;
    std::size_t load_frames = 0;
    for (std::size_t f = 0; f < trial.frames.size(); ++f) {
        const double time = frame_time_s(trial, f);
        if (!in_window(config, time)) continue;
        const auto frame = trial.frames.at(f);
        if (sensors.positions_known()) result.cop_path.push_back({time, centre_of_pressure(sensors, *frame)});
        load_sum += frame_load(sensors, *frame);
        ++load_frames;
    }
    if (sensors.forces_known() && load_frames > 0) result.mean_load_n = load_sum / static_cast<double>(load_frames);
    if (sensors.positions_known()) {
        filter_cop_path(result, config);
        add_sway_measures(result);
    }
    else result.notes.push_back("sensor positions are unknown: no centre of pressure, sway or load shares by region");
    add_side_shares(result, contacts, config);
    if (sensors.positions_known()) add_region_shares(result, trial, contacts, footprints, config);
    return result;
}

}  // namespace plantar::analysis
