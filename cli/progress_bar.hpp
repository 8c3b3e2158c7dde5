// A progress bar on stderr for work that takes more than a moment. It draws only when stderr
// is a terminal (so logs and pipes stay clean) and at most ten times a second.
#pragma once

#include <chrono>
#include <cstdint>
#include <string>

namespace plantar::cli {

class ProgressBar {
public:
    ProgressBar(std::string label, std::uint64_t total, std::string unit);
    ~ProgressBar();
    ProgressBar(const ProgressBar&) = delete;
    ProgressBar& operator=(const ProgressBar&) = delete;

    void update(std::uint64_t done);
    // Draws the final state and ends the line.
    void finish();

private:
    void draw(std::uint64_t done);

    std::string label_;
    std::uint64_t total_;
    std::string unit_;
    bool enabled_;
    bool finished_ = false;
    std::uint64_t last_done_ = 0;
    std::chrono::steady_clock::time_point start_;
    std::chrono::steady_clock::time_point last_draw_;
};

}  // namespace plantar::cli
