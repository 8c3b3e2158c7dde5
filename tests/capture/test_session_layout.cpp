// Format versions 2 and 3 of the session store: sensor layouts (a grid with holes, sensors
// without a grid), an import's original unit and assumptions, raw-count trials and placed
// sensors of unknown geometry; version 1 and 2 files still read; layouts that do not fit their
// trial are refused when written and when read (forged with the HDF5 C API).
#include <doctest/doctest.h>

#include <hdf5.h>

#include <cmath>
#include <cstring>
#include <limits>

#include "hdf5_handles.hpp"  // the store's own attribute writers, to forge files (capture/src/session)
#include "hdf5_types.hpp"  // HDF5's macros without old-style-cast warnings (capture/src/session)
#include "plantar/capture/errors.hpp"
#include "plantar/capture/session/session.hpp"
#include "session_test_support.hpp"

using namespace plantar;
using namespace plantar::session_detail;
using plantar::test::TempDir;
using Kind = FileFormatError::Kind;

namespace {

bool mentions(const std::exception& error, const std::string& text) {
    return std::string(error.what()).find(text) != std::string::npos;
}

// A 12 x 8 insole-like outline: an ellipse of cells present, the corners absent.
TrialHeader grid_with_holes_header() {
    TrialHeader header = test::trial_header(PlateGeometry{12, 8, 5.08, 5.08, 25.8});
    header.source = {SourceKind::Import, "walk.asf", "Tekscan F-Scan insole"};
    header.original_unit = "raw";
    header.assumptions = {"row pitch 5.08 mm from the sensor model", "saturation at 255 counts → 862 kPa"};
    const PlateGeometry& g = header.geometry;
    for (int r = 0; r < g.rows; ++r)
        for (int c = 0; c < g.cols; ++c) {
            double dx = (c - 3.5) / 4.2;
            double dy = (r - 5.5) / 6.3;
            header.layout.grid_present.push_back(dx * dx + dy * dy <= 1.0 ? 1 : 0);
        }
    return header;
}

// N sensors of their own shapes: a 1 x N geometry and one PlacedSensor each.
TrialHeader placed_header(int n, bool corners) {
    TrialHeader header = test::trial_header(PlateGeometry{1, n, 10.0, 10.0, 100.0});
    header.source = {SourceKind::Import, "run.asc", corners ? "novel pliance mat" : "novel pedar insole"};
    header.original_unit = "N/cm2";
    for (int i = 0; i < n; ++i) {
        PlacedSensor s;
        s.x_mm = 3.25 * i - 17.0;
        s.y_mm = 1.0 / 3.0 * i + 0.1;  // not exactly representable in decimal: bit-exactness shows
        s.area_mm2 = 80.0 + 0.7 * i;
        if (corners) {
            std::array<double, 8> c{};
            for (std::size_t k = 0; k < 8; ++k) c[k] = s.x_mm + static_cast<double>(k) * 0.1 - 0.35;
            s.corners_mm = c;
        }
        header.layout.sensors.push_back(s);
    }
    return header;
}

// Synthetic frames with 0 in the holes, as an importer writes them.
Frame frame_for(const TrialHeader& header, std::uint64_t index) {
    Frame frame = test::synthetic_frame(header.geometry, index, 9);
    for (std::size_t i = 0; i < frame.pressure_kpa.size(); ++i) {
        if (!header.layout.grid_present.empty() && header.layout.grid_present[i] == 0) frame.pressure_kpa[i] = 0.0f;
        if (header.layout.has_placed_sensors()) frame.pressure_kpa[i] = static_cast<float>(index * 7 + i) * 0.37f;
    }
    return frame;
}

void write_trial(SessionWriter& writer, const TrialHeader& header, std::uint64_t count) {
    writer.begin_trial(header);
    for (std::uint64_t i = 0; i < count; ++i) writer.write(frame_for(header, i));
    writer.end_trial();
}

void check_same_header(const TrialHeader& read, const TrialHeader& written) {
    CHECK(read.layout == written.layout);
    CHECK(read.original_unit == written.original_unit);
    CHECK(read.assumptions == written.assumptions);
    CHECK(read.geometry.rows == written.geometry.rows);
    CHECK(read.geometry.cols == written.geometry.cols);
    for (std::size_t i = 0; i < written.layout.sensors.size(); ++i) {  // bit-exact, not just ==
        CHECK(std::memcmp(&read.layout.sensors[i].y_mm, &written.layout.sensors[i].y_mm, sizeof(double)) == 0);
        CHECK(std::memcmp(&read.layout.sensors[i].area_mm2, &written.layout.sensors[i].area_mm2, sizeof(double)) == 0);
    }
}

void check_frames(const SessionReader& reader, int trial, const TrialHeader& header, std::uint64_t count) {
    REQUIRE(reader.trial(trial).frame_count == count);
    std::uint64_t seen = 0;
    reader.read_frames(trial, 0, count, [&](const Frame& frame) {
        Frame expected = frame_for(header, seen++);
        REQUIRE(frame.pressure_kpa.size() == expected.pressure_kpa.size());
        CHECK(std::memcmp(frame.pressure_kpa.data(), expected.pressure_kpa.data(),
                          expected.pressure_kpa.size() * sizeof(float)) == 0);
        return true;
    });
    CHECK(seen == count);
}

std::filesystem::path write_session(const TempDir& dir, const std::vector<TrialHeader>& headers) {
    auto path = dir.file("layout.h5");
    auto writer = SessionWriter::create(path, test::test_subject());
    for (const TrialHeader& header : headers) write_trial(writer, header, 25);
    writer.close();
    return path;
}

// Runs `edit` on the open trial group 0000 of `path` (HDF5 C API, read-write).
template <typename Edit>
void forge(const std::filesystem::path& path, const char* object, Edit edit) {
    hid_t file = H5Fopen(path.c_str(), H5F_ACC_RDWR, kDefaultProperties);
    REQUIRE(file >= 0);
    hid_t group = H5Gopen2(file, object, kDefaultProperties);
    REQUIRE(group >= 0);
    edit(group);
    H5Gclose(group);
    H5Fclose(file);
}

void set_format_version(const std::filesystem::path& path, int version) {
    forge(path, "/", [&](hid_t root) {
        hid_t attribute = H5Aopen(root, "format_version", kDefaultProperties);
        REQUIRE(attribute >= 0);
        H5Awrite(attribute, native_int32(), &version);
        H5Aclose(attribute);
    });
}

// Replaces dataset `name` of `group` by a float64 / uint8 dataset of shape `dims` filled with `fill`.
void replace_dataset(hid_t group, const char* name, std::vector<hsize_t> dims, double fill, bool flags = false) {
    if (H5Lexists(group, name, kDefaultProperties) > 0) H5Ldelete(group, name, kDefaultProperties);
    hid_t space = H5Screate_simple(static_cast<int>(dims.size()), dims.data(), nullptr);
    hid_t dataset = H5Dcreate2(group, name, flags ? file_uint8() : file_float64(), space, kDefaultProperties,
                               kDefaultProperties, kDefaultProperties);
    REQUIRE(dataset >= 0);
    std::size_t count = 1;
    for (hsize_t d : dims) count *= static_cast<std::size_t>(d);
    std::vector<double> values(count, fill);
    H5Dwrite(dataset, native_double(), kAllOfSpace, kAllOfSpace, kDefaultProperties, values.data());
    H5Dclose(dataset);
    H5Sclose(space);
}

FileFormatError refusal(const std::filesystem::path& path) {
    try {
        SessionReader reader(path);
    } catch (const FileFormatError& error) {
        return error;
    }
    FAIL("the reader opened " << path << " without complaint");
    return FileFormatError(Kind::Corrupt, "");
}

std::string begin_refusal(TrialHeader header) {
    TempDir dir;
    auto writer = SessionWriter::create(dir.file("refused.h5"), test::test_subject());
    try {
        writer.begin_trial(header);
    } catch (const InvalidArgument& error) {
        // Nothing was written: the next, good trial is trial 0.
        CHECK(writer.begin_trial(test::trial_header(PlateGeometry{2, 2, 5, 5, 25})) == 0);
        return error.what();
    }
    FAIL("begin_trial accepted an unusable layout");
    return "";
}

}  // namespace

