#include "plantar/analysis/sensor_map.hpp"

#include <algorithm>

namespace plantar::analysis {

std::string to_string(Side side) {
    switch (side) {
        case Side::Left: return "left";
        case Side::Right: return "right";
        case Side::Unknown: break;
    }
    return "unknown";
}

SensorMap SensorMap::make(const PlateGeometry& geometry, const SensorLayout& layout, PressureScale scale) {
    SensorMap map;
    map.geometry = geometry;
    map.layout = layout;
    map.scale = scale;
    const std::size_t n = geometry.sensor_count();
    map.x_mm.resize(n);
    map.y_mm.resize(n);
    map.area_mm2.resize(n);
    map.present.assign(n, 1);
    if (layout.has_placed_sensors()) {
        for (std::size_t i = 0; i < n && i < layout.sensors.size(); ++i) {
            map.x_mm[i] = layout.sensors[i].x_mm;
            map.y_mm[i] = layout.sensors[i].y_mm;
            map.area_mm2[i] = layout.sensors[i].area_mm2;
        }
        return map;
    }
    for (int r = 0; r < geometry.rows; ++r) {
        for (int c = 0; c < geometry.cols; ++c) {
            const std::size_t i = geometry.index(r, c);
            map.x_mm[i] = geometry.x_mm(c);
            map.y_mm[i] = geometry.y_mm(r);
            map.area_mm2[i] = geometry.sensor_area_mm2;
            if (!layout.grid_present.empty() && layout.grid_present[i] == 0) {
                map.present[i] = 0;
                map.area_mm2[i] = 0.0;
            }
        }
    }
    return map;
}

double frame_load(const SensorMap& sensors, const Frame& frame) {
    double sum = 0.0;
    const std::size_t n = std::min(sensors.size(), frame.pressure_kpa.size());
    for (std::size_t i = 0; i < n; ++i) sum += static_cast<double>(frame.pressure_kpa[i]) * sensors.area_mm2[i];
    return sum * 1e-3;
}

Point centre_of_pressure(const SensorMap& sensors, const Frame& frame, std::span<const std::uint8_t> mask) {
    double sum = 0.0, sx = 0.0, sy = 0.0;
    const std::size_t n = std::min(sensors.size(), frame.pressure_kpa.size());
    for (std::size_t i = 0; i < n; ++i) {
        if (!mask.empty() && mask[i] == 0) continue;
        const double load = static_cast<double>(frame.pressure_kpa[i]) * sensors.area_mm2[i];
        if (!(load > 0.0)) continue;
        sum += load;
        sx += load * sensors.x_mm[i];
        sy += load * sensors.y_mm[i];
    }
    if (!(sum > 0.0)) return {};
    return Point{sx / sum, sy / sum};
}

}  // namespace plantar::analysis
