// Helpers shared by the session store tests: a temporary folder per test, and deterministic
// synthetic frames that look like a plate under a foot (mostly zeros, one noisy blob).
#pragma once

#include <atomic>
#include <cmath>
#include <cstdint>
#include <filesystem>
#include <random>
#include <string>
#include <unistd.h>

#include "plantar/capture/session/session.hpp"

namespace plantar::test {

class TempDir {
public:
    TempDir() {
        static std::atomic<int> counter{0};
        std::random_device random;
        path_ = std::filesystem::temp_directory_path() /
                ("plantar-session-test-" + std::to_string(::getpid()) + "-" + std::to_string(counter++) + "-" +
                 std::to_string(random()));
        std::filesystem::create_directories(path_);
    }
    ~TempDir() {
        std::error_code ignored;
        std::filesystem::remove_all(path_, ignored);
    }
    TempDir(const TempDir&) = delete;
    TempDir& operator=(const TempDir&) = delete;
    std::filesystem::path file(const std::string& name) const { return path_ / name; }

private:
    std::filesystem::path path_;
};

// A cheap, deterministic hash: the same (frame, sensor) always gives the same noise.
inline std::uint32_t mix(std::uint64_t value) {
    value ^= value >> 33;
    value *= 0xff51afd7ed558ccdULL;
    value ^= value >> 33;
    value *= 0xc4ceb9fe1a85ec53ULL;
    value ^= value >> 33;
    return static_cast<std::uint32_t>(value);
}

// Frame `index` of a synthetic recording: a foot-sized elliptical blob (about 100 x 260 mm)
// drifting along the plate, noisy values up to ~400 kPa inside, zero outside.
inline Frame synthetic_frame(const PlateGeometry& g, std::uint64_t index, std::uint64_t salt = 0) {
    Frame frame(g);
    frame.sequence = 1000 + index;
    frame.device_time_us = 17 + static_cast<std::int64_t>(index) * 10000;  // 100 Hz
    frame.host_time_ns = 5'000'000'000LL + static_cast<std::int64_t>(index) * 10'000'123LL;
    double centre_x = g.width_mm() * 0.5;
    double centre_y = g.length_mm() * (0.3 + 0.4 * std::fmod(static_cast<double>(index) * 0.001, 1.0));
    for (int r = 0; r < g.rows; ++r) {
        for (int c = 0; c < g.cols; ++c) {
            double dx = (g.x_mm(c) - centre_x) / 50.0;
            double dy = (g.y_mm(r) - centre_y) / 130.0;
            double d2 = dx * dx + dy * dy;
            if (d2 >= 1.0) continue;
            std::uint32_t noise = mix((index * 1'000'003ULL + g.index(r, c)) ^ (salt * 0x9e3779b97f4a7c15ULL));
            double value = 400.0 * (1.0 - d2) + static_cast<double>(noise % 1000) * 0.01;
            frame.pressure_kpa[g.index(r, c)] = static_cast<float>(value);
        }
    }
    return frame;
}

inline TrialHeader trial_header(const PlateGeometry& geometry, TrialKind kind = TrialKind::Walk) {
    TrialHeader header;
    header.kind = kind;
    header.source = {SourceKind::Simulator, "synthetic plate", "deterministic test frames"};
    header.geometry = geometry;
    header.rate_hz = 100.0;
    return header;
}

inline Subject test_subject() {
    Subject subject;
    subject.id = "P-0042";
    return subject;
}

// Writes `count` synthetic frames into a new trial and ends it.
inline void write_trial(SessionWriter& writer, const TrialHeader& header, std::uint64_t count, std::uint64_t salt = 0) {
    writer.begin_trial(header);
    for (std::uint64_t i = 0; i < count; ++i) writer.write(synthetic_frame(header.geometry, i, salt));
    writer.end_trial();
}

}  // namespace plantar::test
