#include "trial_background.hpp"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <utility>

namespace plantar::viz {
namespace {

// The cache of the background reader: it reads each frame once in order, then each contact's
// frames again, so a few blocks are enough; its memory stays small next to the UI's cache.
// Blocks of one chunk (one hold of the HDF5 lock each), and it lets the UI's reads go first.
constexpr FrameCacheLimits kBackgroundCache{
    .block_bytes = std::size_t{256} << 10, .max_bytes = std::size_t{16} << 20, .yield_to_others = true};
// Read ahead of the frame on screen: at least this many frames (a quarter second at 500 Hz),
// so playback at normal speed finds its next frames already read.
constexpr std::size_t kPrefetchFrames = 128;

struct Cancelled {};

// The trial's first `count` frames as analysis sees them: stops analysis (by throwing Cancelled
// out of it) when the view asks the thread to stop, and reports how far its first pass (every
// frame in order, for the contacts) has gone as the second half of `progress`.
class CancellableFrames final : public FrameSequence {
public:
    CancellableFrames(std::shared_ptr<const SessionFrameSequence> frames, std::size_t count, std::stop_token stop,
                      std::atomic<float>& progress)
        : frames_(std::move(frames)), count_(count), stop_(std::move(stop)), progress_(progress) {}
    std::size_t size() const override { return count_; }
    std::shared_ptr<const Frame> frame(std::size_t index) const override {
        if (stop_.stop_requested()) throw Cancelled{};
        if (index >= count_) return SpanFrameSequence().frame(index);  // the usual out-of-range error
        if (index >= furthest_) {  // analysis runs on one thread: no race on furthest_
            furthest_ = index + 1;
            progress_ = 0.5f + 0.5f * static_cast<float>(furthest_) / static_cast<float>(count_);
        }
        return frames_->frame(index);
    }

private:
    std::shared_ptr<const SessionFrameSequence> frames_;
    std::size_t count_;
    std::stop_token stop_;
    std::atomic<float>& progress_;
    mutable std::size_t furthest_ = 0;
};

std::string percent_text(const char* what, double fraction) {
    char text[64];
    std::snprintf(text, sizeof text, "%s %.0f %%", what, 100.0 * fraction);
    return text;
}

}  // namespace

TrialBackground::TrialBackground(const std::filesystem::path& path, int trial, const TrialHeader& header,
                                 const analysis::SensorMap& sensors, std::size_t frames)
    : path_(path), trial_(trial), header_(header), sensors_(sensors), frames_(frames),
      thread_([this](std::stop_token stop) { run(stop); }) {}

TrialBackground::~TrialBackground() {
    thread_.request_stop();
    if (thread_.joinable()) thread_.join();
}

std::shared_ptr<const TrialResults> TrialBackground::results() const {
    std::lock_guard lock(mutex_);
    return results_;
}

std::string TrialBackground::status() const {
    std::lock_guard lock(mutex_);
    return status_;
}

void TrialBackground::publish(const TrialResults& found, const std::string& status) {
    auto published = std::make_shared<const TrialResults>(found);
    std::lock_guard lock(mutex_);
    results_ = std::move(published);
    status_ = status;
}

void TrialBackground::run(const std::stop_token& stop) {
    try {
        auto frames = std::make_shared<SessionFrameSequence>(path_, trial_, kBackgroundCache);
        TrialResults found;
        found.frames = std::min(frames_, frames->size());
        scan(stop, *frames, found);
        publish(found, "analysing");
        progress_ = 0.5f;

        analysis::TrialInput input;
        input.sensors = sensors_;
        input.kind = header_.kind;
        input.rate_hz = header_.rate_hz;
        input.frames = std::make_shared<const CancellableFrames>(frames, found.frames, stop, progress_);
        found.analysis =
            std::make_shared<const analysis::TrialAnalysis>(analysis::analyze_trial(input, analysis::AnalysisConfig{}));
        progress_ = 1.0f;
        publish(found, "done");
    } catch (const Cancelled&) {
        // The view is closing or the trial grew; nothing to report.
    } catch (const std::exception& error) {
        std::lock_guard lock(mutex_);
        status_ = std::string("error: ") + error.what();
    }
    finished_ = true;
}

void TrialBackground::scan(const std::stop_token& stop, SessionFrameSequence& frames, TrialResults& found) {
    if (found.frames == 0) return;
    const bool forces = sensors_.forces_known();
    auto force = std::make_shared<std::vector<float>>();
    if (forces) force->reserve(found.frames);
    auto peak = std::make_shared<Frame>(*frames.frame(0));
    std::fill(peak->pressure_kpa.begin(), peak->pressure_kpa.end(), 0.0f);
    for (std::size_t f = 0; f < found.frames; ++f) {
        if (stop.stop_requested()) throw Cancelled{};
        const auto frame = frames.frame(f);
        for (std::size_t i = 0; i < frame->pressure_kpa.size() && i < peak->pressure_kpa.size(); ++i) {
            const float v = frame->pressure_kpa[i];
            if (std::isfinite(v)) peak->pressure_kpa[i] = std::max(peak->pressure_kpa[i], v);
        }
        if (forces) force->push_back(static_cast<float>(analysis::frame_load(sensors_, *frame)));
        if (f % 1024 == 0) {
            const double done = static_cast<double>(f) / static_cast<double>(found.frames);
            progress_ = static_cast<float>(0.5 * done);
            std::lock_guard lock(mutex_);
            status_ = percent_text("reading frames", done);
        }
    }
    double peak_value = 0.0;
    for (float v : peak->pressure_kpa) peak_value = std::max(peak_value, static_cast<double>(v));
    found.peak_image = std::move(peak);
    found.peak_value = peak_value;
    if (forces) found.total_force_n = std::move(force);
}

FramePrefetcher::FramePrefetcher(std::shared_ptr<const SessionFrameSequence> frames)
    : frames_(std::move(frames)),
      blocks_ahead_(std::max<std::size_t>(4, (kPrefetchFrames + frames_->block_frames() - 1) / frames_->block_frames())),
      thread_([this](std::stop_token stop) { run(stop); }) {}

FramePrefetcher::~FramePrefetcher() {
    thread_.request_stop();
    wake_.notify_all();
    if (thread_.joinable()) thread_.join();
}

void FramePrefetcher::shown(std::size_t index) {
    {
        std::lock_guard lock(mutex_);
        wanted_ = index;
    }
    wake_.notify_one();
}

void FramePrefetcher::run(const std::stop_token& stop) {
    std::size_t previous = 0;
    while (!stop.stop_requested()) {
        std::size_t index = 0;
        {
            std::unique_lock lock(mutex_);
            if (!wake_.wait(lock, stop, [this] { return wanted_.has_value(); })) return;
            index = *wanted_;
            wanted_.reset();
        }
        const bool backwards = index < previous;
        const std::size_t moved = backwards ? previous - index : index - previous;
        previous = index;
        const std::size_t block = frames_->block_frames();
        // Ahead first, where playback goes: the frames it will show if it keeps its pace (at
        // 4x on 500 Hz it shows every 33rd frame), at least a block apart; a jump (scrubbing)
        // reads the blocks next to where it landed. Then the block behind (a step back).
        const std::size_t stride = moved > 0 && moved <= blocks_ahead_ * block ? std::max(moved, block) : block;
        for (std::size_t k = 1; k <= blocks_ahead_ + 1; ++k) {
            if (stop.stop_requested()) return;
            {
                std::lock_guard lock(mutex_);
                if (wanted_) break;  // the UI moved on: read around the new frame instead
            }
            const bool behind = k == blocks_ahead_ + 1;
            const bool down = backwards != behind;
            const std::size_t step = behind ? block : k * stride;
            if (down && index < step) continue;
            try {
                frames_->prefetch(down ? index - step : index + step);
            } catch (const std::exception&) {
                // A damaged block: the UI's own read of it reports the problem.
            }
        }
    }
}

}  // namespace plantar::viz
