// RSscan importers: the Entire Plate Roll Off ASCII export and the footscan roll-off .xls.
// Built twice (tests/capture/import_rsscan_tests.cmake): without PLANTAR_RSSCAN_SAMPLES it holds
// the fixture tests (files written here); with it, the tests on the real samples in
// ../shared/data/vendor-exports, whose main returns 77 (ctest: Skipped) when that folder is absent.
#include <algorithm>
#include <chrono>
#include <cmath>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <sstream>
#include <string>
#include <vector>

#include <unistd.h>

#ifdef PLANTAR_RSSCAN_SAMPLES
#define DOCTEST_CONFIG_IMPLEMENT
#endif
#include <doctest/doctest.h>

#include "plantar/capture/import/vendor_export.hpp"

namespace fs = std::filesystem;
using namespace plantar;
using namespace plantar::import;

namespace {

// This process's fixture folder, removed when the process ends.
fs::path temp_dir() {
    struct Folder {
        fs::path path = fs::temp_directory_path() / ("plantar-rsscan-" + std::to_string(::getpid()));
        ~Folder() {
            std::error_code ignored;
            fs::remove_all(path, ignored);
        }
    };
    static const Folder folder;
    fs::create_directories(folder.path);
    return folder.path;
}

[[maybe_unused]] fs::path write_file(const std::string& name, const std::string& content) {
    const fs::path path = temp_dir() / name;
    std::ofstream(path, std::ios::binary) << content;
    return path;
}

[[maybe_unused]] std::string read_bytes(const fs::path& path) {
    std::ifstream in(path, std::ios::binary);
    std::ostringstream out;
    out << in.rdbuf();
    return out.str();
}

// The ImportError that reading `path` as `format` throws (fails the test when none).
ImportError import_error(const fs::path& path, ExportFormat format) {
    try {
        (void)read_export(path, format);
    } catch (const ImportError& e) {
        return e;
    }
    FAIL("no ImportError for " << path);
    return ImportError(path.string(), 0, "");
}

void check_refused(const fs::path& path, ExportFormat format, std::size_t line, const std::string& key) {
    const ImportError e = import_error(path, format);
    INFO(std::string(e.what()));
    CHECK(e.file == path.string());
    CHECK(e.line == line);
    CHECK(std::string(e.what()).find(key) != std::string::npos);
}

[[maybe_unused]] double peak_force_n(const ImportedTrial& trial) {
    double peak = 0.0;
    for (const auto& frame : trial.frames) peak = std::max(peak, total_force_n(trial.header.geometry, frame));
    return peak;
}

// The largest force of one contact region: per frame, the rows of the plate split into runs of
// loaded rows separated by at least 10 unloaded rows (76 mm: more than a high arch, less than the
// space between two feet in a walking stride), so two feet on a 2 m plate count apart.
[[maybe_unused]] double peak_foot_force_n(const ImportedTrial& trial) {
    const auto& g = trial.header.geometry;
    double peak = 0.0;
    for (const auto& frame : trial.frames) {
        double run = 0.0;
        int gap = 0;
        for (int r = 0; r < g.rows; ++r) {
            double row = 0.0;
            for (int c = 0; c < g.cols; ++c) row += static_cast<double>(frame.at(g, r, c)) * g.sensor_area_mm2 * 1e-3;
            if (row > 0.0) {
                if (gap >= 10) run = 0.0;
                run += row;
                gap = 0;
                peak = std::max(peak, run);
            } else {
                ++gap;
            }
        }
    }
    return peak;
}

[[maybe_unused]] std::size_t active_sensors(const ImportedTrial& trial) {
    std::vector<bool> active(trial.header.geometry.sensor_count(), false);
    for (const auto& frame : trial.frames)
        for (std::size_t i = 0; i < active.size(); ++i)
            if (frame.pressure_kpa[i] > 0.0f) active[i] = true;
    return static_cast<std::size_t>(std::count(active.begin(), active.end(), true));
}

}  // namespace

#ifndef PLANTAR_RSSCAN_SAMPLES

