// The Open dialog: Dear ImGui has none, so a modal lists a folder's sub-folders and session files
// (name, size, modified; session_folder.hpp) with a path field, a parent-folder button and
// Open/Cancel. The dialog only picks a path; the caller opens it and, when that fails, shows the
// error in the dialog (show_error) so the current view stays as it was.
#pragma once

#include <array>
#include <filesystem>
#include <optional>
#include <string>
#include <vector>

#include "plantar/viz/session_folder.hpp"

namespace plantar::viz {

class FileDialog {
public:
    // Shows the dialog on `start`: a folder, or a file (its folder is listed and the file selected).
    void open(const std::filesystem::path& start);
    void close();
    bool is_open() const { return open_; }
    // Draws the dialog when it is open. Returns the file the user chose (Open, Enter in the path
    // field, or a double click); the dialog stays open until close().
    std::optional<std::filesystem::path> draw();
    // Shown in red under the listing until the user picks again.
    void show_error(const std::string& message) { error_ = message; }

private:
    void list(const std::filesystem::path& folder);
    void set_path_field(const std::string& text);
    // The path field as a path: relative ones are taken from the listed folder.
    std::filesystem::path path_in_field() const;
    // A folder: list it. A file: return it for opening.
    std::optional<std::filesystem::path> choose(const std::filesystem::path& path);

    bool open_ = false;
    bool popup_shown_ = false;  // ImGui::OpenPopup was called for this opening
    std::filesystem::path folder_;
    std::vector<FolderEntry> entries_;
    std::string error_;
    std::array<char, 4096> path_field_{};
};

}  // namespace plantar::viz