TEST_CASE("a grid with holes and placed sensors (with and without corners) read back bit-exact") {
    TempDir dir;
    TrialHeader holes = grid_with_holes_header();
    TrialHeader pliance = placed_header(179, true);
    TrialHeader pedar = placed_header(99, false);
    pedar.assumptions = {"sensor areas from the pedar-x W insole table"};
    TrialHeader plain = test::trial_header(PlateGeometry::clinical_plate());
    auto path = write_session(dir, {holes, pliance, pedar, plain});

    SessionReader reader(path);
    CHECK(reader.format_version() == kSessionFormatVersion);
    REQUIRE(reader.trial_count() == 4);
    check_same_header(reader.trial(0).header, holes);
    check_same_header(reader.trial(1).header, pliance);
    check_same_header(reader.trial(2).header, pedar);
    CHECK(reader.trial(0).header.assumptions.at(1) == "saturation at 255 counts → 862 kPa");
    CHECK(reader.trial(1).header.layout.sensors.at(5).corners_mm.has_value());
    CHECK(!reader.trial(2).header.layout.sensors.at(5).corners_mm.has_value());
    CHECK(reader.trial(3).header.layout.is_full_grid());
    CHECK(reader.trial(3).header.original_unit.empty());
    CHECK(reader.trial(3).header.assumptions.empty());
    check_frames(reader, 0, holes, 25);
    check_frames(reader, 1, pliance, 25);
    check_frames(reader, 2, pedar, 25);
}