namespace {

// A small roll-off ASCII export: `frames` blocks of 2 rows x 3 columns, CRLF.
std::string ascii_export(int frames) {
    std::string text;
    for (int k = 0; k < frames; ++k) {
        text += "Frame " + std::to_string(k) + " (" + std::to_string(k * 8) + ".00 ms)\r\n";
        text += "0.0\t38.7096\t0.0\r\n";
        text += "1.5\t0.0\t0.0\r\n\r\n";
    }
    return text;
}

}  // namespace

TEST_CASE("rsscan ascii: a small export imports, N per sensor becomes kPa, times come from the frame lines") {
    const auto path = write_file("small-rolloff", ascii_export(3));
    CHECK(detect_export_format(path) == ExportFormat::RsscanRollOffAscii);
    std::vector<double> fractions;
    const auto trials = read_export(path, {}, [&](double f) { fractions.push_back(f); });
    REQUIRE(trials.size() == 1);
    const auto& t = trials.front();
    CHECK(t.header.geometry.rows == 2);
    CHECK(t.header.geometry.cols == 3);
    CHECK(t.header.geometry.pitch_x_mm == doctest::Approx(5.08));
    CHECK(t.header.geometry.pitch_y_mm == doctest::Approx(7.62));
    CHECK(t.header.original_unit == "N per sensor");
    CHECK(t.header.source.kind == SourceKind::Import);
    CHECK(t.header.source.name == "small-rolloff");
    CHECK_FALSE(t.header.assumptions.empty());
    CHECK(t.header.rate_hz == doctest::Approx(125.0));
    REQUIRE(t.frames.size() == 3);
    CHECK(t.frames[2].sequence == 2);
    CHECK(t.frames[2].device_time_us == 16000);
    CHECK(t.frames[0].at(t.header.geometry, 0, 1) == doctest::Approx(1000.0));  // 38.7096 N on 38.7096 mm^2
    CHECK(total_force_n(t.header.geometry, t.frames[0]) == doctest::Approx(38.7096 + 1.5).epsilon(1e-5));
    REQUIRE_FALSE(fractions.empty());
    CHECK(fractions.back() == 1.0);
    CHECK(std::is_sorted(fractions.begin(), fractions.end()));
}

TEST_CASE("rsscan ascii: every malformed case is refused naming the file, the line and what was expected") {
    const auto fmt = ExportFormat::RsscanRollOffAscii;
    std::string text = ascii_export(2);
    SUBCASE("empty file") { check_refused(write_file("empty", ""), fmt, 1, "empty"); }
    SUBCASE("truncated block") {  // frame 1 ends after its first row
        check_refused(write_file("truncated", text.substr(0, text.rfind("1.5\t"))), fmt, 6, "truncated");
    }
    SUBCASE("truncated mid-line") {
        check_refused(write_file("cut", text.substr(0, text.rfind("38.7096") + 2)), fmt, 6, "expected 3 tab-separated values");
    }
    SUBCASE("wrong value count") {
        text.replace(text.find("1.5\t0.0\t0.0"), 11, "1.5\t0.0\t0.0\t0.0");
        check_refused(write_file("wide", text), fmt, 3, "expected 3 tab-separated values");
    }
    SUBCASE("a block with an extra row") {
        text.replace(text.rfind("1.5\t0.0\t0.0\r\n"), 13, "1.5\t0.0\t0.0\r\n1.0\t1.0\t1.0\r\n");  // in frame 1
        check_refused(write_file("tall", text), fmt, 8, "more than 2 sensor rows");
    }
    SUBCASE("bad frame line") {
        text.replace(text.find("Frame 1 (8.00 ms)"), 17, "Frame one (8 ms)");
        check_refused(write_file("badframe", text), fmt, 5, "expected a frame header");
    }
    SUBCASE("missing frame number") {
        text.replace(text.find("Frame 1 (8.00 ms)"), 17, "Frame 2 (8.00 ms)");
        check_refused(write_file("skipped", text), fmt, 5, "missing");
    }
    SUBCASE("time going backwards") {
        text.replace(text.find("Frame 1 (8.00 ms)"), 17, "Frame 1 (0.00 ms)");
        check_refused(write_file("backwards", text), fmt, 5, "increasing times");
    }
    SUBCASE("non-numeric value") {
        text.replace(text.find("38.7096"), 7, "38,7096");
        check_refused(write_file("comma", text), fmt, 2, "column 2: expected a number");
    }
}

