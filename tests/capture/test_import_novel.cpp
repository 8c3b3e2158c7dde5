// Novel emed .lst, pedar .asc and pliance .asc importers.
// Built twice: without PLANTAR_NOVEL_SAMPLES, malformed-input fixtures written here; with it,
// the pressuRe samples in ../shared/data/vendor-exports (exit code 77 = skipped when absent).
#ifdef PLANTAR_NOVEL_SAMPLES
#define DOCTEST_CONFIG_IMPLEMENT
#endif
#include <doctest/doctest.h>

#include <chrono>
#include <cmath>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <set>
#include <vector>
#include <string>

#include "plantar/capture/import/vendor_export.hpp"

namespace fs = std::filesystem;
using namespace plantar;
using namespace plantar::import;

namespace {

#ifndef PLANTAR_NOVEL_SAMPLES

// One folder per test process (ctest runs the cases as parallel processes), removed at exit.
struct FixtureDir {
    fs::path path = fs::temp_directory_path() /
                    ("plantar-test-import-novel-" + std::to_string(std::chrono::steady_clock::now().time_since_epoch().count()));
    ~FixtureDir() {
        std::error_code ignored;
        fs::remove_all(path, ignored);
    }
};

fs::path write_fixture(const std::string& name, const std::string& text) {
    static FixtureDir fixtures;
    const fs::path& dir = fixtures.path;
    fs::create_directories(dir);
    const fs::path path = dir / name;
    std::ofstream(path, std::ios::binary) << text;
    return path;
}

// Reads `text` as `format` and expects an ImportError naming the file, `line` and `word`.
void expect_refused(const std::string& name, const std::string& text, ExportFormat format, std::size_t line,
                    const std::string& word) {
    const fs::path path = write_fixture(name, text);
    CAPTURE(name);
    try {
        read_export(path, format);
        FAIL("no ImportError");
    } catch (const ImportError& e) {
        const std::string what = e.what();
        CAPTURE(what);
        CHECK(e.file == path.string());
        CHECK(e.line == line);
        CHECK(what.find(word) != std::string::npos);
    }
}

std::string emed_page(int page, const std::string& row31 = "31\t10.00\t20.00\t0.75",
                      const std::string& force = "Force\t0.25\t0.50\t0.75", bool time_field = true) {
    return "\n\t\t\t\tPage " + std::to_string(page) + "\n\n\tFile: C:\\x.dat \tMatrix: 64x95 \n\tSensor area: 0.25 cm\xB2" +
           (time_field ? "\tTime/picture:10.0 ms" : "") +
           "\n\tSensor size: 0.500x0.500 cm\n\tPict-No.: " + std::to_string(page) +
           "  Force[N]=sum*sensor_area in row/column\n\n\t26\t27\tForce\n30\t0.00\t0.00\t0.00\n" + row31 + "\n" + force + "\n\f\n";
}
// Lines of one page: 1 blank, 2 Page, 3 blank, 4 File, 5 area, 6 size, 7 Pict, 8 blank, 9 cols, 10 row 30, 11 row 31, 12 Force.

const std::string kPedarHead =
    "file name:  x.sol\tdate/time  25.04.23 10.49\nsensor type:  y-1865l-1870r \ntotal time [secs]:  0.030\ttime per frame [secs]:  0.01000\t"
    "scanning rate [Hz]:   100\npressure values in  kPa\n\nmask definition: \nleft insole: 1,2\nright insole: 1,2\n\n"
    "time[secs]    \t 1\t 2\t 1\t 2\t\n";  // column header at line 10, the table from line 11
const std::string kPedarRows = "0.01000\t 10.000\t 0.000\t 5.000\t 0.000\n0.02000\t 20.000\t 0.000\t 5.000\t 0.000\n"
                               "0.03000\t 30.000\t 0.000\t 5.000\t 2.500\n";

const std::string kPlianceHead = "file name: x.mat date/time 17.06.23 15.21\nmat type s2160_001\n"
                                 "total times [secs]: 44.458 time per frame [secs]: 0.04167 scanning rate [Hz]: 24\n"
                                 "pressure values in kPa\n\n\nelectrical:\ntime[secs]       4       5\n";  // table at line 9
const std::string kPlianceRows = "    5.79167   0.000   10.000\n    5.83333   20.000   0.000\n";
const std::string kPlianceTail = "        MPP   20.000   10.000\n\n\n time[secs] force[N]   x[cm]   y[cm]\n    0.04167    0.000       -       -\n\n\n"
                                 "sensor        4        5\ncorner[cm]\n"
                                 "x[0]   0.0000   0.0000\ny[0]  29.8120  28.7840\nx[1]   0.0000   0.0000\ny[1]  28.7840  27.7560\n"
                                 "x[2]   0.5280   0.5280\ny[2]  28.7840  27.7560\nx[3]   0.5280   0.5280\ny[3]  29.8120  28.7840\n"
                                 "x[c]   0.2640   0.2640\ny[c]  29.2980  28.2700\narea   0.5428   0.5428\n";

#endif

}  // namespace

