// ContactTracker, one frame at a time: threshold, connected components, and each component
// given to the contact it overlaps (docs/methods.md, section 1). Cost per frame: one pass over
// the sensors plus work proportional to the loaded ones, with no allocation once warm.
#include <algorithm>
#include <cmath>

#include "contacts_tracker_impl.hpp"

namespace plantar::analysis {

using detail::Track;

ContactTracker::Impl::Impl(const SensorMap& map, const ContactConfig& c, TrialKind kind)
    : sensors(map), config(c), neighbourhood(map, c.merge_gap_mm), standing(kind == TrialKind::Static) {
    const std::size_t n = sensors.size();
    owner.assign(n, -1);
    component.assign(n, -1);
    split_choice.assign(n, -1);
    claimed.assign(n, 0);
    if (sensors.in_kpa()) {
        threshold = config.threshold_kpa;
    } else if (std::isfinite(config.threshold_raw)) {
        threshold = config.threshold_raw;
    } else {
        threshold_follows_highest = true;
    }
    if (!sensors.positions_known())
        notes.push_back("sensor positions unknown: every loaded sensor of a frame is taken as one foot; no centre of "
                        "pressure, area or plate-edge check");
}

bool ContactTracker::Impl::foot_sized(const Track& track) const {
    return track.most_sensors >= config.min_sensors &&
           (!sensors.positions_known() || track.most_area_mm2 >= config.min_area_mm2);
}

void ContactTracker::Impl::label_components(const Frame& frame) {
    const std::size_t n = std::min(sensors.size(), frame.pressure_kpa.size());
    if (threshold_follows_highest) {
        for (std::size_t i = 0; i < n; ++i)
            if (sensors.present[i]) highest = std::max(highest, static_cast<double>(frame.pressure_kpa[i]));
        threshold = config.threshold_raw_fraction * highest;
    }
    loaded.clear();
    const float* values = frame.pressure_kpa.data();
    const auto limit = static_cast<float>(threshold);
    for (std::size_t i = 0; i < n; ++i)
        if (values[i] > limit && values[i] > 0.0f && sensors.present[i]) loaded.push_back(i);

    by_component.clear();
    component_begin.clear();
    if (neighbourhood.all_connected()) {
        if (!loaded.empty()) component_begin.push_back(0);
        by_component = loaded;
        for (std::size_t i : loaded) component[i] = 0;
        component_begin.push_back(by_component.size());
        return;
    }
    for (std::size_t i : loaded) component[i] = -2;
    int label = 0;
    for (std::size_t seed : loaded) {
        if (component[seed] != -2) continue;
        component_begin.push_back(by_component.size());
        component[seed] = label;
        queue.clear();
        queue.push_back(seed);
        for (std::size_t head = 0; head < queue.size(); ++head) {
            const std::size_t i = queue[head];
            by_component.push_back(i);
            neighbourhood.for_each_touching(i, [&](std::size_t j) {
                if (component[j] == -2) component[j] = label, queue.push_back(j);
            });
        }
        ++label;
    }
    component_begin.push_back(by_component.size());
}

Track& ContactTracker::Impl::start_track(std::int64_t time_us) {
    auto track = std::make_unique<Track>(next_id++, sensors.size());
    merged_into.push_back(-1);
    track->first_frame = track->last_frame = frame_index;
    track->first_us = track->last_us = time_us;
    track->before_first_us = previous_us;
    track->cut_start = frame_index == 0;
    open.push_back(std::move(track));
    return *open.back();
}

void ContactTracker::Impl::give(Track& track, std::size_t i, float value) {
    owner[i] = track.id;
    if (!track.mask[i]) {
        track.mask[i] = 1;
        neighbourhood.for_each_within_gap(i, [&](std::size_t j) {
            if (!track.near[j]) track.near[j] = 1, track.near_list.push_back(j);
        });
        const double x = sensors.x_mm[i], y = sensors.y_mm[i];
        track.min_x = std::min(track.min_x, x), track.max_x = std::max(track.max_x, x);
        track.min_y = std::min(track.min_y, y), track.max_y = std::max(track.max_y, y);
    }
    track.peak[i] = std::max(track.peak[i], value);
    if (neighbourhood.on_edge(i)) track.edge = true;
    ++track.count;
    const double v = static_cast<double>(value);
    if (!sensors.positions_known()) {
        track.load += v;
        return;
    }
    const double load = v * sensors.area_mm2[i] * 1e-3;  // kPa x mm^2 = 1e-3 N
    track.load += load;
    track.weight += load;
    track.weighted_x += load * sensors.x_mm[i];
    track.weighted_y += load * sensors.y_mm[i];
    track.area_mm2 += sensors.area_mm2[i];
}

void ContactTracker::Impl::split_component(const Frame& frame, std::size_t begin, std::size_t end,
                                           const std::vector<std::size_t>& slots, bool newcomer) {
    // Seeds: sensors already in exactly one of the contacts' prints (with a newcomer, slots =
    // {host, newcomer}: the newcomer takes every sensor off the host's print). Every
    // other sensor goes to the contact whose seeds reach it first through the component (the
    // nearer print).
    queue.clear();
    for (std::size_t k = begin; k < end; ++k) {
        const std::size_t i = by_component[k];
        int choice = -1;
        int owners_found = 0;
        for (std::size_t slot : slots)
            if (open[slot]->mask[i]) choice = static_cast<int>(slot), ++owners_found;
        if (newcomer && owners_found == 0) choice = static_cast<int>(slots[1]), ++owners_found;
        if (owners_found == 1) {
            split_choice[i] = choice;
            queue.push_back(i);
        }
    }
    for (std::size_t head = 0; head < queue.size(); ++head) {
        const std::size_t i = queue[head];
        neighbourhood.for_each_touching(i, [&](std::size_t j) {
            if (component[j] == component[i] && split_choice[j] < 0) split_choice[j] = split_choice[i], queue.push_back(j);
        });
    }
    for (std::size_t k = begin; k < end; ++k) {
        const std::size_t i = by_component[k];
        int choice = split_choice[i];
        if (choice < 0) {  // no seed reached it: the first contact whose gap zone holds it
            choice = static_cast<int>(slots.front());
            for (std::size_t slot : slots)
                if (open[slot]->near[i]) {
                    choice = static_cast<int>(slot);
                    break;
                }
        }
        give(*open[static_cast<std::size_t>(choice)], i, frame.pressure_kpa[i]);
        split_choice[i] = -1;
    }
    // Remembered, not noted yet: the two may still turn out to be one foot (merge_islands).
    for (std::size_t slot : slots) {
        Track& track = *open[slot];
        for (std::size_t other : slots)
            if (other != slot) track.touched.emplace_back(open[other]->id, frame_index);
    }
}

void ContactTracker::Impl::assign_component(const Frame& frame, std::size_t begin, std::size_t end,
                                            std::int64_t time_us) {
    // Positions unknown, an insole or a foot crop: there is one foot on these sensors, so
    // everything loaded belongs to the open contact if any (its heel and forefoot are one print
    // even when a high arch leaves a gap between them).
    if (neighbourhood.all_connected() || sensors.layout.one_foot()) {
        Track& track = open.empty() ? start_track(time_us) : *open.back();
        for (std::size_t k = begin; k < end; ++k) give(track, by_component[k], frame.pressure_kpa[by_component[k]]);
        return;
    }
    near_count.assign(open.size(), 0);
    std::size_t candidates = 0, only = 0;
    for (std::size_t slot = 0; slot < open.size(); ++slot) {
        const auto& near = open[slot]->near;
        std::size_t count = 0;
        for (std::size_t k = begin; k < end; ++k) count += near[by_component[k]];
        near_count[slot] = count;
        if (count > 0) ++candidates, only = slot;
    }
    if (candidates > 1) {
        slots_.clear();
        for (std::size_t slot = 0; slot < open.size(); ++slot)
            if (near_count[slot] > 0) slots_.push_back(slot);
        split_component(frame, begin, end, slots_, false);
        return;
    }
    Track* track = candidates == 1 ? open[only].get() : nullptr;
    if (track) {
        // Within the gap but not on the print: an island joins (toes, an edge sensor), while
        // a print at least half the contact's size is another foot standing close beside it.
        // The same for the part of a component beyond the gap zone: a foot landing against a
        // standing one becomes a contact of its own (merge_islands rejoins it if it is only the
        // young contact's own forefoot).
        std::size_t on_print = 0, beyond = 0;
        for (std::size_t k = begin; k < end; ++k) {
            on_print += track->mask[by_component[k]];
            beyond += !track->near[by_component[k]];
        }
        const std::size_t size = end - begin;
        const std::size_t contact_size = std::max(track->count, track->most_sensors);
        if (on_print == 0 && size >= config.min_sensors && 2 * size >= contact_size) {
            track = nullptr;
        } else if (on_print > 0 && beyond >= config.min_sensors && 2 * beyond >= contact_size) {
            start_track(time_us);
            slots_.assign({only, open.size() - 1});
            split_component(frame, begin, end, slots_, true);
            return;
        }
    }
    if (!track) track = &start_track(time_us);
    for (std::size_t k = begin; k < end; ++k) give(*track, by_component[k], frame.pressure_kpa[by_component[k]]);
}

void ContactTracker::Impl::add_light_edges(const Frame& frame) {
    // Readings above zero but under the contact threshold around a loaded print (its light
    // edge, a midfoot band at 5-8 kPa) still carry force: they count in the load and centre of
    // pressure of the contact whose gap zone holds them (the first one), not in its area.
    if (!sensors.positions_known()) return;
    const std::size_t n = std::min(sensors.size(), frame.pressure_kpa.size());
    for (auto& track_pointer : open) {
        Track& track = *track_pointer;
        if (!track.loaded_now()) continue;
        for (std::size_t j : track.near_list) {
            if (j >= n || owner[j] != -1 || claimed[j] || !sensors.present[j]) continue;
            const double value = static_cast<double>(frame.pressure_kpa[j]);
            if (!(value > 0.0)) continue;
            claimed[j] = 1;
            claimed_list.push_back(j);
            const double load = value * sensors.area_mm2[j] * 1e-3;
            track.load += load;
            track.weight += load;
            track.weighted_x += load * sensors.x_mm[j];
            track.weighted_y += load * sensors.y_mm[j];
        }
    }
    for (std::size_t j : claimed_list) claimed[j] = 0;
    claimed_list.clear();
}

void ContactTracker::Impl::end_frame(std::int64_t time_us) {
    const double time_s = static_cast<double>(time_us - first_us) * 1e-6;
    for (std::size_t slot = 0; slot < open.size();) {
        Track& track = *open[slot];
        bool close = false;
        if (track.loaded_now()) {
            for (auto& sample : track.pending) track.samples.push_back(sample);
            track.pending.clear();
            ContactSample sample;
            sample.frame = frame_index;
            sample.time_s = time_s;
            sample.load = track.load;
            sample.sensors = track.count;
            if (sensors.positions_known()) {
                sample.area_mm2 = track.area_mm2;
                if (track.weight > 0.0) sample.cop = Point{track.weighted_x / track.weight, track.weighted_y / track.weight};
            } else {
                sample.area_mm2 = kNaN;
            }
            track.samples.push_back(sample);
            track.last_frame = frame_index;
            track.last_us = time_us;
            track.has_after = false;
            track.most_sensors = std::max(track.most_sensors, track.count);
            if (std::isfinite(sample.area_mm2)) track.most_area_mm2 = std::max(track.most_area_mm2, sample.area_mm2);
        } else {
            if (!track.has_after) track.after_last_us = time_us, track.has_after = true;
            ContactSample sample;
            sample.frame = frame_index;
            sample.time_s = time_s;
            sample.area_mm2 = sensors.positions_known() ? 0.0 : kNaN;
            track.pending.push_back(sample);
            // A speckle ends at once; a foot may go unloaded for end_gap_s.
            close = !foot_sized(track) || static_cast<double>(time_us - track.last_us) * 1e-6 > config.end_gap_s;
        }
        track.clear_frame();
        if (close) {
            // A speckle is counted and forgotten at once, so a long noisy recording does not
            // keep one print per false reading.
            if (!foot_sized(track)) {
                ++dropped;
            } else {
                track.pending.clear();
                track.near = {};
                track.near_list = {};
                closed.push_back(std::move(open[slot]));
            }
            open.erase(open.begin() + static_cast<std::ptrdiff_t>(slot));
        } else {
            ++slot;
        }
    }
}

void ContactTracker::Impl::add(const Frame& frame) {
    const std::int64_t time_us = frame.device_time_us;
    if (frame_index == 0) first_us = previous_us = time_us;
    // Forget the previous frame's labels (only the sensors that were loaded).
    for (std::size_t i : loaded) owner[i] = -1, component[i] = -1;
    label_components(frame);
    for (std::size_t c = 0; c + 1 < component_begin.size(); ++c)
        assign_component(frame, component_begin[c], component_begin[c + 1], time_us);
    add_light_edges(frame);
    end_frame(time_us);
    merge_islands();
    previous_us = time_us;
    ++frame_index;
}

ContactTracker::ContactTracker(const SensorMap& sensors, const ContactConfig& config, TrialKind kind)
    : impl_(std::make_unique<Impl>(sensors, config, kind)) {}
ContactTracker::~ContactTracker() = default;
ContactTracker::ContactTracker(ContactTracker&&) noexcept = default;
ContactTracker& ContactTracker::operator=(ContactTracker&&) noexcept = default;

void ContactTracker::add(const Frame& frame) { impl_->add(frame); }
std::span<const int> ContactTracker::owners() const { return impl_->owner; }
std::size_t ContactTracker::frames_added() const { return impl_->frame_index; }
std::size_t ContactTracker::noise_contacts_dropped() const { return impl_->dropped; }
const std::vector<std::string>& ContactTracker::notes() const { return impl_->notes; }
std::vector<Contact> ContactTracker::finish() { return impl_->finish(); }

std::vector<LiveContact> ContactTracker::active() const {
    std::vector<LiveContact> live;
    for (const auto& track : impl_->open) {
        if (!impl_->foot_sized(*track)) continue;
        LiveContact contact;
        contact.id = track->id;
        contact.mask = track->mask;
        contact.loaded_now = !track->samples.empty() && track->samples.back().frame + 1 == impl_->frame_index;
        if (contact.loaded_now) {
            contact.cop = track->samples.back().cop;
            contact.load = track->samples.back().load;
        }
        live.push_back(contact);
    }
    return live;
}

}  // namespace plantar::analysis