TEST_CASE("footscan xls: a file named .xls that is not an OLE2 workbook is refused, and not detected as one") {
    const auto path = write_file("not-excel.xls", "Frame 0 (0.00 ms)\nthis is text\n");
    CHECK_THROWS_AS((void)detect_export_format(path), ImportError);  // recognised as nothing
    check_refused(path, ExportFormat::FootscanXls, 0, "OLE2");
    check_refused(write_file("tiny.xls", "\xD0\xCF"), ExportFormat::FootscanXls, 0, "OLE2");
    // OLE2 magic but nothing after it.
    check_refused(write_file("magic-only.xls", std::string("\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1", 8)), ExportFormat::FootscanXls, 0,
                  "not a readable Excel 97 workbook");
}

#else  // the samples

namespace {

const fs::path kVendorDir = fs::path(PLANTAR_SOURCE_DIR) / ".." / "shared" / "data" / "vendor-exports";

fs::path only_file_in(const fs::path& dir) {
    for (const auto& entry : fs::recursive_directory_iterator(dir))
        if (entry.is_regular_file()) return entry.path();
    FAIL("no file extracted into " << dir);
    return {};
}

std::vector<ImportedTrial> timed_import(const fs::path& path, std::optional<ExportFormat> format = {}) {
    std::size_t calls = 0;
    double last = -1.0;
    bool monotonic = true;
    const auto start = std::chrono::steady_clock::now();
    auto trials = read_export(path, format, [&](double f) {
        monotonic = monotonic && f >= last;
        last = f;
        ++calls;
    });
    const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    const double mb = static_cast<double>(fs::file_size(path)) / 1e6;
    std::cout << path.filename().string() << ": " << mb << " MB in " << seconds << " s = " << mb / seconds << " MB/s\n";
    CHECK(monotonic);
    CHECK(last == 1.0);
    CHECK(calls <= 102);  // at most every ~1 %
    return trials;
}

}  // namespace

TEST_CASE("rsscan ascii samples: 249 frames of 256 x 63 at ~126 Hz, N per sensor, a plausible walking load") {
    for (int n : {1, 2}) {
        const fs::path path = only_file_in(fs::path(PLANTAR_RSSCAN_EXTRACT_DIR) / ("barefoot_" + std::to_string(n)));
        INFO(path);
        CHECK(detect_export_format(path) == ExportFormat::RsscanRollOffAscii);
        const auto trials = timed_import(path);
        REQUIRE(trials.size() == 1);
        const auto& t = trials.front();
        CHECK(t.header.geometry.rows == 256);  // along the walkway
        CHECK(t.header.geometry.cols == 63);   // across
        CHECK(t.header.geometry.sensor_area_mm2 == doctest::Approx(38.7096));
        CHECK(t.header.original_unit == "N per sensor");
        REQUIRE(t.frames.size() == 249);
        CHECK(t.frames.back().device_time_us == 1968250);
        for (std::size_t i = 1; i < t.frames.size(); ++i) {
            const auto dt = t.frames[i].device_time_us - t.frames[i - 1].device_time_us;
            CHECK((dt >= 7920 && dt <= 7950));
        }
        CHECK(t.header.rate_hz == doctest::Approx(126.0).epsilon(0.005));
        // No body mass in the file: 500-1300 N is a plausible walking peak for one adult foot (1-1.3
        // body weights of 50-100 kg); the README reports one foot's sums of 800-1000 N. The whole
        // plate holds two feet in double support, so the check is per foot.
        const double peak = peak_foot_force_n(t);
        std::cout << path.filename().string() << ": peak force of one foot " << peak << " N, of the whole plate "
                  << peak_force_n(t) << " N; " << active_sensors(t) << " active sensors\n";
        CHECK(peak > 500.0);
        CHECK(peak < 1300.0);
    }
}

