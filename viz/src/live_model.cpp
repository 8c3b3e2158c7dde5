#include "plantar/viz/live_model.hpp"

#include <algorithm>
#include <map>
#include <utility>

#include "plantar/analysis/classification.hpp"

namespace plantar::viz {
namespace {

constexpr double kMicroseconds = 1e6;
// Frames before a contact's first loaded frame that go into its analysis, so the window does not
// start loaded (which would make the step "cut by the start of the recording").
constexpr double kLeadIn_s = 0.25;
// The tracker keeps every contact it saw until finish(); it is started afresh when the plate is
// empty after this many frames, or after this long whatever happens, so a viewer left running
// does not grow. A contact open at a restart ends without a signal: its step is not analysed.
constexpr std::size_t kTrackerRestartFrames = 2000;
constexpr double kTrackerRestartAlways_s = 60.0;

struct BufferedFrame {
    std::size_t index = 0;
    Frame frame;
};

struct TimedPoint {
    std::int64_t time_us = 0;
    analysis::Point cop;
};

struct TimedForce {
    std::int64_t time_us = 0;
    float force_n = 0.0f;
};

analysis::StepIndices indices_of(const analysis::StepAnalysis& step) {
    analysis::StepIndices indices;
    indices.arch_index = step.footprint.arch_index;
    indices.chippaux_smirak_pct = step.footprint.chippaux_smirak_pct;
    indices.staheli = step.footprint.staheli;
    indices.cpei_pct = step.cpei.cpei_pct;
    return indices;
}

}  // namespace

struct LiveModel::Impl {
    LiveModelConfig config;
    std::shared_ptr<TrialHeader> header;
    std::shared_ptr<const analysis::SensorMap> sensors;

    std::optional<analysis::ContactTracker> tracker;
    std::int64_t tracker_start_us = 0;
    std::map<int, std::size_t> open_contacts;  // provisional id -> model index of its first frame
    std::deque<BufferedFrame> window;

    Frame latest;
    bool have_frame = false;
    std::size_t next_index = 0;
    std::uint64_t frame_key = 0;
    std::optional<std::uint64_t> last_sequence;
    std::uint64_t skipped = 0;
    Frame peak;
    std::deque<TimedPoint> trail;
    std::deque<TimedForce> force;

    std::vector<analysis::StepAnalysis> kept;                  // model numbering, newest last
    std::vector<std::pair<std::size_t, std::size_t>> seen;    // first/last frame of recent steps
    std::vector<analysis::StepIndices> left, right;
    std::size_t steps_completed = 0;
    std::shared_ptr<const analysis::TrialAnalysis> analysis;

    void start(const PlateGeometry& geometry) {
        tracker.reset();  // it holds a reference to the old sensor map
        auto new_header = std::make_shared<TrialHeader>();
        new_header->kind = config.kind;
        new_header->geometry = geometry;
        header = std::move(new_header);
        sensors = std::make_shared<const analysis::SensorMap>(
            analysis::SensorMap::make(geometry, header->layout, header->pressure_scale));
        have_frame = false;
        latest = Frame();
        reset();
    }

    void restart_tracking(std::int64_t now_us) {
        tracker.reset();
        if (sensors) tracker.emplace(*sensors, config.analysis.contacts, config.kind);
        tracker_start_us = now_us;
        open_contacts.clear();
        window.clear();
    }

    void reset() {
        next_index = 0;
        skipped = 0;
        last_sequence.reset();
        peak = sensors ? Frame(header->geometry) : Frame();
        trail.clear();
        force.clear();
        kept.clear();
        seen.clear();
        left.clear();
        right.clear();
        steps_completed = 0;
        restart_tracking(have_frame ? latest.device_time_us : 0);
        publish_analysis();
    }

    void publish_analysis() {
        auto result = std::make_shared<analysis::TrialAnalysis>();
        result->kind = config.kind;
        result->frames = next_index;
        result->positions_known = !sensors || sensors->positions_known();
        result->forces_known = !sensors || sensors->forces_known();
        result->steps = kept;
        result->left = analysis::classify_foot(analysis::Side::Left, left, config.analysis.classification);
        result->right = analysis::classify_foot(analysis::Side::Right, right, config.analysis.classification);
        if (steps_completed == 0)
            result->notes.push_back("live: no complete step yet (a step counts once its foot has left the plate)");
        analysis = std::move(result);
    }