TEST_CASE("the layout objects are where the format page says, and absent when there is nothing to say") {
    TempDir dir;
    auto path = write_session(dir, {grid_with_holes_header(), placed_header(4, true),
                                    test::trial_header(PlateGeometry::clinical_plate())});
    hid_t file = H5Fopen(path.c_str(), H5F_ACC_RDONLY, kDefaultProperties);
    REQUIRE(file >= 0);
    auto exists = [&](const char* name) { return H5Lexists(file, name, kDefaultProperties) > 0; };
    CHECK(exists("/trials/0000/grid_present"));
    CHECK(!exists("/trials/0000/sensors"));
    CHECK(exists("/trials/0001/sensors"));
    CHECK(exists("/trials/0001/sensors/corners_mm"));
    CHECK(!exists("/trials/0001/grid_present"));
    CHECK(!exists("/trials/0002/grid_present"));
    CHECK(!exists("/trials/0002/sensors"));
    CHECK(H5Aexists_by_name(file, "/trials/0002", "original_unit", kDefaultProperties) == 0);
    CHECK(H5Aexists_by_name(file, "/trials/0002", "assumptions", kDefaultProperties) == 0);
    // assumptions: a 1-D attribute of variable-length UTF-8 strings (h5py gives an array of str).
    hid_t attribute = H5Aopen_by_name(file, "/trials/0000", "assumptions", kDefaultProperties, kDefaultProperties);
    REQUIRE(attribute >= 0);
    hid_t type = H5Aget_type(attribute);
    hid_t space = H5Aget_space(attribute);
    CHECK(H5Tis_variable_str(type) > 0);
    CHECK(H5Tget_cset(type) == H5T_CSET_UTF8);
    CHECK(H5Sget_simple_extent_ndims(space) == 1);
    CHECK(H5Sget_simple_extent_npoints(space) == 2);
    H5Sclose(space);
    H5Tclose(type);
    H5Aclose(attribute);
    // pressure of placed sensors is [frames, 1, N]
    hid_t pressure = H5Dopen2(file, "/trials/0001/pressure", kDefaultProperties);
    hid_t pressure_space = H5Dget_space(pressure);
    std::array<hsize_t, 3> dims{};
    CHECK(H5Sget_simple_extent_dims(pressure_space, dims.data(), nullptr) == 3);
    CHECK(dims == std::array<hsize_t, 3>{25, 1, 4});
    H5Sclose(pressure_space);
    H5Dclose(pressure);
    H5Fclose(file);
}

TEST_CASE("a version 1 session still opens, and appending to it makes it version 3") {
    TempDir dir;
    TrialHeader plain = test::trial_header(PlateGeometry{6, 5, 7.8, 7.8, 60.84});
    auto path = write_session(dir, {plain});
    set_format_version(path, 1);
    {
        SessionReader reader(path);
        CHECK(reader.format_version() == 1);
        REQUIRE(reader.trial_count() == 1);
        CHECK(reader.trial(0).header.layout.is_full_grid());
        check_frames(reader, 0, plain, 25);
    }
    auto writer = SessionWriter::append(path);
    write_trial(writer, placed_header(3, false), 5);
    writer.close();
    SessionReader reader(path);
    CHECK(reader.format_version() == 3);
    CHECK(reader.trial(1).header.layout.sensors.size() == 3);
}

