// Closing the tracker's contacts (strike and off, incompleteness flags, noise), and
// find_contacts over a whole trial (docs/methods.md, section 1).
#include <algorithm>
#include <cmath>

#include "contacts_tracker_impl.hpp"

namespace plantar::analysis {

using detail::Track;

namespace {

double seconds(std::int64_t us, std::int64_t origin_us) { return static_cast<double>(us - origin_us) * 1e-6; }

// ../shared/METHODS.md: the load rises above min + 10 % of its range (strike) and falls below
// it (off), interpolated linearly between frames; the unloaded frames just outside the
// contact count as load 0.
void events_by_load(const Track& track, std::int64_t origin_us, Contact& contact) {
    const auto& samples = track.samples;
    if (samples.empty()) return;
    double low = samples.front().load, high = low;
    for (const auto& sample : samples) low = std::min(low, sample.load), high = std::max(high, sample.load);
    if (!(high > low)) return;
    const double level = low + 0.1 * (high - low);
    auto crossing = [&](double t0, double v0, double t1, double v1) {
        return v1 == v0 ? t1 : t0 + (level - v0) / (v1 - v0) * (t1 - t0);
    };
    if (!track.cut_start) {
        double t0 = seconds(track.before_first_us, origin_us), v0 = 0.0;
        for (const auto& sample : samples) {
            if (sample.load >= level) {
                contact.strike_by_load_s = crossing(t0, v0, sample.time_s, sample.load);
                break;
            }
            t0 = sample.time_s, v0 = sample.load;
        }
    }
    if (!track.cut_end && track.has_after) {
        double t1 = seconds(track.after_last_us, origin_us), v1 = 0.0;
        for (auto it = samples.rbegin(); it != samples.rend(); ++it) {
            if (it->load >= level) {
                contact.off_by_load_s = crossing(it->time_s, it->load, t1, v1);
                break;
            }
            t1 = it->time_s, v1 = it->load;
        }
    }
}

// Width across the print's main axis over its length along it (from the second moments of
// the print's sensor centres), to flag two feet that tracking could not separate.
double width_to_length(const SensorMap& sensors, const std::vector<std::uint8_t>& mask) {
    double n = 0.0, mx = 0.0, my = 0.0;
    for (std::size_t i = 0; i < mask.size(); ++i)
        if (mask[i]) n += 1.0, mx += sensors.x_mm[i], my += sensors.y_mm[i];
    if (n < 3.0) return kNaN;
    mx /= n, my /= n;
    double sxx = 0.0, syy = 0.0, sxy = 0.0;
    for (std::size_t i = 0; i < mask.size(); ++i)
        if (mask[i]) {
            const double dx = sensors.x_mm[i] - mx, dy = sensors.y_mm[i] - my;
            sxx += dx * dx, syy += dy * dy, sxy += dx * dy;
        }
    const double mean = (sxx + syy) / 2.0;
    const double spread = std::sqrt(std::max(0.0, (sxx - syy) * (sxx - syy) / 4.0 + sxy * sxy));
    const double major = mean + spread, minor = std::max(0.0, mean - spread);
    return major > 0.0 ? std::sqrt(minor / major) : kNaN;
}

}  // namespace

std::vector<Contact> ContactTracker::Impl::finish() {
    for (auto& track : open) {
        if (track->last_frame + 1 == frame_index && frame_index > 0) track->cut_end = true;
        closed.push_back(std::move(track));
    }
    open.clear();
    std::sort(closed.begin(), closed.end(), [](const auto& a, const auto& b) {
        return a->first_frame != b->first_frame ? a->first_frame < b->first_frame : a->id < b->id;
    });
    // Final ids, in order of first loading, for the contacts that are feet.
    std::vector<int> new_id(merged_into.size(), -1);
    int kept = 0;
    for (const auto& track : closed)
        if (foot_sized(*track)) new_id[static_cast<std::size_t>(track->id)] = kept++;
    std::vector<Contact> contacts;
    for (auto& track_pointer : closed) {
        Track& track = *track_pointer;
        if (!foot_sized(track)) {
            ++dropped;
            continue;
        }
        Contact contact;
        contact.id = static_cast<int>(contacts.size());
        std::vector<int> noted;
        for (const auto& [other, frame] : track.touched) {
            const int other_id = new_id[static_cast<std::size_t>(final_id(other))];
            if (other_id < 0 || other_id == contact.id || std::find(noted.begin(), noted.end(), other_id) != noted.end())
                continue;
            noted.push_back(other_id);
            track.notes.push_back("touched contact " + std::to_string(other_id) + " from frame " + std::to_string(frame) +
                                  ": the loaded sensors they shared were given to the nearer print");
        }
        contact.first_frame = track.first_frame;
        contact.last_frame = track.last_frame;
        // Loaded in the first or last frame, but lightly: the recording missed at most about a
        // frame of this stance, so it is not cut, and the event is put half a frame outside.
        double highest_load = 0.0;
        for (const auto& sample : track.samples) highest_load = std::max(highest_load, sample.load);
        const double light = config.recording_cut_load_fraction * highest_load;
        const std::size_t n_samples = track.samples.size();
        const bool light_start = track.cut_start && n_samples >= 2 && track.samples.front().load <= light;
        const bool light_end = track.cut_end && n_samples >= 2 && track.samples.back().load <= light;
        if (light_start)
            contact.strike_s = track.samples[0].time_s - (track.samples[1].time_s - track.samples[0].time_s) / 2;
        if (light_end)
            contact.off_s = track.samples[n_samples - 1].time_s +
                            (track.samples[n_samples - 1].time_s - track.samples[n_samples - 2].time_s) / 2;
        if (light_start || light_end)
            track.notes.push_back(std::string("loaded in the ") + (light_start ? "first" : "last") +
                                  " frame of the recording, but with at most " +
                                  std::to_string(std::lround(config.recording_cut_load_fraction * 100.0)) +
                                  " % of its highest load: taken as whole (its " + (light_start ? "strike" : "off") +
                                  " may lie up to a frame " + (light_start ? "earlier" : "later") + ")");
        if (!track.cut_start) contact.strike_s = seconds((track.before_first_us + track.first_us) / 2, first_us);
        if (!track.cut_end && track.has_after) contact.off_s = seconds((track.last_us + track.after_last_us) / 2, first_us);
        const bool cut_start = track.cut_start && !light_start;
        const bool cut_end = track.cut_end && !light_end;
        events_by_load(track, first_us, contact);
        contact.mask = std::move(track.mask);
        contact.peak = std::move(track.peak);
        contact.samples = std::move(track.samples);
        contact.cut_by_plate_edge = track.edge;
        contact.cut_by_recording_start = cut_start && !standing;
        contact.cut_by_recording_end = cut_end && !standing;
        if (standing && (cut_start || cut_end))
            track.notes.push_back("static trial: loaded at the start or end of the recording, as a standing foot is "
                                  "(not counted as cut by the recording)");
        contact.most_sensors = track.most_sensors;
        contact.most_area_mm2 = sensors.positions_known() ? track.most_area_mm2 : kNaN;
        contact.notes = std::move(track.notes);
        if (sensors.positions_known()) {
            const double ratio = width_to_length(sensors, contact.mask);
            contact.wide_for_a_foot = ratio > config.max_width_to_length;
            if (contact.wide_for_a_foot)
                contact.notes.push_back("the print is about as wide as it is long (width/length " +
                                        std::to_string(std::lround(ratio * 100.0)) +
                                        " %): two feet touching that could not be separated, or a forefoot only");
        }
        contacts.push_back(std::move(contact));
    }
    closed.clear();
    if (dropped > 0)
        notes.push_back(std::to_string(dropped) + " noise speckles dropped (fewer than " +
                        std::to_string(config.min_sensors) + " sensors loaded together)");
    return contacts;
}

double contact_threshold(const TrialInput& trial, const ContactConfig& config) {
    if (trial.sensors.in_kpa()) return config.threshold_kpa;
    if (std::isfinite(config.threshold_raw)) return config.threshold_raw;
    double highest = 0.0;
    for (const Frame& frame : trial.frames) {
        const std::size_t n = std::min(trial.sensors.size(), frame.pressure_kpa.size());
        for (std::size_t i = 0; i < n; ++i)
            if (trial.sensors.present[i]) highest = std::max(highest, static_cast<double>(frame.pressure_kpa[i]));
    }
    return config.threshold_raw_fraction * highest;
}

ContactResult find_contacts(const TrialInput& trial, const ContactConfig& config) {
    if (trial.sensors.layout.coverage == SensorCoverage::Treadmill) {
        // The belt carries each print backwards during its stance (about 0.7 m at 4 km/h), so a
        // print is a smear and the next step lands where the last one passed: tracking by place,
        // as on a plate, would join every step into one. Said plainly rather than guessed.
        ContactResult refused;
        refused.notes.push_back("treadmill recording: the belt moves each print during its stance; finding steps and "
                                "footprints needs the belt's motion taken out, which plantar does not do yet, so no "
                                "contacts are reported (the frames can still be viewed and exported)");
        return refused;
    }
    ContactConfig resolved = config;
    if (!trial.sensors.in_kpa()) resolved.threshold_raw = contact_threshold(trial, config);
    ContactTracker tracker(trial.sensors, resolved, trial.kind);
    ContactResult result;
    std::string insole_note;
    if (trial.sensors.layout.coverage == SensorCoverage::Insole && trial.frames.size() > 1) {
        // An insole is never quite unloaded: the shoe presses on it in swing too (the pedar
        // sample keeps about 5 sensors above 8 kPa through every swing). Its stances are where
        // the insole's total load is above min + 10 % of its range over the trial (the step
        // rule of docs/methods.md 1.8); frames below that are given to the tracker as unloaded.
        std::vector<double> loads;
        loads.reserve(trial.frames.size());
        for (const Frame& frame : trial.frames) loads.push_back(frame_load(trial.sensors, frame));
        const auto [low, high] = std::minmax_element(loads.begin(), loads.end());
        const double swing_below = *low + 0.1 * (*high - *low);
        Frame unloaded(trial.sensors.geometry);
        std::size_t swing_frames = 0;
        for (std::size_t f = 0; f < trial.frames.size(); ++f) {
            const auto frame = trial.frames.at(f);
            if (loads[f] >= swing_below) {
                tracker.add(*frame);
                continue;
            }
            unloaded.sequence = frame->sequence;
            unloaded.device_time_us = frame->device_time_us;
            unloaded.host_time_ns = frame->host_time_ns;
            tracker.add(unloaded);
            ++swing_frames;
        }
        insole_note = "insole: stances are where its total load is above 10 % of its range over the trial; " +
                      std::to_string(swing_frames) + " of " + std::to_string(trial.frames.size()) +
                      " frames are below it (swing, the shoe's own pressure)";
    } else {
        for (const Frame& frame : trial.frames) tracker.add(frame);
    }
    result.contacts = tracker.finish();
    result.noise_contacts_dropped = tracker.noise_contacts_dropped();
    result.notes = tracker.notes();
    if (!insole_note.empty()) result.notes.push_back(insole_note);
    if (!trial.sensors.in_kpa())
        result.notes.push_back("raw counts: contact threshold " + std::to_string(resolved.threshold_raw) +
                               " counts; loads are relative, not newtons");
    return result;
}

}  // namespace plantar::analysis