#ifndef PLANTAR_NOVEL_SAMPLES

TEST_CASE("novel fixtures: a well-formed emed page, pedar and pliance file import") {
    auto emed = read_export(write_fixture("ok.lst", emed_page(1) + emed_page(2)), ExportFormat::EmedLst);
    REQUIRE(emed.size() == 1);
    CHECK(emed[0].frames.size() == 2);
    CHECK(emed[0].header.geometry == PlateGeometry{2, 2, 5.0, 5.0, 25.0});
    CHECK(emed[0].frames[1].device_time_us == 10000);
    // emed row 31, the lower one in the vendor's picture, is plantar row 0 (see the orientation test).
    CHECK(emed[0].frames[1].pressure_kpa == std::vector<float>{10, 20, 0, 0});
    CHECK(emed[0].header.original_unit == "kPa");
    CHECK(detect_export_format(write_fixture("ok.lst", emed_page(1))) == ExportFormat::EmedLst);

    auto pedar = read_export(write_fixture("ok.asc", kPedarHead + kPedarRows), ExportFormat::PedarAsc);
    REQUIRE(pedar.size() == 2);
    CHECK(pedar[0].frames[2].pressure_kpa == std::vector<float>{30, 0});
    CHECK(pedar[1].frames[2].pressure_kpa == std::vector<float>{5, 2.5f});
    CHECK(pedar[1].header.source.details.find("right insole") != std::string::npos);
    // Placed sensors with placeholder centres and areas, flagged as of unknown geometry.
    CHECK(pedar[0].header.layout.has_placed_sensors());
    CHECK(pedar[0].header.layout.sensors.size() == 2);
    CHECK(!pedar[0].header.layout.geometry_known);
    CHECK(!pedar[1].header.layout.geometry_known);
    CHECK(pedar[0].header.layout.coverage == plantar::SensorCoverage::Insole);
    CHECK(pedar[0].header.layout.sensors[1].x_mm == 1.0);
    CHECK(pedar[0].header.layout.sensors[1].area_mm2 == 1.0);
    CHECK(pedar[0].header.pressure_scale == plantar::PressureScale::Kilopascal);
    CHECK(pedar[0].header.assumptions[1].find("GEOMETRY UNKNOWN") == 0);
    CHECK(detect_export_format(write_fixture("ok.asc", kPedarHead + kPedarRows)) == ExportFormat::PedarAsc);

    auto pliance = read_export(write_fixture("okp.asc", kPlianceHead + kPlianceRows + kPlianceTail), ExportFormat::PlianceAsc);
    REQUIRE(pliance.size() == 1);
    const auto& s = pliance[0].header.layout.sensors;
    REQUIRE(s.size() == 2);
    CHECK(s[0].area_mm2 == doctest::Approx(54.2784));
    CHECK(s[0].x_mm == doctest::Approx(2.64));
    CHECK(s[0].y_mm == doctest::Approx(292.98));
    CHECK(pliance[0].frames[1].device_time_us == 5833330);
    CHECK(detect_export_format(write_fixture("okp.asc", kPlianceHead + kPlianceRows + kPlianceTail)) == ExportFormat::PlianceAsc);
}