TEST_CASE("a session of format version 4 is refused as unsupported") {
    TempDir dir;
    auto path = write_session(dir, {grid_with_holes_header()});
    set_format_version(path, 4);
    FileFormatError error = refusal(path);
    CHECK(error.kind == Kind::UnsupportedVersion);
    CHECK(mentions(error, "format version 4"));
    CHECK(mentions(error, "reads up to 3"));
}

TEST_CASE("a version 2 session still opens, and appending to it makes it version 3") {
    TempDir dir;
    TrialHeader pedar = placed_header(6, false);
    auto path = write_session(dir, {grid_with_holes_header(), pedar});
    set_format_version(path, 2);
    {
        SessionReader reader(path);
        CHECK(reader.format_version() == 2);
        CHECK(reader.trial(0).header.pressure_scale == PressureScale::Kilopascal);
        CHECK(reader.trial(1).header.layout.geometry_known);
        check_frames(reader, 1, pedar, 25);
    }
    auto writer = SessionWriter::append(path);
    TrialHeader raw = grid_with_holes_header();
    raw.pressure_scale = PressureScale::RawCounts;
    write_trial(writer, raw, 5);
    writer.close();
    SessionReader reader(path);
    CHECK(reader.format_version() == 3);
    CHECK(reader.trial(2).header.pressure_scale == PressureScale::RawCounts);
}

TEST_CASE("a layout that does not fit its trial is refused as corrupt, naming the trial and the dataset") {
    TempDir dir;
    SUBCASE("grid_present of the wrong size") {
        auto path = write_session(dir, {grid_with_holes_header()});
        forge(path, "/trials/0000", [](hid_t t) { replace_dataset(t, "grid_present", {12, 9}, 1, true); });
        FileFormatError error = refusal(path);
        CHECK(error.kind == Kind::Corrupt);
        CHECK(mentions(error, "trial 0000"));
        CHECK(mentions(error, "'grid_present'"));
        CHECK(mentions(error, "[12, 9]"));
    }
    SUBCASE("grid_present with a flag other than 0 or 1") {
        auto path = write_session(dir, {grid_with_holes_header()});
        forge(path, "/trials/0000", [](hid_t t) { replace_dataset(t, "grid_present", {12, 8}, 7, true); });
        FileFormatError error = refusal(path);
        CHECK(error.kind == Kind::Corrupt);
        CHECK(mentions(error, "'grid_present'"));
    }
    SUBCASE("sensor areas of the wrong length") {
        auto path = write_session(dir, {placed_header(10, true)});
        forge(path, "/trials/0000/sensors", [](hid_t s) { replace_dataset(s, "area_mm2", {9}, 50.0); });
        FileFormatError error = refusal(path);
        CHECK(error.kind == Kind::Corrupt);
        CHECK(mentions(error, "trial 0000"));
        CHECK(mentions(error, "'sensors/area_mm2'"));
    }
    SUBCASE("corners of the wrong shape") {
        auto path = write_session(dir, {placed_header(10, true)});
        forge(path, "/trials/0000/sensors", [](hid_t s) { replace_dataset(s, "corners_mm", {10, 4}, 1.0); });
        CHECK(mentions(refusal(path), "'sensors/corners_mm'"));
    }
    SUBCASE("a sensor without an area") {
        auto path = write_session(dir, {placed_header(10, false)});
        forge(path, "/trials/0000/sensors", [](hid_t s) { replace_dataset(s, "area_mm2", {10}, 0.0); });
        FileFormatError error = refusal(path);
        CHECK(error.kind == Kind::Corrupt);
        CHECK(mentions(error, "'sensors/area_mm2'"));
    }
    SUBCASE("a missing sensor centre") {
        auto path = write_session(dir, {placed_header(10, false)});
        forge(path, "/trials/0000/sensors", [](hid_t s) { H5Ldelete(s, "y_mm", kDefaultProperties); });
        FileFormatError error = refusal(path);
        CHECK(error.kind == Kind::Corrupt);
        CHECK(mentions(error, "'sensors/y_mm'"));
    }
}

