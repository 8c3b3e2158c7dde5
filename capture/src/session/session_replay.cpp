#include "session_replay.hpp"

#include <algorithm>
#include <deque>

#include "session_layout.hpp"

namespace plantar::session_detail {

namespace {

class ReplaySource final : public TrialReplaySource {
public:
    ReplaySource(const std::filesystem::path& path, int trial, const TrialInfo& info)
        : reader_(path), trial_(trial), info_(info), frame_count_(reader_.trial(trial).frame_count) {}

    const PlateGeometry& geometry() const override { return info_.header.geometry; }
    const TrialHeader& header() const override { return info_.header; }
    int trial_index() const override { return info_.index; }
    double nominal_rate_hz() const override { return info_.header.rate_hz; }
    SourceDescription description() const override {
        const SourceDescription& original = info_.header.source;
        std::string details = "replay of " + to_string(original.kind) + " source '" + original.name + "'";
        if (!original.details.empty()) details += " (" + original.details + ")";
        return {SourceKind::Replay,
                reader_.path().filename().string() + " trial " + session_layout::trial_name(info_.index), details};
    }

    std::optional<Frame> next() override {
        if (pending_.empty()) {
            if (position_ >= frame_count_) return std::nullopt;
            std::uint64_t count = std::min<std::uint64_t>(kBlockFrames, frame_count_ - position_);
            reader_.read_frames(trial_, position_, count, [this](const Frame& frame) {
                pending_.push_back(frame);
                return true;
            });
            position_ += count;
        }
        Frame frame = std::move(pending_.front());
        pending_.pop_front();
        return frame;
    }

    std::optional<std::uint64_t> expected_frame_count() const override { return frame_count_; }

private:
    static constexpr std::uint64_t kBlockFrames = 64;
    SessionReader reader_;
    int trial_;
    TrialInfo info_;
    std::uint64_t frame_count_;
    std::uint64_t position_ = 0;
    std::deque<Frame> pending_;
};

}  // namespace

std::unique_ptr<TrialReplaySource> make_replay_source(const std::filesystem::path& path, int trial, const TrialInfo& info) {
    return std::make_unique<ReplaySource>(path, trial, info);
}

}  // namespace plantar::session_detail
