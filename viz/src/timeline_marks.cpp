#include "plantar/viz/timeline_marks.hpp"

namespace plantar::viz {

float TimelineScale::x_of_frame(std::size_t frame) const {
    if (frame_count == 0) return x0;
    return x0 + width * static_cast<float>(static_cast<double>(frame) / static_cast<double>(frame_count));
}

std::size_t TimelineScale::frame_at_x(float x) const {
    if (frame_count == 0 || width <= 0.0f) return 0;
    const double along = static_cast<double>(x - x0) / static_cast<double>(width) * static_cast<double>(frame_count);
    if (along <= 0.0) return 0;
    return std::min(static_cast<std::size_t>(along), frame_count - 1);
}

TimelineRow row_of(analysis::Side side) { return side == analysis::Side::Right ? TimelineRow::Right : TimelineRow::Left; }

std::vector<StepSpan> step_spans(const analysis::TrialAnalysis& trial_analysis) {
    std::vector<StepSpan> spans;
    spans.reserve(trial_analysis.steps.size());
    for (std::size_t i = 0; i < trial_analysis.steps.size(); ++i) {
        const analysis::Contact& contact = trial_analysis.steps[i].contact;
        spans.push_back({i, contact.side, contact.first_frame, contact.last_frame, contact.complete()});
    }
    return spans;
}

const StepSpan* span_at(const std::vector<StepSpan>& spans, TimelineRow row, std::size_t frame) {
    for (const StepSpan& span : spans)
        if (row_of(span.side) == row && frame >= span.first_frame && frame <= span.last_frame) return &span;
    return nullptr;
}

std::size_t stepped_frame(std::size_t frame, long delta, std::size_t frame_count) {
    if (frame_count == 0) return 0;
    const long last = static_cast<long>(frame_count - 1);
    return static_cast<std::size_t>(std::clamp(static_cast<long>(frame) + delta, 0L, last));
}

}  // namespace plantar::viz