TEST_CASE("the writer refuses a layout that does not fit the trial, saying what is wrong") {
    TrialHeader holes = grid_with_holes_header();
    holes.layout.grid_present.pop_back();
    CHECK(mentions(InvalidArgument(begin_refusal(holes)), "grid_present has 95 flags but the plate is 12 x 8"));

    holes = grid_with_holes_header();
    holes.layout.grid_present[3] = 2;
    CHECK(mentions(InvalidArgument(begin_refusal(holes)), "0 (no sensor) or 1"));

    TrialHeader placed = placed_header(5, false);
    placed.layout.sensors.pop_back();
    CHECK(mentions(InvalidArgument(begin_refusal(placed)), "4 sensors without a grid needs a plate geometry of 1 x 4"));

    placed = placed_header(5, false);
    placed.geometry = PlateGeometry{5, 1, 10, 10, 100};
    CHECK(mentions(InvalidArgument(begin_refusal(placed)), "not 5 x 1"));

    for (double area : {0.0, -3.0, std::numeric_limits<double>::quiet_NaN(), std::numeric_limits<double>::infinity()}) {
        placed = placed_header(5, false);
        placed.layout.sensors[2].area_mm2 = area;
        CHECK(mentions(InvalidArgument(begin_refusal(placed)), "placed sensor 2 has an area of"));
    }

    placed = placed_header(5, false);
    placed.layout.sensors[1].x_mm = std::numeric_limits<double>::quiet_NaN();
    CHECK(mentions(InvalidArgument(begin_refusal(placed)), "placed sensor 1 has a centre that is not finite"));

    placed = placed_header(5, true);
    placed.layout.sensors[4].corners_mm.reset();
    CHECK(mentions(InvalidArgument(begin_refusal(placed)), "corners for every sensor or for none"));

    placed = placed_header(4, false);
    placed.layout.grid_present = {1, 1, 0, 1};
    CHECK(mentions(InvalidArgument(begin_refusal(placed)), "not both"));
}

// ---- Format version 3: raw counts and placed sensors of unknown geometry ---------------------

namespace {

// An I-Scan-like trial of uncalibrated counts on a grid with holes.
TrialHeader raw_header() {
    TrialHeader header = grid_with_holes_header();
    header.pressure_scale = PressureScale::RawCounts;
    header.original_unit = "raw";
    header.assumptions = {"UNITS raw: uncalibrated sensor counts, no calibration applied"};
    header.layout.coverage = SensorCoverage::Insole;  // an F-Scan insole
    return header;
}

// A pedar-like insole: placed sensors whose centres and areas are placeholders.
TrialHeader unknown_geometry_header() {
    TrialHeader header = placed_header(99, false);
    for (PlacedSensor& s : header.layout.sensors) s = PlacedSensor{0.0, 0.0, 1.0, std::nullopt};
    header.layout.geometry_known = false;
    header.layout.coverage = SensorCoverage::FootCrop;  // not a pedar fact: exercises the third value
    header.assumptions = {"GEOMETRY UNKNOWN: the export gives no sensor positions or areas"};
    return header;
}

std::string string_attribute(hid_t file, const char* object, const char* name) {
    hid_t attribute = H5Aopen_by_name(file, object, name, kDefaultProperties, kDefaultProperties);
    REQUIRE(attribute >= 0);
    hid_t type = H5Aget_type(attribute);
    char* text = nullptr;
    REQUIRE(H5Aread(attribute, type, &text) >= 0);
    std::string value = text;
    H5free_memory(text);
    H5Tclose(type);
    H5Aclose(attribute);
    return value;
}

std::int64_t int_attribute(hid_t file, const char* object, const char* name) {
    hid_t attribute = H5Aopen_by_name(file, object, name, kDefaultProperties, kDefaultProperties);
    REQUIRE(attribute >= 0);
    std::int64_t value = -1;
    H5Aread(attribute, native_int64(), &value);
    H5Aclose(attribute);
    return value;
}

}  // namespace

