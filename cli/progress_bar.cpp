#include "progress_bar.hpp"

#include <unistd.h>

#include <cstdio>
#include <cstdlib>

namespace plantar::cli {

namespace {
constexpr int kBarWidth = 30;
constexpr auto kRedrawInterval = std::chrono::milliseconds(100);

bool progress_wanted() {
    // PLANTAR_PROGRESS=1 forces the bar (for trying it in a pipe), =0 silences it.
    if (const char* forced = std::getenv("PLANTAR_PROGRESS")) return forced[0] == '1';
    return isatty(STDERR_FILENO) != 0;
}
}  // namespace

ProgressBar::ProgressBar(std::string label, std::uint64_t total, std::string unit)
    : label_(std::move(label)),
      total_(total),
      unit_(std::move(unit)),
      enabled_(progress_wanted()),
      start_(std::chrono::steady_clock::now()),
      last_draw_(start_ - kRedrawInterval) {}

ProgressBar::~ProgressBar() {
    // An unfinished bar (an error cut the work short) still ends its line, so the error message
    // that follows starts on a line of its own.
    if (enabled_ && !finished_) std::fputs("\n", stderr);
}

void ProgressBar::update(std::uint64_t done) {
    last_done_ = done;
    auto now = std::chrono::steady_clock::now();
    if (now - last_draw_ < kRedrawInterval) return;
    last_draw_ = now;
    draw(done);
}

void ProgressBar::finish() {
    if (finished_) return;
    draw(total_ > 0 ? total_ : last_done_);
    if (enabled_) std::fputs("\n", stderr);
    finished_ = true;
}

void ProgressBar::draw(std::uint64_t done) {
    if (!enabled_) return;
    double fraction = total_ > 0 ? static_cast<double>(done) / static_cast<double>(total_) : 0.0;
    if (fraction > 1.0) fraction = 1.0;
    int filled = static_cast<int>(fraction * kBarWidth);
    double elapsed = std::chrono::duration<double>(std::chrono::steady_clock::now() - start_).count();
    char bar[kBarWidth + 1];
    for (int i = 0; i < kBarWidth; ++i) bar[i] = i < filled ? '#' : '.';
    bar[kBarWidth] = '\0';
    char eta[32] = "";
    if (fraction > 0.02 && fraction < 1.0)
        std::snprintf(eta, sizeof eta, ", %.0f s left", elapsed * (1.0 - fraction) / fraction);
    std::fprintf(stderr, "\r%s [%s] %3.0f%% %llu/%llu %s, %.1f s%s   ", label_.c_str(), bar, fraction * 100.0,
                 static_cast<unsigned long long>(done), static_cast<unsigned long long>(total_), unit_.c_str(),
                 elapsed, eta);
    std::fflush(stderr);
}

}  // namespace plantar::cli
