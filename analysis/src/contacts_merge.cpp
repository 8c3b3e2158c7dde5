// Joining a young contact's separate islands: on a high-arched foot the forefoot loads before
// the midfoot band carries enough to join it to the heel, so for a few frames the one foot is
// two contacts. docs/methods.md, section 1 ("islands").
#include <algorithm>
#include <cmath>

#include "contacts_tracker_impl.hpp"

namespace plantar::analysis {

using detail::Track;

namespace {

// Two per-frame series of one foot's parts, added frame by frame.
std::vector<ContactSample> added(const std::vector<ContactSample>& a, const std::vector<ContactSample>& b) {
    std::vector<ContactSample> out;
    out.reserve(a.size() + b.size());
    std::size_t i = 0, j = 0;
    while (i < a.size() || j < b.size()) {
        if (j == b.size() || (i < a.size() && a[i].frame < b[j].frame)) {
            out.push_back(a[i++]);
        } else if (i == a.size() || b[j].frame < a[i].frame) {
            out.push_back(b[j++]);
        } else {
            ContactSample sum = a[i];
            const ContactSample& other = b[j];
            if (sum.cop.valid() && other.cop.valid() && sum.load + other.load > 0.0) {
                const double total = sum.load + other.load;
                sum.cop = {(sum.cop.x_mm * sum.load + other.cop.x_mm * other.load) / total,
                           (sum.cop.y_mm * sum.load + other.cop.y_mm * other.load) / total};
            } else if (!sum.cop.valid()) {
                sum.cop = other.cop;
            }
            sum.load += other.load;
            sum.area_mm2 += other.area_mm2;
            sum.sensors += other.sensors;
            out.push_back(sum);
            ++i, ++j;
        }
    }
    return out;
}

// Two prints seen along the line through their centres: how wide they are together across it
// (about a forefoot's width for one foot's heel and forefoot, one behind the other; about a
// foot's length for two feet side by side), and the gap between them along it.
struct Join {
    double width_mm = 0.0;
    double gap_mm = 0.0;
};

Join join_of(const SensorMap& sensors, const Track& a, const Track& b) {
    double ax = 0, ay = 0, bx = 0, by = 0;
    std::size_t na = 0, nb = 0;
    for (std::size_t i = 0; i < a.mask.size(); ++i) {
        if (a.mask[i]) ax += sensors.x_mm[i], ay += sensors.y_mm[i], ++na;
        if (b.mask[i]) bx += sensors.x_mm[i], by += sensors.y_mm[i], ++nb;
    }
    if (na == 0 || nb == 0) return {};
    ax /= static_cast<double>(na), ay /= static_cast<double>(na), bx /= static_cast<double>(nb), by /= static_cast<double>(nb);
    const double length = std::hypot(bx - ax, by - ay);
    if (!(length > 0.0)) return {};
    const double ux = (bx - ax) / length, uy = (by - ay) / length;  // along the join, a to b
    double lo = 1e300, hi = -1e300, a_front = -1e300, b_back = 1e300;
    for (std::size_t i = 0; i < a.mask.size(); ++i) {
        if (!a.mask[i] && !b.mask[i]) continue;
        const double dx = sensors.x_mm[i] - ax, dy = sensors.y_mm[i] - ay;
        const double across = -dx * uy + dy * ux, along = dx * ux + dy * uy;
        lo = std::min(lo, across), hi = std::max(hi, across);
        if (a.mask[i]) a_front = std::max(a_front, along);
        if (b.mask[i]) b_back = std::min(b_back, along);
    }
    return {hi - lo, b_back - a_front};
}

}  // namespace

int ContactTracker::Impl::final_id(int id) const {
    while (id >= 0 && static_cast<std::size_t>(id) < merged_into.size() && merged_into[static_cast<std::size_t>(id)] >= 0)
        id = merged_into[static_cast<std::size_t>(id)];
    return id;
}

void ContactTracker::Impl::merge(Track& into, Track& from) {
    auto all_into = into.samples, all_from = from.samples;
    all_into.insert(all_into.end(), into.pending.begin(), into.pending.end());
    all_from.insert(all_from.end(), from.pending.begin(), from.pending.end());
    const auto combined = added(all_into, all_from);
    if (from.last_frame > into.last_frame) {
        into.last_frame = from.last_frame;
        into.last_us = from.last_us;
        into.after_last_us = from.after_last_us;
        into.has_after = from.has_after;
    }
    into.samples.clear();
    into.pending.clear();
    for (const auto& sample : combined) (sample.frame <= into.last_frame ? into.samples : into.pending).push_back(sample);
    for (const auto& sample : into.samples) {
        into.most_sensors = std::max(into.most_sensors, sample.sensors);
        if (std::isfinite(sample.area_mm2)) into.most_area_mm2 = std::max(into.most_area_mm2, sample.area_mm2);
    }
    for (std::size_t i = 0; i < into.mask.size(); ++i) {
        into.mask[i] |= from.mask[i];
        if (from.near[i] && !into.near[i]) into.near[i] = 1, into.near_list.push_back(i);
        into.peak[i] = std::max(into.peak[i], from.peak[i]);
    }
    into.min_x = std::min(into.min_x, from.min_x), into.max_x = std::max(into.max_x, from.max_x);
    into.min_y = std::min(into.min_y, from.min_y), into.max_y = std::max(into.max_y, from.max_y);
    into.edge = into.edge || from.edge;
    into.touched.insert(into.touched.end(), from.touched.begin(), from.touched.end());
    into.notes.insert(into.notes.end(), from.notes.begin(), from.notes.end());
    if (!into.noted_island) {
        into.noted_island = true;
        into.notes.push_back("a separate island joined this contact " +
                             std::to_string(std::lround(static_cast<double>(from.first_us - into.first_us) * 1e-3)) +
                             " ms after its first loading (a forefoot loaded before the midfoot)");
    }
    for (std::size_t i : loaded)
        if (owner[i] == from.id) owner[i] = into.id;
    merged_into[static_cast<std::size_t>(from.id)] = into.id;
}

void ContactTracker::Impl::merge_islands() {
    // A foot-sized contact that began within island_join_s after another foot-sized contact,
    // or in the same frame but at most half its size (two feet landing together stay two), or
    // in the same frame and lying behind or in front of it (together at most max_foot_width_mm
    // wide across the line through their centres and at most max_island_gap_mm apart along it:
    // a standing high arch's heel and forefoot, where two feet side by side are a foot's length
    // wide), joins it when both together still
    // fit in a foot (bounding-box diagonal at most max_foot_length_mm).
    if (!sensors.positions_known() || open.size() < 2) return;
    for (std::size_t b = 0; b < open.size();) {
        Track& island = *open[b];
        Track* best = nullptr;
        double best_diagonal = config.max_foot_length_mm;
        if (foot_sized(island))
            for (auto& candidate : open) {
                if (candidate.get() == &island || !foot_sized(*candidate)) continue;
                const double later_s = static_cast<double>(island.first_us - candidate->first_us) * 1e-6;
                // Same first frame: only a much smaller part (toes beside a forefoot) joins;
                // two prints of similar size that appear together are two feet.
                const Join join = join_of(sensors, *candidate, island);
                const bool in_line = join.width_mm <= config.max_foot_width_mm && join.gap_mm <= config.max_island_gap_mm;
                const bool together =
                    later_s == 0.0 && (2 * island.most_sensors <= candidate->most_sensors || in_line);
                if (!together && (!(later_s > 0.0) || later_s > config.island_join_s)) continue;
                const double diagonal = candidate->joined_diagonal(island.min_x, island.max_x, island.min_y, island.max_y);
                if (diagonal <= best_diagonal) best = candidate.get(), best_diagonal = diagonal;
            }
        if (!best) {
            ++b;
            continue;
        }
        merge(*best, island);
        open.erase(open.begin() + static_cast<std::ptrdiff_t>(b));
        b = 0;  // slots moved; start again (a handful of open contacts)
    }
}

}  // namespace plantar::analysis