TEST_CASE("raw counts and unknown sensor geometry read back (format version 3), frames bit-exact") {
    TempDir dir;
    TrialHeader raw = raw_header();
    TrialHeader pedar = unknown_geometry_header();
    TrialHeader pliance = placed_header(12, true);
    TrialHeader plain = test::trial_header(PlateGeometry{6, 5, 7.8, 7.8, 60.84});
    auto path = write_session(dir, {raw, pedar, pliance, plain});

    SessionReader reader(path);
    CHECK(reader.format_version() == 3);
    CHECK(reader.trial(0).header.pressure_scale == PressureScale::RawCounts);
    CHECK(reader.trial(0).header.original_unit == "raw");
    CHECK(reader.trial(0).header.layout.geometry_known);
    check_same_header(reader.trial(0).header, raw);
    CHECK(reader.trial(1).header.pressure_scale == PressureScale::Kilopascal);
    CHECK(!reader.trial(1).header.layout.geometry_known);
    check_same_header(reader.trial(1).header, pedar);
    CHECK(reader.trial(2).header.layout.geometry_known);
    CHECK(reader.trial(0).header.layout.coverage == SensorCoverage::Insole);
    CHECK(reader.trial(1).header.layout.coverage == SensorCoverage::FootCrop);
    CHECK(reader.trial(2).header.layout.coverage == SensorCoverage::Plate);
    CHECK(reader.trial(3).header.layout.coverage == SensorCoverage::Plate);
    CHECK(reader.trial(3).header.pressure_scale == PressureScale::Kilopascal);
    CHECK(reader.trial(3).header.layout.geometry_known);
    check_frames(reader, 0, raw, 25);
    check_frames(reader, 1, pedar, 25);
}

TEST_CASE("version 3 objects are where the format page says") {
    TempDir dir;
    auto path = write_session(dir, {raw_header(), unknown_geometry_header(), placed_header(4, false),
                                    test::trial_header(PlateGeometry{6, 5, 7.8, 7.8, 60.84})});
    hid_t file = H5Fopen(path.c_str(), H5F_ACC_RDONLY, kDefaultProperties);
    REQUIRE(file >= 0);
    CHECK(string_attribute(file, "/trials/0000", "pressure_unit") == "raw");
    CHECK(string_attribute(file, "/trials/0000/pressure", "unit") == "raw");
    CHECK(string_attribute(file, "/trials/0001", "pressure_unit") == "kPa");
    CHECK(string_attribute(file, "/trials/0001/pressure", "unit") == "kPa");
    // geometry_known: an int8 attribute of every `sensors` group, 0 for placeholders.
    CHECK(int_attribute(file, "/trials/0001/sensors", "geometry_known") == 0);
    CHECK(int_attribute(file, "/trials/0002/sensors", "geometry_known") == 1);
    hid_t attribute = H5Aopen_by_name(file, "/trials/0001/sensors", "geometry_known", kDefaultProperties,
                                      kDefaultProperties);
    hid_t type = H5Aget_type(attribute);
    CHECK(H5Tequal(type, file_int8()) > 0);
    H5Tclose(type);
    H5Aclose(attribute);
    CHECK(H5Aexists_by_name(file, "/trials/0000", "geometry_known", kDefaultProperties) == 0);
    CHECK(H5Aexists_by_name(file, "/trials/0003", "geometry_known", kDefaultProperties) == 0);
    // sensor_coverage: a string attribute of the trial, written only when it is not a plate.
    CHECK(string_attribute(file, "/trials/0000", "sensor_coverage") == "insole");
    CHECK(string_attribute(file, "/trials/0001", "sensor_coverage") == "foot-crop");
    CHECK(H5Aexists_by_name(file, "/trials/0002", "sensor_coverage", kDefaultProperties) == 0);
    CHECK(H5Aexists_by_name(file, "/trials/0003", "sensor_coverage", kDefaultProperties) == 0);
    H5Fclose(file);
}

TEST_CASE("geometry_known absent on a sensors group reads as known") {
    TempDir dir;
    auto path = write_session(dir, {unknown_geometry_header()});
    forge(path, "/trials/0000/sensors", [](hid_t s) { H5Adelete(s, "geometry_known"); });
    SessionReader reader(path);
    CHECK(reader.trial(0).header.layout.geometry_known);
}

