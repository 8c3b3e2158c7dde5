#include "file_dialog.hpp"

#include <imgui.h>

#include <algorithm>
#include <cstring>
#include <exception>
#include <system_error>

namespace plantar::viz {
namespace {

constexpr const char* kTitle = "Open a session";
const ImVec4 kErrorColour{1.0f, 0.45f, 0.4f, 1.0f};
const ImVec4 kFolderColour{0.55f, 0.75f, 1.0f, 1.0f};

}  // namespace

void FileDialog::open(const std::filesystem::path& start) {
    std::error_code error;
    std::filesystem::path absolute = std::filesystem::absolute(start.empty() ? "." : start, error);
    if (error) absolute = std::filesystem::current_path(error);
    error_.clear();
    if (std::filesystem::is_directory(absolute, error)) {
        list(absolute);
        set_path_field(folder_.string() + "/");
    } else {
        list(absolute.parent_path());
        set_path_field(absolute.string());
    }
    open_ = true;
    popup_shown_ = false;
}

void FileDialog::close() { open_ = false; }  // draw() closes the ImGui popup on its next call

void FileDialog::list(const std::filesystem::path& folder) {
    folder_ = folder.lexically_normal();
    if (!folder_.has_filename() && folder_ != folder_.root_path()) folder_ = folder_.parent_path();  // "a/b/" -> "a/b"
    entries_.clear();
    try {
        entries_ = list_session_folder(folder_);
    } catch (const std::exception& e) {
        error_ = e.what();
    }
}

void FileDialog::set_path_field(const std::string& text) {
    path_field_.fill('\0');
    std::memcpy(path_field_.data(), text.data(), std::min(text.size(), path_field_.size() - 1));
}

std::filesystem::path FileDialog::path_in_field() const {
    const std::filesystem::path typed(path_field_.data());
    return typed.is_absolute() ? typed : folder_ / typed;
}

std::optional<std::filesystem::path> FileDialog::choose(const std::filesystem::path& path) {
    error_.clear();
    std::error_code error;
    if (std::filesystem::is_directory(path, error)) {
        list(path);
        set_path_field(folder_.string() + "/");
        return std::nullopt;
    }
    return path.lexically_normal();
}

std::optional<std::filesystem::path> FileDialog::draw() {
    if (!open_) {
        if (ImGui::BeginPopupModal(kTitle)) {  // closed by close(): end the ImGui popup too
            ImGui::CloseCurrentPopup();
            ImGui::EndPopup();
        }
        return std::nullopt;
    }
    if (!popup_shown_) {
        ImGui::OpenPopup(kTitle);
        popup_shown_ = true;
    }
    const ImVec2 display = ImGui::GetIO().DisplaySize;
    ImGui::SetNextWindowSize(ImVec2(std::min(820.0f, display.x - 40.0f), std::min(560.0f, display.y - 40.0f)));
    ImGui::SetNextWindowPos(ImVec2(display.x * 0.5f, display.y * 0.5f), ImGuiCond_Always, ImVec2(0.5f, 0.5f));
    if (!ImGui::BeginPopupModal(kTitle, nullptr, ImGuiWindowFlags_NoResize | ImGuiWindowFlags_NoMove)) {
        open_ = false;
        return std::nullopt;
    }
    std::optional<std::filesystem::path> chosen;
    if (ImGui::Button("Parent folder") && folder_.has_parent_path() && folder_ != folder_.root_path()) {
        list(folder_.parent_path());
        set_path_field(folder_.string() + "/");
    }
    ImGui::SameLine();
    ImGui::TextUnformatted(folder_.string().c_str());

    const float footer = ImGui::GetFrameHeightWithSpacing() * 2.0f + ImGui::GetTextLineHeightWithSpacing() * 2.0f;
    const ImGuiTableFlags table_flags = ImGuiTableFlags_RowBg | ImGuiTableFlags_BordersOuter | ImGuiTableFlags_ScrollY;
    if (ImGui::BeginTable("entries", 3, table_flags, ImVec2(0.0f, ImGui::GetContentRegionAvail().y - footer))) {
        ImGui::TableSetupScrollFreeze(0, 1);
        ImGui::TableSetupColumn("Name", ImGuiTableColumnFlags_WidthStretch);
        ImGui::TableSetupColumn("Size", ImGuiTableColumnFlags_WidthFixed, 90.0f);
        ImGui::TableSetupColumn("Modified", ImGuiTableColumnFlags_WidthFixed, 140.0f);
        ImGui::TableHeadersRow();
        const std::string selected = std::filesystem::path(path_field_.data()).filename().string();
        std::optional<std::filesystem::path> clicked_folder;
        for (const FolderEntry& entry : entries_) {
            ImGui::TableNextRow();
            ImGui::TableNextColumn();
            const std::string label = entry.is_folder ? entry.name + "/" : entry.name;
            if (entry.is_folder) ImGui::PushStyleColor(ImGuiCol_Text, kFolderColour);
            const bool clicked = ImGui::Selectable(label.c_str(), !entry.is_folder && entry.name == selected,
                                                   ImGuiSelectableFlags_SpanAllColumns | ImGuiSelectableFlags_AllowDoubleClick);
            if (entry.is_folder) ImGui::PopStyleColor();
            if (clicked) {
                if (entry.is_folder) {
                    clicked_folder = folder_ / entry.name;  // listed after the loop: entries_ is being read
                } else {
                    error_.clear();
                    set_path_field((folder_ / entry.name).string());
                    if (ImGui::IsMouseDoubleClicked(ImGuiMouseButton_Left)) chosen = folder_ / entry.name;
                }
            }
            ImGui::TableNextColumn();
            ImGui::TextUnformatted(entry.size_text.c_str());
            ImGui::TableNextColumn();
            ImGui::TextUnformatted(entry.modified_text.c_str());
        }
        if (entries_.empty()) {
            ImGui::TableNextRow();
            ImGui::TableNextColumn();
            ImGui::TextDisabled("no sub-folders or .h5 files here");
        }
        ImGui::EndTable();
        if (clicked_folder) choose(*clicked_folder);
    }

    if (!error_.empty())
        ImGui::TextColored(kErrorColour, "%s", error_.c_str());
    else
        ImGui::TextDisabled("Sessions are .h5 files (plantar record, plantard --record, plantar simulate).");
    ImGui::SetNextItemWidth(-1.0f);
    if (ImGui::IsWindowAppearing()) ImGui::SetKeyboardFocusHere();
    if (ImGui::InputText("##path", path_field_.data(), path_field_.size(), ImGuiInputTextFlags_EnterReturnsTrue))
        chosen = choose(path_in_field());
    if (ImGui::Button("Open", ImVec2(100.0f, 0.0f))) chosen = choose(path_in_field());
    ImGui::SameLine();
    if (ImGui::Button("Cancel", ImVec2(100.0f, 0.0f)) || ImGui::IsKeyPressed(ImGui::GetKeyIndex(ImGuiKey_Escape))) {
        open_ = false;
        ImGui::CloseCurrentPopup();
    }
    ImGui::EndPopup();
    return chosen;
}

}  // namespace plantar::viz
