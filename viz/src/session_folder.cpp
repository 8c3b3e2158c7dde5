#include "plantar/viz/session_folder.hpp"

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <ctime>
#include <system_error>

#include "plantar/capture/errors.hpp"

namespace plantar::viz {
namespace {

std::string modified_text(const std::filesystem::file_time_type& when) {
    const auto system_time = std::chrono::file_clock::to_sys(when);
    const std::time_t seconds = std::chrono::system_clock::to_time_t(system_time);
    std::tm local{};
    localtime_r(&seconds, &local);
    char text[32];
    std::strftime(text, sizeof text, "%Y-%m-%d %H:%M", &local);
    return text;
}

}  // namespace

std::string size_text(std::uintmax_t bytes) {
    char text[32];
    const double value = static_cast<double>(bytes);
    if (bytes < 1000)
        std::snprintf(text, sizeof text, "%ju B", bytes);
    else if (bytes < 1000 * 1000)
        std::snprintf(text, sizeof text, "%.0f kB", value / 1e3);
    else if (bytes < 1000ull * 1000 * 1000)
        std::snprintf(text, sizeof text, "%.1f MB", value / 1e6);
    else
        std::snprintf(text, sizeof text, "%.1f GB", value / 1e9);
    return text;
}

std::vector<FolderEntry> list_session_folder(const std::filesystem::path& folder) {
    std::error_code error;
    std::filesystem::directory_iterator it(folder, std::filesystem::directory_options::skip_permission_denied, error);
    if (error) throw IoError("cannot list the folder " + folder.string() + ": " + error.message());
    std::vector<FolderEntry> entries;
    for (; it != std::filesystem::directory_iterator(); it.increment(error)) {
        if (error) break;
        const std::filesystem::directory_entry& entry = *it;
        FolderEntry listed;
        listed.name = entry.path().filename().string();
        if (listed.name.empty() || listed.name.front() == '.') continue;
        std::error_code entry_error;
        listed.is_folder = entry.is_directory(entry_error);
        if (entry_error) continue;
        if (!listed.is_folder) {
            if (entry.path().extension() != ".h5" || !entry.is_regular_file(entry_error)) continue;
            listed.size_bytes = entry.file_size(entry_error);
            if (entry_error) continue;
            listed.size_text = size_text(listed.size_bytes);
        }
        const auto when = entry.last_write_time(entry_error);
        if (!entry_error) listed.modified_text = modified_text(when);
        entries.push_back(std::move(listed));
    }
    std::sort(entries.begin(), entries.end(), [](const FolderEntry& a, const FolderEntry& b) {
        if (a.is_folder != b.is_folder) return a.is_folder;
        return a.name < b.name;
    });
    return entries;
}

std::string trial_choice_text(const TrialInfo& trial) {
    char text[160];
    std::snprintf(text, sizeof text, "%d: %s, %ju frames, %.2f s", trial.index, to_string(trial.header.kind).c_str(),
                  static_cast<std::uintmax_t>(trial.frame_count), trial.duration_s());
    std::string line = text;
    if (!trial.header.started_utc.empty()) line += ", started " + trial.header.started_utc;
    if (!trial.complete) line += ", not closed by its writer (being written?)";
    return line;
}

std::vector<std::string> trial_choices(const std::filesystem::path& path) {
    SessionReader reader(path);
    std::vector<std::string> lines;
    for (int t = 0; t < reader.trial_count(); ++t) lines.push_back(trial_choice_text(reader.trial(t)));
    return lines;
}

}  // namespace plantar::viz
