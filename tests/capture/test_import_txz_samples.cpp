// The real Tekscan, XSENSOR and Zebris samples in ../shared/data/vendor-exports. Its own program
// so that ctest reports "Skipped" (exit 77) when the folder is absent rather than "Passed".
#define DOCTEST_CONFIG_IMPLEMENT
#include "import_txz_support.hpp"

#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <map>
#include <sstream>

using plantar::import::ExportFormat;
using plantar::import::ImportedTrial;

namespace {

const std::filesystem::path kExports = std::filesystem::path(PLANTAR_SOURCE_DIR) / ".." / "shared" / "data" / "vendor-exports";

std::string slurp(const std::filesystem::path& path) {
    std::ifstream in(path, std::ios::binary);
    std::ostringstream s;
    s << in.rdbuf();
    return s.str();
}

// Imports and prints the speed (MB/s of source file) for the report.
std::vector<ImportedTrial> timed_import(const std::filesystem::path& path, ExportFormat expected) {
    REQUIRE(std::filesystem::exists(path));
    CHECK(plantar::import::detect_export_format(path) == expected);
    const auto start = std::chrono::steady_clock::now();
    int reports = 0;
    auto trials = plantar::import::read_export(path, std::nullopt, [&](double) { ++reports; });
    const double s = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    const double mb = static_cast<double>(std::filesystem::file_size(path)) / 1e6;
    std::printf("%s: %.1f MB in %.3f s = %.1f MB/s\n", path.filename().string().c_str(), mb, s, mb / s);
    CHECK(reports <= 102);  // about every 1 %
    return trials;
}

void check_intervals(const ImportedTrial& t, std::int64_t expected_us, std::int64_t tolerance_us) {
    for (std::size_t i = 0; i < t.frames.size(); ++i) {
        CHECK(t.frames[i].sequence == i);
        if (i > 0) {
            const auto dt = t.frames[i].device_time_us - t.frames[i - 1].device_time_us;
            CHECK(std::abs(dt - expected_us) <= tolerance_us);
        }
    }
}

double peak_force(const ImportedTrial& t) {
    double peak = 0.0;
    for (const auto& f : t.frames) peak = std::max(peak, txz::force_n(t.header, f));
    return peak;
}

std::size_t count_present(const ImportedTrial& t) {
    return static_cast<std::size_t>(std::count(t.header.layout.grid_present.begin(), t.header.layout.grid_present.end(), 1));
}

// Sensors loaded in at least one frame.
std::size_t count_ever_loaded(const ImportedTrial& t) {
    std::size_t n = 0;
    for (std::size_t i = 0; i < t.header.geometry.sensor_count(); ++i)
        n += std::any_of(t.frames.begin(), t.frames.end(), [&](const plantar::Frame& f) { return f.pressure_kpa[i] > 0.0f; }) ? 1 : 0;
    return n;
}

}  // namespace

TEST_CASE("tekscan sample: F-Scan left insole, 205 frames of 60 x 21 at 31.25 Hz in kPa") {
    const auto trials = timed_import(kExports / "pressuRe-extdata" / "fscan_testL.asf", ExportFormat::TekscanAscii);
    REQUIRE(trials.size() == 1);
    const auto& t = trials[0];
    CHECK(t.frames.size() == 205);
    CHECK(t.header.layout.coverage == plantar::SensorCoverage::Insole);  // prints reaching its outline are whole
    CHECK(t.header.geometry.rows == 60);
    CHECK(t.header.geometry.cols == 21);
    CHECK(t.header.geometry.pitch_x_mm == doctest::Approx(5.08));
    CHECK(t.header.geometry.sensor_area_mm2 == doctest::Approx(25.8064));
    CHECK(t.header.rate_hz == doctest::Approx(31.25));
    CHECK(t.header.original_unit == "KPa");
    check_intervals(t, 32000, 0);
    // 955 cells have a sensel ('B' elsewhere); 471 of them are ever loaded. pressuRe's test
    // expects 942 "active sensors": its length() of a which(arr.ind = TRUE) matrix, 2 x 471.
    CHECK(count_present(t) == 955);
    CHECK(count_ever_loaded(t) == 471);
    CHECK(2 * count_ever_loaded(t) == 942);
    // CALIBRATION_POINT_1 is a 75 kg walk calibration (the wearer's weight): peaks 1-1.3 BW.
    const double bw = 75.0 * 9.80665;
    CHECK(peak_force(t) > 1.0 * bw);
    CHECK(peak_force(t) < 1.3 * bw);
}