    void trim_history(std::int64_t now_us) {
        const auto older_than = [now_us](double seconds) { return now_us - static_cast<std::int64_t>(seconds * kMicroseconds); };
        while (!trail.empty() && trail.front().time_us < older_than(config.cop_trail_s)) trail.pop_front();
        while (!force.empty() && force.front().time_us < older_than(config.force_history_s)) force.pop_front();
        while (!window.empty() && window.front().frame.device_time_us < older_than(config.window_s)) window.pop_front();
    }

    bool already_seen(std::size_t first, std::size_t last) const {
        const auto near = [](std::size_t a, std::size_t b) { return (a > b ? a - b : b - a) <= 2; };
        return std::any_of(seen.begin(), seen.end(),
                           [&](const auto& key) { return near(key.first, first) && near(key.second, last); });
    }

    // A contact whose first frame was `first_index` has ended: analyse the frames from just
    // before it to now, and keep the complete steps not kept before.
    void analyse_window(std::size_t first_index) {
        if (window.empty() || window.front().index > first_index) return;  // began before the window
        auto first = std::find_if(window.begin(), window.end(), [&](const BufferedFrame& b) { return b.index >= first_index; });
        const std::int64_t lead_in_start = first->frame.device_time_us - static_cast<std::int64_t>(kLeadIn_s * kMicroseconds);
        while (first != window.begin() && std::prev(first)->frame.device_time_us >= lead_in_start) --first;
        std::vector<Frame> frames;
        frames.reserve(static_cast<std::size_t>(std::distance(first, window.end())));
        for (auto it = first; it != window.end(); ++it) frames.push_back(it->frame);
        if (frames.size() < 3) return;
        const std::size_t base = first->index;
        const double span_s = static_cast<double>(frames.back().device_time_us - frames.front().device_time_us) / kMicroseconds;
        analysis::TrialInput input{*sensors, config.kind, span_s > 0 ? static_cast<double>(frames.size() - 1) / span_s : 0.0,
                                   frames};
        analysis::TrialAnalysis result = analysis::analyze_trial(input, config.analysis);
        bool changed = false;
        for (analysis::StepAnalysis& step : result.steps) {
            analysis::Contact& contact = step.contact;
            if (!contact.complete()) continue;
            contact.first_frame += base;
            contact.last_frame += base;
            for (analysis::ContactSample& sample : contact.samples) sample.frame += base;
            if (already_seen(contact.first_frame, contact.last_frame)) continue;
            seen.emplace_back(contact.first_frame, contact.last_frame);
            if (seen.size() > 64) seen.erase(seen.begin());
            ++steps_completed;
            if (step.used_for_classification)
                (contact.side == analysis::Side::Left ? left : right).push_back(indices_of(step));
            kept.push_back(std::move(step));
            if (kept.size() > config.steps_drawn) kept.erase(kept.begin());
            changed = true;
        }
        if (changed) publish_analysis();
    }