TEST_CASE("novel emed: the vendor's picture is kept as seen from above, its top row at plantar's +y end") {
    // The export prints each page as a picture: the first exported row at the top, the first
    // column at the left, seen from above (the sample's toes are at its top). plantar's x runs to
    // the right and y up the picture, so the last exported row is plantar row 0; read in file
    // order the print would be mirrored and a right foot would look like a left one.
    const std::string rows = "30\t1.00\t2.00\t0.075\n31\t3.00\t4.00\t0.175\n32\t5.00\t6.00\t0.275\n";
    const std::string page = "\n\t\t\t\tPage 1\n\n\tFile: C:\\x.dat \tMatrix: 64x95 \n\tSensor area: 0.25 cm\xB2"
                             "\tTime/picture:10.0 ms\n\tSensor size: 0.500x0.500 cm\n\tPict-No.: 1  Force[N]=sum*sensor_area "
                             "in row/column\n\n\t26\t27\tForce\n" +
                             rows + "Force\t0.225\t0.300\t0.525\n\f\n";
    const auto trials = read_export(write_fixture("picture.lst", page), ExportFormat::EmedLst);
    REQUIRE(trials.size() == 1);
    const auto& t = trials[0];
    REQUIRE(t.header.geometry.rows == 3);
    const auto& g = t.header.geometry;
    const auto& p = t.frames.at(0).pressure_kpa;
    CHECK(p[g.index(2, 0)] == 1.0f);  // emed row 30, the picture's top: plantar's far +y end
    CHECK(p[g.index(2, 1)] == 2.0f);  // columns keep their order: x grows to the picture's right
    CHECK(p[g.index(1, 0)] == 3.0f);
    CHECK(p[g.index(0, 0)] == 5.0f);  // emed row 32, the picture's bottom: plantar row 0
    CHECK(p[g.index(0, 1)] == 6.0f);
    bool told = false;
    for (const auto& assumption : t.header.assumptions)
        told = told || assumption.find("plantar row 0 is emed row 32") != std::string::npos;
    CHECK(told);
}

TEST_CASE("novel emed: malformed input is refused with file, line and what was expected") {
    const auto ok = emed_page(1);
    expect_refused("empty.lst", "", ExportFormat::EmedLst, 0, "empty");
    expect_refused("trunc.lst", ok.substr(0, ok.find("Force\t0.25")), ExportFormat::EmedLst, 11, "truncated");
    expect_refused("trunc2.lst", ok.substr(0, ok.find("Force\t0.25")) + emed_page(2), ExportFormat::EmedLst, 13, "incomplete");
    expect_refused("count.lst", emed_page(1, "31\t10.00\t0.75"), ExportFormat::EmedLst, 11, "expected 3 values after the row index");
    expect_refused("nan.lst", emed_page(1, "31\t10.00\tabc\t0.75"), ExportFormat::EmedLst, 11, "expected a number");
    expect_refused("header.lst", emed_page(1, "31\t10.00\t20.00\t0.75", "Force\t0.25\t0.50\t0.75", false), ExportFormat::EmedLst, 9,
                   "Time/picture");
    expect_refused("rowsum.lst", emed_page(1, "31\t10.00\t20.00\t0.95"), ExportFormat::EmedLst, 11, "disagrees");
    expect_refused("colsum.lst", emed_page(1, "31\t10.00\t20.00\t0.75", "Force\t0.25\t0.60\t0.75"), ExportFormat::EmedLst, 12,
                   "column 27");
    expect_refused("garbage.lst", "hello\n" + ok, ExportFormat::EmedLst, 1, "Page");
    expect_refused("order.lst", emed_page(2) + emed_page(1), ExportFormat::EmedLst, 22, "does not follow");
}

TEST_CASE("novel pedar: malformed input is refused with file, line and what was expected") {
    expect_refused("empty.asc", "", ExportFormat::PedarAsc, 0, "empty");
    expect_refused("count.asc", kPedarHead + "0.01000\t 10.000\t 0.000\t 5.000\n", ExportFormat::PedarAsc, 11,
                   "expected 4 values after the time, found 3");
    expect_refused("nan.asc", kPedarHead + "0.01000\t 10.000\t x\t 5.000\t 0.000\n", ExportFormat::PedarAsc, 11, "expected a number");
    std::string no_rate = kPedarHead;
    no_rate.replace(no_rate.find("time per frame"), 14, "time xer frame");
    expect_refused("header.asc", no_rate + kPedarRows, ExportFormat::PedarAsc, 10, "time per frame");
    expect_refused("trunc.asc", kPedarHead + kPedarRows.substr(0, kPedarRows.find("0.03000")), ExportFormat::PedarAsc, 12, "truncated");
    std::string mask = kPedarHead;
    mask.replace(mask.find("right insole: 1,2"), 17, "right insole: 1,3");
    expect_refused("mask.asc", mask + kPedarRows, ExportFormat::PedarAsc, 10, "mask definition");
    expect_refused("nohead.asc", kPedarHead.substr(0, kPedarHead.find("time[secs]")), ExportFormat::PedarAsc, 9, "time[secs]");
}