TEST_CASE("a pressure unit the reader does not know is refused, naming the file and the trial") {
    TempDir dir;
    SUBCASE("psi in a version 3 file") {
        auto path = write_session(dir, {test::trial_header(PlateGeometry{6, 5, 7.8, 7.8, 60.84})});
        forge(path, "/trials/0000", [](hid_t t) { session_detail::write_string_attribute(t, "pressure_unit", "psi"); });
        FileFormatError error = refusal(path);
        CHECK(error.kind == Kind::Corrupt);
        CHECK(mentions(error, "trial 0000"));
        CHECK(mentions(error, path.string()));
        CHECK(mentions(error, "\"psi\""));
        CHECK(mentions(error, "\"kPa\" or \"raw\""));
    }
    SUBCASE("raw in a version 2 file (raw counts came with version 3)") {
        auto path = write_session(dir, {raw_header()});
        set_format_version(path, 2);
        FileFormatError error = refusal(path);
        CHECK(error.kind == Kind::Corrupt);
        CHECK(mentions(error, "trial 0000"));
        CHECK(mentions(error, "\"raw\" needs version 3"));
    }
    SUBCASE("a geometry_known flag other than 0 or 1") {
        auto path = write_session(dir, {unknown_geometry_header()});
        forge(path, "/trials/0000/sensors", [](hid_t s) { session_detail::write_int8_attribute(s, "geometry_known", 5); });
        FileFormatError error = refusal(path);
        CHECK(error.kind == Kind::Corrupt);
        CHECK(mentions(error, "trial 0000"));
        CHECK(mentions(error, "geometry_known"));
    }
}

TEST_CASE("the writer refuses unknown geometry without placed sensors, and raw counts with a calibration") {
    TrialHeader grid = test::trial_header(PlateGeometry{6, 5, 7.8, 7.8, 60.84});
    grid.layout.geometry_known = false;
    CHECK(mentions(InvalidArgument(begin_refusal(grid)), "unknown geometry"));

    TrialHeader holes = grid_with_holes_header();
    holes.layout.geometry_known = false;
    CHECK(mentions(InvalidArgument(begin_refusal(holes)), "must be sensors without a grid"));

    TrialHeader raw = raw_header();
    raw.calibration.emplace(std::vector<CalibrationPoint>{{0.0, 0.0}, {255.0, 862.0}});
    CHECK(mentions(InvalidArgument(begin_refusal(raw)), "raw counts"));
}

TEST_CASE("a replayed trial carries its header: layout, unknown geometry and pressure scale") {
    TempDir dir;
    TrialHeader pliance = placed_header(12, true);
    TrialHeader pedar = unknown_geometry_header();
    TrialHeader raw = raw_header();
    auto path = write_session(dir, {pliance, pedar, raw});
    std::unique_ptr<TrialReplaySource> source;
    std::unique_ptr<TrialReplaySource> unknown;
    std::unique_ptr<TrialReplaySource> counts;
    {
        SessionReader reader(path);
        source = reader.replay(0);
        unknown = reader.replay(1);
        counts = reader.replay(2);
    }  // the sources outlive the reader
    CHECK(source->trial_index() == 0);
    CHECK(source->header().layout == pliance.layout);
    CHECK(source->header().layout.sensors.at(3).corners_mm.has_value());
    CHECK(source->header().pressure_scale == PressureScale::Kilopascal);
    CHECK(!unknown->header().layout.geometry_known);
    CHECK(unknown->header().layout.sensors.size() == 99);
    CHECK(counts->header().pressure_scale == PressureScale::RawCounts);
    CHECK(counts->header().layout.grid_present == raw.layout.grid_present);
    // Still an ordinary FrameSource: the frames come in order, bit-exact.
    std::uint64_t n = 0;
    while (auto frame = source->next()) {
        Frame expected = frame_for(pliance, n++);
        CHECK(std::memcmp(frame->pressure_kpa.data(), expected.pressure_kpa.data(),
                          expected.pressure_kpa.size() * sizeof(float)) == 0);
    }
    CHECK(n == 25);
    std::unique_ptr<FrameSource> plain = std::move(counts);  // hands on as a plain FrameSource
    CHECK(plain->geometry() == raw.geometry);
}
