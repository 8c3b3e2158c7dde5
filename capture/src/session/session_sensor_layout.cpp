#include "session_sensor_layout.hpp"

#include <array>
#include <cmath>
#include <vector>

#include "hdf5_types.hpp"
#include "session_layout.hpp"

namespace plantar::session_detail {

namespace layout = session_layout;

namespace {

std::string shape_text(const std::vector<hsize_t>& dims) {
    std::string text = "[";
    for (std::size_t i = 0; i < dims.size(); ++i) text += (i > 0 ? ", " : "") + std::to_string(dims[i]);
    return text + "]";
}

std::string plate_text(const PlateGeometry& g) {
    return std::to_string(g.rows) + " x " + std::to_string(g.cols);
}

bool all_finite(const std::array<double, 8>& values) {
    for (double v : values)
        if (!std::isfinite(v)) return false;
    return true;
}

// A whole dataset of any rank, contiguous, with a `unit` attribute when `unit` is given.
void write_array(hid_t location, const char* name, hid_t file_type, hid_t memory_type, const void* data,
                 const std::vector<hsize_t>& dims, const char* unit) {
    Handle space = space_handle(H5Screate_simple(static_cast<int>(dims.size()), dims.data(), nullptr),
                                std::string("make the shape of '") + name + "'");
    Handle dataset = dataset_handle(H5Dcreate2(location, name, file_type, space.get(), kDefaultProperties,
                                               kDefaultProperties, kDefaultProperties),
                                    std::string("create dataset '") + name + "'");
    check_status(H5Dwrite(dataset.get(), memory_type, kAllOfSpace, kAllOfSpace, kDefaultProperties, data),
                 std::string("write dataset '") + name + "'");
    if (unit != nullptr) write_string_attribute(dataset.get(), layout::kUnit, unit);
    dataset.close(std::string("close dataset '") + name + "'");
}

// Reads dataset `name` (shown as `shown` in errors) of exactly the shape `expected` into `out`.
template <typename T>
std::vector<T> read_array(hid_t location, const char* name, const std::string& shown, hid_t memory_type,
                          const std::vector<hsize_t>& expected, const std::string& expected_why,
                          const std::string& what) {
    if (!link_exists(location, name))
        throw Hdf5Error("required dataset '" + shown + "' of " + what + " is missing", {});
    Handle dataset = dataset_handle(H5Dopen2(location, name, kDefaultProperties), "open dataset '" + shown + "'");
    std::vector<hsize_t> dims = dataset_dims(dataset.get(), "dataset '" + shown + "'");
    if (dims != expected)
        throw Hdf5Error("dataset '" + shown + "' of " + what + " has the shape " + shape_text(dims) + ", not " +
                            shape_text(expected) + " (" + expected_why + ")",
                        {});
    std::size_t count = 1;
    for (hsize_t d : dims) count *= static_cast<std::size_t>(d);
    std::vector<T> values(count);
    if (count > 0)
        check_status(H5Dread(dataset.get(), memory_type, kAllOfSpace, kAllOfSpace, kDefaultProperties, values.data()),
                     "read dataset '" + shown + "' of " + what);
    return values;
}

}  // namespace

std::string sensor_layout_problem(const SensorLayout& sl, const PlateGeometry& g) {
    if (!sl.grid_present.empty() && !sl.sensors.empty())
        return "a sensor layout is either a grid with holes (grid_present) or sensors without a grid (sensors), "
               "not both";
    if (!sl.grid_present.empty()) {
        if (sl.grid_present.size() != g.sensor_count())
            return "the sensor layout's grid_present has " + std::to_string(sl.grid_present.size()) +
                   " flags but the plate is " + plate_text(g) + " (" + std::to_string(g.sensor_count()) + " cells)";
        for (std::size_t i = 0; i < sl.grid_present.size(); ++i)
            if (sl.grid_present[i] > 1)
                return "the sensor layout's grid_present holds " + std::to_string(sl.grid_present[i]) + " at cell " +
                       std::to_string(i) + "; a flag is 0 (no sensor) or 1 (a sensor)";
    }
    if (!sl.geometry_known && sl.sensors.empty())
        return "a sensor layout with unknown geometry (geometry_known false) must be sensors without a grid, one "
               "placeholder per value; a grid's geometry is its pitch and sensor area";
    if (!sl.sensors.empty()) {
        if (g.rows != 1 || static_cast<std::size_t>(g.cols) != sl.sensors.size())
            return "a layout of " + std::to_string(sl.sensors.size()) +
                   " sensors without a grid needs a plate geometry of 1 x " + std::to_string(sl.sensors.size()) +
                   " (one value per sensor), not " + plate_text(g);
        bool corners = sl.sensors.front().corners_mm.has_value();
        for (std::size_t i = 0; i < sl.sensors.size(); ++i) {
            const PlacedSensor& s = sl.sensors[i];
            std::string sensor = "placed sensor " + std::to_string(i);
            if (!std::isfinite(s.x_mm) || !std::isfinite(s.y_mm)) return sensor + " has a centre that is not finite";
            if (!(s.area_mm2 > 0.0) || !std::isfinite(s.area_mm2))
                return sensor + " has an area of " + std::to_string(s.area_mm2) +
                       " mm^2; an area must be a finite positive number";
            if (s.corners_mm.has_value() != corners)
                return sensor + (corners ? " has no corners but placed sensor 0 has"
                                         : " has corners but placed sensor 0 has none") +
                       "; give corners for every sensor or for none";
            if (s.corners_mm && !all_finite(*s.corners_mm)) return sensor + " has a corner that is not finite";
        }
    }
    return {};
}

void write_sensor_layout(hid_t group, const SensorLayout& sl, const PlateGeometry& g) {
    if (sl.coverage != SensorCoverage::Plate) write_string_attribute(group, layout::kSensorCoverage, to_string(sl.coverage));
    if (!sl.grid_present.empty())
        write_array(group, layout::kGridPresent, file_uint8(), native_uint8(), sl.grid_present.data(),
                    {static_cast<hsize_t>(g.rows), static_cast<hsize_t>(g.cols)}, nullptr);
    if (sl.sensors.empty()) return;
    Handle sensors = group_handle(H5Gcreate2(group, layout::kSensorsGroup, kDefaultProperties, kDefaultProperties,
                                             kDefaultProperties),
                                  "create group 'sensors'");
    std::vector<double> x;
    std::vector<double> y;
    std::vector<double> area;
    std::vector<double> corners;
    for (const PlacedSensor& s : sl.sensors) {
        x.push_back(s.x_mm);
        y.push_back(s.y_mm);
        area.push_back(s.area_mm2);
        if (s.corners_mm) corners.insert(corners.end(), s.corners_mm->begin(), s.corners_mm->end());
    }
    hsize_t n = sl.sensors.size();
    write_array(sensors.get(), layout::kPlacedXMm, file_float64(), native_double(), x.data(), {n},
                layout::kLengthUnitValue);
    write_array(sensors.get(), layout::kPlacedYMm, file_float64(), native_double(), y.data(), {n},
                layout::kLengthUnitValue);
    write_array(sensors.get(), layout::kPlacedAreaMm2, file_float64(), native_double(), area.data(), {n},
                layout::kAreaUnitValue);
    if (corners.size() == 8 * n)
        write_array(sensors.get(), layout::kPlacedCornersMm, file_float64(), native_double(), corners.data(), {n, 8},
                    layout::kLengthUnitValue);
    // Format version 3: 0 when the centres and areas are placeholders (written for every sensors group).
    write_int8_attribute(sensors.get(), layout::kGeometryKnown, sl.geometry_known ? 1 : 0);
    sensors.close("close group 'sensors'");
}

SensorLayout read_sensor_layout(hid_t group, const PlateGeometry& g, const std::string& what) {
    SensorLayout sl;
    auto rows = static_cast<hsize_t>(g.rows);
    auto cols = static_cast<hsize_t>(g.cols);
    if (auto coverage = read_string_attribute(group, layout::kSensorCoverage)) {
        auto known = sensor_coverage_from_string(*coverage);
        if (!known)
            throw Hdf5Error("attribute 'sensor_coverage' of " + what + " is '" + *coverage +
                                "'; it is 'plate', 'insole', 'foot-crop' or 'treadmill'",
                            {});
        sl.coverage = *known;
    }
    bool has_grid = link_exists(group, layout::kGridPresent);
    bool has_sensors = link_exists(group, layout::kSensorsGroup);
    if (has_grid && has_sensors)
        throw Hdf5Error(what + " has both 'grid_present' and 'sensors'; a layout is one or the other", {});
    if (has_grid) {
        sl.grid_present = read_array<std::uint8_t>(group, layout::kGridPresent, layout::kGridPresent, native_uint8(),
                                                   {rows, cols}, "the trial's plate is " + plate_text(g), what);
        for (std::size_t i = 0; i < sl.grid_present.size(); ++i)
            if (sl.grid_present[i] > 1)
                throw Hdf5Error("dataset 'grid_present' of " + what + " holds " + std::to_string(sl.grid_present[i]) +
                                    " at cell " + std::to_string(i) + "; flags are 0 or 1",
                                {});
    }
    if (!has_sensors) return sl;
    if (g.rows != 1)
        throw Hdf5Error(what + " has a 'sensors' group but a plate of " + plate_text(g) +
                            " (sensors without a grid need 1 x N)",
                        {});
    Handle sensors = group_handle(H5Gopen2(group, layout::kSensorsGroup, kDefaultProperties),
                                  "open group 'sensors' of " + what);
    std::string why = "one per sensor: the trial's plate is 1 x " + std::to_string(g.cols);
    auto read = [&](const char* name) {
        return read_array<double>(sensors.get(), name, std::string("sensors/") + name, native_double(), {cols}, why,
                                  what);
    };
    if (auto known = read_integer_attribute(sensors.get(), layout::kGeometryKnown)) {
        if (*known != 0 && *known != 1)
            throw Hdf5Error("attribute 'sensors/geometry_known' of " + what + " is " + std::to_string(*known) +
                                "; it is 1 (the sensors' centres and areas are known) or 0 (placeholders)",
                            {});
        sl.geometry_known = *known == 1;
    }
    std::vector<double> x = read(layout::kPlacedXMm);
    std::vector<double> y = read(layout::kPlacedYMm);
    std::vector<double> area = read(layout::kPlacedAreaMm2);
    std::vector<double> corners;
    if (link_exists(sensors.get(), layout::kPlacedCornersMm))
        corners = read_array<double>(sensors.get(), layout::kPlacedCornersMm, "sensors/corners_mm", native_double(),
                                     {cols, 8}, why + ", 8 coordinates each", what);
    for (std::size_t i = 0; i < x.size(); ++i) {
        PlacedSensor s{x[i], y[i], area[i], std::nullopt};
        if (!(s.area_mm2 > 0.0) || !std::isfinite(s.area_mm2))
            throw Hdf5Error("dataset 'sensors/area_mm2' of " + what + " gives sensor " + std::to_string(i) +
                                " an area of " + std::to_string(s.area_mm2) + " mm^2",
                            {});
        if (!corners.empty()) {
            std::array<double, 8> c{};
            for (std::size_t k = 0; k < 8; ++k) c[k] = corners[i * 8 + k];
            s.corners_mm = c;
        }
        sl.sensors.push_back(s);
    }
    return sl;
}

}  // namespace plantar::session_detail