TEST_CASE("novel pliance: malformed input is refused with file, line and what was expected") {
    expect_refused("empty.asc", "", ExportFormat::PlianceAsc, 0, "empty");
    expect_refused("count.asc", kPlianceHead + "    5.79167   0.000\n" + kPlianceTail, ExportFormat::PlianceAsc, 9,
                   "expected 2 values after the time, found 1");
    expect_refused("nan.asc", kPlianceHead + "    5.79167   0.000   1e\n" + kPlianceTail, ExportFormat::PlianceAsc, 9, "expected a number");
    std::string no_unit = kPlianceHead;
    no_unit.replace(no_unit.find("pressure values in kPa"), 22, "pressure values in mmHg");
    expect_refused("unit.asc", no_unit + kPlianceRows + kPlianceTail, ExportFormat::PlianceAsc, 4, "mmHg");
    no_unit.replace(no_unit.find("pressure values in mmHg"), 23, "");
    expect_refused("header.asc", no_unit + kPlianceRows + kPlianceTail, ExportFormat::PlianceAsc, 8, "pressure values in kPa");
    const std::string tail = kPlianceTail.substr(0, kPlianceTail.find("x[2]"));
    expect_refused("trunc.asc", kPlianceHead + kPlianceRows + tail, ExportFormat::PlianceAsc, 23, "x[2]");
    expect_refused("trunc2.asc", kPlianceHead + kPlianceRows, ExportFormat::PlianceAsc, 10, "corner");
    std::string area = kPlianceTail;
    area.replace(area.find("area   0.5428"), 13, "area   0.9428");
    expect_refused("area.asc", kPlianceHead + kPlianceRows + area, ExportFormat::PlianceAsc, 30, "area line");
    std::string back = kPlianceRows;
    back.replace(back.find("5.83333"), 7, "5.70000");
    expect_refused("time.asc", kPlianceHead + back + kPlianceTail, ExportFormat::PlianceAsc, 10, "not after");
}

#else  // the pressuRe samples

namespace {

fs::path samples() { return fs::path(PLANTAR_SOURCE_DIR) / ".." / "shared" / "data" / "vendor-exports" / "pressuRe-extdata"; }

std::vector<ImportedTrial> timed_import(const std::string& name, ExportFormat format) {
    const fs::path path = samples() / name;
    std::size_t calls = 0;
    double last = 0.0;
    bool monotonic = true;
    const auto start = std::chrono::steady_clock::now();
    auto trials = read_export(path, std::nullopt, [&](double f) {
        monotonic = monotonic && f >= last;
        last = f;
        ++calls;
    });
    const double s = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    const double mb = static_cast<double>(fs::file_size(path)) / 1e6;
    std::printf("%s: %.2f MB in %.3f s = %.1f MB/s\n", name.c_str(), mb, s, mb / s);
    CHECK(detect_export_format(path) == format);
    CHECK(monotonic);
    CHECK(last == 1.0);
    CHECK(calls <= 102);
    return trials;
}

std::size_t ever_active(const ImportedTrial& t) {
    std::set<std::size_t> active;
    for (const auto& f : t.frames)
        for (std::size_t i = 0; i < f.pressure_kpa.size(); ++i)
            if (f.pressure_kpa[i] > 0.0f) active.insert(i);
    return active.size();
}

void check_intervals(const ImportedTrial& t, std::int64_t us, std::int64_t tolerance) {
    for (std::size_t i = 0; i < t.frames.size(); ++i) {
        CHECK(t.frames[i].sequence == i);
        CHECK(t.frames[i].pressure_kpa.size() == t.header.geometry.sensor_count());
        if (i > 0) CHECK(std::llabs(t.frames[i].device_time_us - t.frames[i - 1].device_time_us - us) <= tolerance);
    }
}

}  // namespace