    void add(const PlateGeometry& geometry, Frame frame) {
        if (geometry.rows <= 0 || geometry.cols <= 0 ||
            frame.pressure_kpa.size() != static_cast<std::size_t>(geometry.rows) * static_cast<std::size_t>(geometry.cols))
            return;
        if (!header || !(header->geometry == geometry)) start(geometry);
        if (have_frame && frame.device_time_us <= latest.device_time_us) restart_tracking(frame.device_time_us);
        if (last_sequence && frame.sequence > *last_sequence + 1) skipped += frame.sequence - *last_sequence - 1;
        last_sequence = frame.sequence;

        const std::size_t index = next_index++;
        for (std::size_t i = 0; i < frame.pressure_kpa.size(); ++i)
            peak.pressure_kpa[i] = std::max(peak.pressure_kpa[i], frame.pressure_kpa[i]);
        const double load = analysis::frame_load(*sensors, frame);
        // Below a foot's load the whole plate's COP is that of scattered noise readings: an invalid
        // point, which breaks the trail between one foot's last point and the next one's first.
        trail.push_back({frame.device_time_us, !sensors->forces_known() || load >= config.cop_trail_min_force_n
                                                   ? analysis::centre_of_pressure(*sensors, frame)
                                                   : analysis::Point{}});
        force.push_back({frame.device_time_us, static_cast<float>(load)});
        window.push_back({index, frame});
        trim_history(frame.device_time_us);

        tracker->add(frame);
        const std::vector<analysis::LiveContact> active = tracker->active();
        std::optional<std::size_t> earliest_ended;
        for (auto it = open_contacts.begin(); it != open_contacts.end();) {
            const bool still_open = std::any_of(active.begin(), active.end(), [&](const auto& c) { return c.id == it->first; });
            if (still_open) {
                ++it;
                continue;
            }
            earliest_ended = std::min(earliest_ended.value_or(it->second), it->second);
            it = open_contacts.erase(it);
        }
        for (const analysis::LiveContact& contact : active) open_contacts.try_emplace(contact.id, index);

        latest = std::move(frame);
        have_frame = true;
        ++frame_key;
        if (earliest_ended) analyse_window(*earliest_ended);
        const bool tracker_old = tracker->frames_added() > kTrackerRestartFrames;
        const bool tracker_ancient = latest.device_time_us - tracker_start_us > static_cast<std::int64_t>(kTrackerRestartAlways_s * kMicroseconds);
        if ((active.empty() && tracker_old) || tracker_ancient) {
            tracker.reset();
            tracker.emplace(*sensors, config.analysis.contacts, config.kind);
            tracker_start_us = latest.device_time_us;
            open_contacts.clear();
        }
    }
};

LiveModel::LiveModel(LiveModelConfig config) : impl_(std::make_unique<Impl>()) {
    impl_->config = std::move(config);
    impl_->publish_analysis();
}
LiveModel::~LiveModel() = default;
LiveModel::LiveModel(LiveModel&&) noexcept = default;
LiveModel& LiveModel::operator=(LiveModel&&) noexcept = default;

void LiveModel::add(const PlateGeometry& geometry, Frame frame) { impl_->add(geometry, std::move(frame)); }
void LiveModel::reset() { impl_->reset(); }
bool LiveModel::has_frame() const { return impl_->have_frame; }
std::size_t LiveModel::frames_since_reset() const { return impl_->next_index; }
std::size_t LiveModel::steps_completed() const { return impl_->steps_completed; }
const Frame& LiveModel::peak_image() const { return impl_->peak; }
const analysis::TrialAnalysis& LiveModel::analysis() const { return *impl_->analysis; }

std::vector<analysis::Point> LiveModel::cop_trail() const {
    // Runs of unloaded frames become one invalid point (a break); none at either end.
    std::vector<analysis::Point> points;
    for (const TimedPoint& p : impl_->trail) {
        if (!p.cop.valid() && (points.empty() || !points.back().valid())) continue;
        points.push_back(p.cop);
    }
    if (!points.empty() && !points.back().valid()) points.pop_back();
    return points;
}

LiveSnapshot LiveModel::snapshot() const {
    const Impl& m = *impl_;
    LiveSnapshot s;
    s.header = m.header;
    s.sensors = m.sensors;
    if (m.have_frame) s.frame = m.latest;
    s.frame_index = m.next_index > 0 ? m.next_index - 1 : 0;
    s.frame_key = m.frame_key;
    s.peak = m.peak;
    s.cop_trail = cop_trail();
    if (!m.force.empty()) {
        s.force_now_n = m.force.back().force_n;
        s.force_span_s = static_cast<double>(m.force.back().time_us - m.force.front().time_us) / kMicroseconds;
        // At most force_points values: the highest force of each bucket, so no peak is lost.
        const std::size_t buckets = std::max<std::size_t>(1, std::min(m.config.force_points, m.force.size()));
        s.force_n.assign(buckets, 0.0f);
        for (std::size_t i = 0; i < m.force.size(); ++i) {
            const std::size_t bucket = i * buckets / m.force.size();
            s.force_n[bucket] = std::max(s.force_n[bucket], m.force[i].force_n);
        }
    }
    s.analysis = m.analysis;
    s.steps_completed = m.steps_completed;
    s.frames_since_reset = m.next_index;
    s.frames_skipped = m.skipped;
    s.contact_longer_than_window = !m.window.empty() && std::any_of(m.open_contacts.begin(), m.open_contacts.end(), [&](const auto& open) {
        return open.second < m.window.front().index;
    });
    return s;
}

}  // namespace plantar::viz
