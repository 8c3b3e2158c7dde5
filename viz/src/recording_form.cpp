#include "plantar/viz/recording_form.hpp"

#include <algorithm>
#include <cctype>
#include <cstdio>
#include <ctime>
#include <system_error>

namespace plantar::viz {
namespace {

std::string trimmed(const std::string& text) {
    const auto first = text.find_first_not_of(" \t");
    if (first == std::string::npos) return {};
    return text.substr(first, text.find_last_not_of(" \t") - first + 1);
}

// The id becomes part of a file name: nothing that could leave the folder or need quoting.
bool usable_in_file_name(const std::string& id) {
    return std::all_of(id.begin(), id.end(), [](unsigned char c) { return std::isalnum(c) || c == '-' || c == '_' || c == '.'; }) &&
           id.find("..") == std::string::npos;
}

std::string frames_text(std::uint64_t frames) {
    std::string digits = std::to_string(frames);
    for (int at = static_cast<int>(digits.size()) - 3; at > 0; at -= 3) digits.insert(static_cast<std::size_t>(at), ",");
    return digits;
}

}  // namespace

std::filesystem::path default_recording_path(const std::string& subject_id, std::chrono::system_clock::time_point now,
                                             const std::filesystem::path& home) {
    const std::time_t seconds = std::chrono::system_clock::to_time_t(now);
    std::tm parts{};
    localtime_r(&seconds, &parts);
    char date[32];
    std::strftime(date, sizeof date, "%Y-%m-%d", &parts);
    return home / "plantar-recordings" / (subject_id + "-" + date + ".h5");
}

RecordingRequestOrError make_recording_request(const RecordingForm& form, std::chrono::system_clock::time_point now,
                                               const std::filesystem::path& home) {
    RecordingRequestOrError result;
    const std::string subject = trimmed(form.subject_id);
    if (subject.empty() && !form.append) {
        result.error = "enter a subject id before recording (a new session needs one)";
        return result;
    }
    if (!usable_in_file_name(subject)) {
        result.error = "the subject id '" + subject + "' may use only letters, digits, '-', '_' and '.'";
        return result;
    }
    std::string path_text = trimmed(form.output_path);
    const bool default_path = path_text.empty();
    std::filesystem::path path;
    if (default_path) {
        if (subject.empty()) {
            result.error = "enter a subject id or the session file to add the trial to";
            return result;
        }
        path = default_recording_path(subject, now, home);
    } else if (path_text == "~" || path_text.rfind("~/", 0) == 0) {
        path = home / path_text.substr(std::min<std::size_t>(2, path_text.size()));
    } else {
        path = path_text;
    }
    std::error_code ignored;
    daemon::RecordingRequest request;
    request.file = std::filesystem::absolute(path, ignored).lexically_normal().string();
    request.subject.id = subject;
    request.kind = form.kind;
    request.mode = form.append || (default_path && std::filesystem::exists(path, ignored)) ? daemon::FileMode::Append
                                                                                            : daemon::FileMode::Create;
    result.request = std::move(request);
    return result;
}

RecordingDisplay describe_recording(const LiveStatus& live) {
    RecordingDisplay display;
    if (!live.status) {
        display.headline = "no plantard answers: nothing can be recorded";
        return display;
    }
    const daemon::RecordingStatus& r = live.status->recording;
    char text[1024];
    switch (r.state) {
        case daemon::RecordingState::Recording:
            display.recording = true;
            std::snprintf(text, sizeof text, "Recording %.1f s, %s frames to %s (trial %d)", r.elapsed_s,
                          frames_text(r.frames).c_str(), r.file.c_str(), r.trial);
            display.headline = text;
            if (r.queue_bound > 0 && r.queue_depth * 2 > r.queue_bound) {
                std::snprintf(text, sizeof text, "the disk is falling behind: %zu of %zu frames wait to be written",
                              r.queue_depth, r.queue_bound);
                display.problem = text;
            }
            break;
        case daemon::RecordingState::Stopping:
            display.recording = true;
            display.headline = "Closing " + r.file + ": writing the frames still queued...";
            break;
        case daemon::RecordingState::Stopped:
            std::snprintf(text, sizeof text, "Last recording: %s frames, %.1f s in %s (trial %d); stopped: %s",
                          frames_text(r.frames).c_str(), r.elapsed_s, r.file.c_str(), r.trial, r.stop_reason.c_str());
            display.headline = text;
            if (!r.error.empty())
                display.problem = "The recording stopped (" + r.stop_reason + "): " + r.error;
            else if (r.stop_reason == "device lost")
                display.problem = "The plate was lost: the recording was closed with every frame received.";
            break;
        case daemon::RecordingState::Idle:
            display.headline = "Not recording";
            break;
    }
    display.can_record = !display.recording && !live.recording_request_pending;
    if (!live.recording_error.empty()) display.problem = "plantard did not do it: " + live.recording_error;
    return display;
}

}  // namespace plantar::viz
