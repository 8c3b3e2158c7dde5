// The state of a ContactTracker, shared by its per-frame part (contacts_tracker.cpp) and its
// closing part (contacts_finish.cpp).
#pragma once

#include <cstddef>
#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "contacts_neighbours.hpp"
#include "contacts_track.hpp"
#include "plantar/analysis/contacts.hpp"

namespace plantar::analysis {

struct ContactTracker::Impl {
    const SensorMap& sensors;
    ContactConfig config;
    detail::SensorNeighbourhood neighbourhood;
    double threshold = 0.0;       // kPa, or counts for raw trials
    bool threshold_follows_highest = false;  // raw counts without threshold_raw: a fraction of the highest so far
    double highest = 0.0;

    std::vector<std::unique_ptr<detail::Track>> open;
    std::vector<std::unique_ptr<detail::Track>> closed;
    int next_id = 0;
    std::vector<int> merged_into;  // per track id: the id it was merged into, or -1
    int final_id(int id) const;

    // Per-frame work space, reused so that a frame allocates nothing.
    std::vector<int> owner;             // per sensor: id of the owning track this frame, or -1
    std::vector<int> component;         // per sensor: -1 unloaded, -2 loaded and unvisited, else component
    std::vector<int> split_choice;      // per sensor, while splitting a component: open-track slot or -1
    std::vector<std::size_t> loaded;    // loaded sensors, in index order
    std::vector<std::size_t> by_component;    // loaded sensors grouped by component
    std::vector<std::size_t> component_begin;  // start of each component in by_component (+ end)
    std::vector<std::size_t> queue;
    std::vector<std::uint8_t> claimed;  // per sensor: a light edge reading already counted this frame
    std::vector<std::size_t> claimed_list;
    std::vector<std::size_t> near_count;  // per open track, for one component
    std::vector<std::size_t> slots_;      // open tracks sharing one component

    std::size_t frame_index = 0;  // frames added so far
    std::int64_t first_us = 0, previous_us = 0;

    std::size_t dropped = 0;
    std::vector<std::string> notes;

    bool standing = false;  // a static trial
    Impl(const SensorMap& map, const ContactConfig& c, TrialKind kind);
    void add(const Frame& frame);
    std::vector<Contact> finish();
    // At least min_sensors loaded together (and min_area_mm2) in some frame: not a speckle.
    bool foot_sized(const detail::Track& track) const;

private:
    void label_components(const Frame& frame);
    void assign_component(const Frame& frame, std::size_t begin, std::size_t end, std::int64_t time_us);
    void split_component(const Frame& frame, std::size_t begin, std::size_t end, const std::vector<std::size_t>& slots,
                         bool newcomer);
    void merge_islands();
    void merge(detail::Track& into, detail::Track& from);
    detail::Track& start_track(std::int64_t time_us);
    void give(detail::Track& track, std::size_t sensor, float value);
    void add_light_edges(const Frame& frame);
    void end_frame(std::int64_t time_us);
};

}  // namespace plantar::analysis