TEST_CASE("novel samples: emed_test.lst is 106 frames x 506 active sensors, 100 Hz, kPa") {
    auto trials = timed_import("emed_test.lst", ExportFormat::EmedLst);
    REQUIRE(trials.size() == 1);
    const auto& t = trials[0];
    CHECK(t.frames.size() == 106);
    CHECK(t.header.geometry == PlateGeometry{54, 22, 5.0, 5.0, 25.0});  // rows 30-83, columns 26-47
    CHECK(t.header.rate_hz == doctest::Approx(100.0));
    CHECK(t.header.original_unit == "kPa");
    CHECK(t.header.source.kind == SourceKind::Import);
    CHECK(t.header.source.name == "emed_test.lst");
    check_intervals(t, 10000, 0);
    CHECK(ever_active(t) == 506);
    double peak = 0.0;
    for (const auto& f : t.frames) peak = std::max(peak, total_force_n(t.header.geometry, f));
    CHECK(peak == doctest::Approx(818.63).epsilon(0.001));  // the file's own largest total; no mass stated
    // A step rolls from heel to toe: the centre of pressure of the last loaded frames lies toward
    // +y of the first ones (the sample's toes are at the top of the emed picture).
    auto cop_y = [&](const Frame& f) {
        double sum = 0.0, moment = 0.0;
        for (int r = 0; r < t.header.geometry.rows; ++r)
            for (int c = 0; c < t.header.geometry.cols; ++c) {
                const double p = f.at(t.header.geometry, r, c);
                sum += p, moment += p * t.header.geometry.y_mm(r);
            }
        return sum > 0.0 ? moment / sum : std::nan("");
    };
    std::vector<double> path;
    for (const auto& f : t.frames)
        if (const double y = cop_y(f); std::isfinite(y)) path.push_back(y);
    REQUIRE(path.size() > 50);
    CHECK(path.back() - path.front() > 150.0);
}

TEST_CASE("novel samples: pedar_example.asc is 2 insoles x 99 sensors x 1505 frames at 100 Hz") {
    auto trials = timed_import("pedar_example.asc", ExportFormat::PedarAsc);
    REQUIRE(trials.size() == 2);
    std::size_t sensors = 0, active = 0;
    for (const auto& t : trials) {
        CHECK(t.frames.size() == 1505);
        CHECK(t.header.geometry.rows == 1);
        CHECK(t.header.geometry.cols == 99);
        // 99 placed sensors in pedar order whose centres and areas are placeholders (see the docs).
        CHECK(t.header.layout.sensors.size() == 99);
        CHECK(!t.header.layout.geometry_known);
        CHECK(t.header.pressure_scale == plantar::PressureScale::Kilopascal);
        CHECK(t.header.rate_hz == doctest::Approx(100.0));
        CHECK(t.header.original_unit == "kPa");
        CHECK(t.frames.front().device_time_us == 10000);
        check_intervals(t, 10000, 1);
        sensors += t.header.geometry.sensor_count();
        active += ever_active(t);
    }
    CHECK(trials[0].header.source.details.find("left insole") != std::string::npos);
    CHECK(trials[1].header.source.details.find("right insole") != std::string::npos);
    CHECK(sensors == 198);  // pressuRe's 1505 x 198: its 2 x 99 sensor columns
    std::printf("pedar: %zu of 198 sensors ever > 0\n", active);
    CHECK(active == 191);
}

TEST_CASE("novel samples: pliance_test.asc is 281 frames x 179 active sensors at 24 Hz with corners") {
    auto trials = timed_import("pliance_test.asc", ExportFormat::PlianceAsc);
    REQUIRE(trials.size() == 1);
    const auto& t = trials[0];
    CHECK(t.frames.size() == 281);
    CHECK(t.header.geometry.cols == 812);
    CHECK(t.header.rate_hz == doctest::Approx(24.0));
    CHECK(t.header.original_unit == "kPa");
    check_intervals(t, 41667, 10);  // times printed to 10 us
    CHECK(ever_active(t) == 179);
    const auto& s = t.header.layout.sensors;
    REQUIRE(s.size() == 812);
    CHECK(s[0].area_mm2 == doctest::Approx(54.28).epsilon(0.001));
    CHECK(s[0].corners_mm.has_value());
    // Force = sum of kPa x each sensor's area; the export's own force column peaks at 230.591 N.
    double peak = 0.0;
    for (const auto& f : t.frames) {
        double n = 0.0;
        for (std::size_t i = 0; i < s.size(); ++i) n += static_cast<double>(f.pressure_kpa[i]) * s[i].area_mm2 * 1e-3;
        peak = std::max(peak, n);
    }
    CHECK(peak == doctest::Approx(230.591).epsilon(0.01));
}

int main(int argc, char** argv) {
    if (!fs::is_directory(samples())) {
        std::printf("SKIPPED: the vendor-export samples folder %s was not found\n", samples().string().c_str());
        return 77;
    }
    doctest::Context context(argc, argv);
    return context.run();
}

#endif
