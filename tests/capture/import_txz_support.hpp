// Shared by the Tekscan / XSENSOR / Zebris import tests: temporary fixture files and force sums.
#pragma once

#include <doctest/doctest.h>

#include <filesystem>
#include <fstream>
#include <string>
#include <unistd.h>

#include "plantar/capture/frame.hpp"
#include "plantar/capture/import/vendor_export.hpp"

namespace txz {

// A folder of this test process, removed when the process ends.
inline std::filesystem::path temp_dir() {
    struct Dir {
        std::filesystem::path path;
        Dir() : path(std::filesystem::temp_directory_path() / ("plantar_txz_" + std::to_string(::getpid()))) {
            std::filesystem::create_directories(path);
        }
        ~Dir() {
            std::error_code ignored;
            std::filesystem::remove_all(path, ignored);
        }
    };
    static const Dir dir;
    return dir.path;
}

// Writes `text` to a fresh file in the test's temporary folder and returns its path.
inline std::filesystem::path write_fixture(const std::string& name, const std::string& text) {
    const auto path = temp_dir() / name;
    std::ofstream out(path, std::ios::binary | std::ios::trunc);
    out << text;
    return path;
}

// Force in N of a frame, skipping cells with no sensor.
inline double force_n(const plantar::TrialHeader& h, const plantar::Frame& f) {
    double sum = 0.0;
    for (std::size_t i = 0; i < f.pressure_kpa.size(); ++i)
        if (h.layout.grid_present.empty() || h.layout.grid_present[i]) sum += static_cast<double>(f.pressure_kpa[i]);
    return sum * h.geometry.sensor_area_mm2 * 1e-3;
}

struct Refusal {
    std::string file;
    std::size_t line = 0;
    std::string what;
};

// Reads `path` as `format` and returns the ImportError it must throw.
inline Refusal refusal(const std::filesystem::path& path, plantar::import::ExportFormat format) {
    try {
        (void)plantar::import::read_export(path, format);
    } catch (const plantar::import::ImportError& e) {
        return {e.file, e.line, e.what()};
    }
    FAIL("expected an ImportError for " << path);
    return {};
}

inline void check_refusal(const std::filesystem::path& path, plantar::import::ExportFormat format, std::size_t line,
                          const std::string& key_word) {
    const Refusal r = refusal(path, format);
    CHECK(r.file == path.string());
    CHECK(r.line == line);
    CHECK_MESSAGE(r.what.find(key_word) != std::string::npos, r.what);
}

}  // namespace txz