TEST_CASE("footscan xls sample: right foot, 329 frames x 387 active sensors (as pressuRe), 2 ms, 38 x 20 crop") {
    const fs::path path = kVendorDir / "pressuRe-extdata" / "footscan_test.xls";
    CHECK(detect_export_format(path) == ExportFormat::FootscanXls);
    const auto trials = timed_import(path);
    REQUIRE(trials.size() == 1);
    const auto& t = trials.front();
    CHECK(t.header.geometry.rows == 38);
    CHECK(t.header.geometry.cols == 20);
    CHECK(t.header.original_unit == "N per sensor");
    CHECK(t.header.source.name == "footscan_test.xls");
    CHECK(t.header.source.details.find("right foot") != std::string::npos);
    CHECK(t.header.source.details.find("bottom 6, left 40, width 20, height 38") != std::string::npos);
    CHECK(t.header.source.details.find("Patient") == std::string::npos);
    REQUIRE(t.frames.size() == 329);
    CHECK(active_sensors(t) == 387);
    for (std::size_t i = 1; i < t.frames.size(); ++i) CHECK(t.frames[i].device_time_us - t.frames[i - 1].device_time_us == 2000);
    CHECK(t.header.rate_hz == doctest::Approx(500.0));
    const double peak = peak_force_n(t);
    std::cout << "footscan_test.xls: peak total force " << peak << " N\n";
    CHECK(peak == doctest::Approx(735.3).epsilon(1e-4));  // the sheet's own frame sum, in N
    CHECK(peak > 500.0);
    CHECK(peak < 1300.0);
    // Heel strike first: early contact at low grid rows, the toes' last contact at high rows.
    const auto& g = t.header.geometry;
    auto contact_row = [&](const Frame& f) {
        double sum = 0.0, weighted = 0.0;
        for (int r = 0; r < g.rows; ++r)
            for (int c = 0; c < g.cols; ++c) {
                sum += static_cast<double>(f.at(g, r, c));
                weighted += r * static_cast<double>(f.at(g, r, c));
            }
        return weighted / sum;
    };
    CHECK(contact_row(t.frames[5]) < 10.0);
    CHECK(contact_row(t.frames[320]) > 25.0);
}

TEST_CASE("footscan xls: damaged copies of the sample are refused cleanly") {
    const std::string bytes = read_bytes(kVendorDir / "pressuRe-extdata" / "footscan_test.xls");
    const fs::path dir = temp_dir();
    SUBCASE("truncated copies") {
        for (int percent = 1; percent < 100; percent += 4) {
            const fs::path path = dir / "truncated.xls";
            std::ofstream(path, std::ios::binary) << bytes.substr(0, bytes.size() * static_cast<std::size_t>(percent) / 100);
            INFO("kept " << percent << " %");
            CHECK_THROWS_AS((void)read_export(path, ExportFormat::FootscanXls), ImportError);
        }
        for (const std::size_t cut : {std::size_t{512}, bytes.size() - 1, bytes.size() - 512}) {
            const fs::path path = dir / "truncated.xls";
            std::ofstream(path, std::ios::binary) << bytes.substr(0, cut);
            INFO("kept " << cut << " bytes");
            CHECK_THROWS_AS((void)read_export(path, ExportFormat::FootscanXls), ImportError);
        }
    }
    auto patched = [&](const std::string& from, const std::string& to) {
        std::string copy = bytes;
        const auto at = copy.find(from);
        REQUIRE(at != std::string::npos);
        copy.replace(at, from.size(), to);
        const fs::path path = dir / "patched.xls";
        std::ofstream(path, std::ios::binary) << copy;
        return path;
    };
    SUBCASE("another spreadsheet (the title is not a footscan roll-off's)") {
        check_refused(patched("Dynamic Roll off", "Quarterly budget"), ExportFormat::FootscanXls, 1, "not an RSscan footscan roll-off");
    }
    SUBCASE("a mislabelled frame: sheet row 218 holds Frame 7 where Frame 5 belongs") {
        check_refused(patched("Frame 5 (10.00 ms)", "Frame 7 (10.00 ms)"), ExportFormat::FootscanXls, 218, "row 218");
    }
    SUBCASE("a missing rectangle label") {
        check_refused(patched("Rectangle height", "Rectangle heigXX"), ExportFormat::FootscanXls, 15, "Rectangle height");
    }
}

int main(int argc, char** argv) {
    if (!fs::is_directory(kVendorDir)) {
        std::cout << "skipped: the vendor-export samples are not at " << kVendorDir.string() << "\n";
        return 77;
    }
    doctest::Context context(argc, argv);
    return context.run();
}

#endif
