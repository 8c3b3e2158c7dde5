// What the viewer's Open dialog and trial chooser list, without a window: a folder's sub-folders
// and session files (name, size, modified), and a session's trials in one line each.
#pragma once

#include <cstdint>
#include <filesystem>
#include <string>
#include <vector>

#include "plantar/capture/session/session.hpp"

namespace plantar::viz {

struct FolderEntry {
    std::string name;
    bool is_folder = false;
    std::uintmax_t size_bytes = 0;  // 0 for folders
    std::string size_text;          // "1.2 MB"; empty for folders
    std::string modified_text;      // "2026-11-21 10:42" (local time)
};

// The sub-folders and the .h5 files of `folder`, folders first, each group by name; hidden entries
// (a leading dot) left out. Entries that vanish or cannot be read while listing are skipped.
// Throws plantar::IoError naming the folder when it cannot be listed at all.
std::vector<FolderEntry> list_session_folder(const std::filesystem::path& folder);

// "1.2 MB", "640 kB", "12 B" (powers of 1000, as file managers show them).
std::string size_text(std::uintmax_t bytes);

// "0: walk, 2400 frames, 4.80 s, started 2026-11-21T10:42:07Z" (and ", not closed by its writer" for a
// trial the writer has not closed); the trial chooser's line.
std::string trial_choice_text(const TrialInfo& trial);

// One line per trial of the session at `path`, by trial index. Throws as SessionReader does.
std::vector<std::string> trial_choices(const std::filesystem::path& path);

}  // namespace plantar::viz