TEST_CASE("tekscan sample: the I-Scan export in raw counts imports as counts, 309 frames of 28 x 28 at 10 Hz") {
    const auto path = kExports / "pressuRe-extdata" / "iscan_test.csv";
    const auto trials = timed_import(path, ExportFormat::TekscanAscii);
    REQUIRE(trials.size() == 1);
    const auto& t = trials[0];
    CHECK(t.header.pressure_scale == plantar::PressureScale::RawCounts);
    CHECK(t.header.original_unit == "raw");
    CHECK(t.header.layout.coverage == plantar::SensorCoverage::Plate);  // an I-Scan sensor is not worn
    CHECK(std::any_of(t.header.assumptions.begin(), t.header.assumptions.end(),
                      [](const std::string& a) { return a.starts_with("UNITS raw"); }));
    CHECK(t.frames.size() == 309);  // START_FRAME 1, END_FRAME 309
    CHECK(t.header.geometry.rows == 28);
    CHECK(t.header.geometry.cols == 28);
    CHECK(t.header.geometry.pitch_y_mm == doctest::Approx(1.27));
    CHECK(t.header.geometry.pitch_x_mm == doctest::Approx(1.27));
    CHECK(t.header.geometry.sensor_area_mm2 == doctest::Approx(1.6129));
    CHECK(t.header.rate_hz == doctest::Approx(10.0));  // SECONDS_PER_FRAME 0.1
    CHECK(t.header.kind == plantar::TrialKind::Static);
    check_intervals(t, 100000, 10000);  // the I-Scan clock: 0.10 or 0.11 s
    CHECK(t.frames.back().device_time_us == 31'100'000);
    // The values are the file's integers, unconverted: every frame's sum is the "Raw Sum" its
    // frame line states (Frame 1: 310, Frame 2: 307, Frame 309: 29).
    const std::string text = slurp(path);
    std::vector<double> stated;
    for (std::size_t at = text.find("Raw Sum=,,"); at != std::string::npos; at = text.find("Raw Sum=,,", at + 1))
        stated.push_back(std::stod(text.substr(at + 10, 12)));
    REQUIRE(stated.size() == t.frames.size());
    CHECK(stated.front() == 310.0);
    CHECK(stated.back() == 29.0);
    for (std::size_t f = 0; f < t.frames.size(); ++f) {
        double sum = 0.0;
        for (float v : t.frames[f].pressure_kpa) {
            CHECK(v == std::floor(v));  // whole counts
            sum += static_cast<double>(v);
        }
        CHECK_MESSAGE(sum == stated[f], "frame " << f + 1);
    }
}

TEST_CASE("tekscan sample: the I-Scan export relabelled in kPa reads the same numbers as pressures") {
    std::string text = slurp(kExports / "pressuRe-extdata" / "iscan_test.csv");
    const auto at = text.find("UNITS raw");
    REQUIRE(at != std::string::npos);
    text.replace(at, 9, "UNITS KPa");
    const auto trials = timed_import(txz::write_fixture("iscan_kpa.csv", text), ExportFormat::TekscanAscii);
    const auto raw = plantar::import::read_export(kExports / "pressuRe-extdata" / "iscan_test.csv", ExportFormat::TekscanAscii);
    const auto& t = trials[0];
    CHECK(t.header.pressure_scale == plantar::PressureScale::Kilopascal);
    REQUIRE(t.frames.size() == raw[0].frames.size());
    for (std::size_t f = 0; f < t.frames.size(); ++f) CHECK(t.frames[f] == raw[0].frames[f]);
}

TEST_CASE("zebris sample: FDM-T treadmill, 1472 frames of 128 x 56 at 100 Hz; force matches the export's own series") {
    const auto path = std::filesystem::path(PLANTAR_TXZ_EXTRACT) / "zebris_fdmt_barefoot_4kmh_100Hz.txt";
    if (!std::filesystem::exists(path)) {
        MESSAGE("the Zebris sample was not extracted (no zip in the samples folder): skipped");
        return;
    }
    const auto trials = timed_import(path, ExportFormat::ZebrisFdm);
    REQUIRE(trials.size() == 1);
    // Application 'trplatf' and a belt Position column: the plate lies under a moving belt.
    CHECK(trials[0].header.layout.coverage == plantar::SensorCoverage::Treadmill);
    REQUIRE(trials.size() == 1);
    const auto& t = trials[0];
    CHECK(t.frames.size() == 1472);
    CHECK(t.header.geometry.rows == 128);  // along the treadmill
    CHECK(t.header.geometry.cols == 56);
    CHECK(t.header.geometry.pitch_y_mm == doctest::Approx(8.47));
    CHECK(t.header.geometry.pitch_x_mm == doctest::Approx(8.46));
    CHECK(t.header.rate_hz == doctest::Approx(100.0));
    CHECK(t.header.original_unit == "N/cm^2");
    CHECK(t.header.layout.is_full_grid());
    check_intervals(t, 10000, 0);
    // Section 1 of the export: time (ms), position, left force (N), right force (N), ...
    std::map<std::int64_t, double> vendor;
    std::istringstream text(slurp(path));
    std::string line;
    bool in_series = false;
    while (std::getline(text, line)) {
        if (line.rfind("Time,ms\t", 0) == 0) in_series = true;
        else if (line.rfind("Platform {", 0) == 0) break;
        else if (in_series) {
            double ms = 0, pos = 0, left = 0, right = 0;
            if (std::sscanf(line.c_str(), "%lf %lf %lf %lf", &ms, &pos, &left, &right) == 4) vendor[std::llround(ms * 1000)] = left + right;
        }
    }
    CHECK(vendor.size() == 1472);
    std::size_t loaded = 0, agree = 0;
    for (const auto& f : t.frames) {
        const auto it = vendor.find(f.device_time_us);
        if (it == vendor.end() || it->second < 100.0) continue;
        ++loaded;
        agree += std::abs(txz::force_n(t.header, f) - it->second) < 0.02 * it->second + 2.0 ? 1 : 0;
    }
    MESSAGE("zebris: " << agree << " of " << loaded << " loaded frames agree with the vendor's force within 2 %");
    CHECK(loaded > 1000);
    CHECK(agree >= loaded * 95 / 100);
    // Both feet on the belt: peaks of a walking adult are hundreds of newtons, not thousands.
    CHECK(peak_force(t) > 400.0);
    CHECK(peak_force(t) < 1500.0);
}

TEST_CASE("xsensor sample: two insoles, 101 frames of 31 x 11, mmHg; force matches the vendor's Est. Load") {
    const auto path = kExports / "pressuRe-extdata" / "xsensor_data.csv";
    const auto trials = timed_import(path, ExportFormat::XsensorCsv);
    REQUIRE(trials.size() == 2);
    CHECK(trials[0].header.layout.coverage == plantar::SensorCoverage::Insole);
    CHECK(trials[1].header.layout.coverage == plantar::SensorCoverage::Insole);
    // The vendor's Est. Load (N) of each SENSOR block, in file order (left, right, left, ...).
    std::vector<double> load;
    std::istringstream text(slurp(path));
    std::string line;
    bool in_sensor = false;
    while (std::getline(text, line)) {
        if (line.rfind("SENSOR,", 0) == 0) in_sensor = true;
        else if (line.rfind("GROUP,", 0) == 0) in_sensor = false;
        else if (in_sensor && line.rfind("Est. Load (N),", 0) == 0) load.push_back(std::stod(line.substr(14)));
    }
    REQUIRE(load.size() == 202);
    for (std::size_t side = 0; side < 2; ++side) {
        const auto& t = trials[side];
        CHECK(t.header.source.details.find(side == 0 ? "left" : "right") != std::string::npos);
        CHECK(t.frames.size() == 101);
        CHECK(t.header.geometry.rows == 31);
        CHECK(t.header.geometry.cols == 11);
        CHECK(t.header.geometry.pitch_x_mm == doctest::Approx(8.6));
        CHECK(t.header.geometry.sensor_area_mm2 == doctest::Approx(73.96));
        CHECK(t.header.original_unit == "mmHg");
        CHECK(t.header.rate_hz == doctest::Approx(75.13).epsilon(0.01));
        check_intervals(t, 13300, 1000);  // the export's clock: 13 or 14 ms
        CHECK(t.frames.back().device_time_us == 1'331'000);
        std::size_t agree = 0;
        for (std::size_t i = 0; i < t.frames.size(); ++i) {
            const double vendor = load[2 * i + side];
            agree += std::abs(txz::force_n(t.header, t.frames[i]) - vendor) < 0.01 * vendor + 1.0 ? 1 : 0;
        }
        CHECK(agree == t.frames.size());
        CHECK(peak_force(t) > 200.0);  // a walking foot: hundreds of newtons
        CHECK(peak_force(t) < 1500.0);
    }
}

int main(int argc, char** argv) {
    if (!std::filesystem::is_directory(kExports)) {
        std::printf("SKIPPED: no vendor samples at %s\n", kExports.string().c_str());
        return 77;
    }
    doctest::Context context(argc, argv);
    return context.run();
}
