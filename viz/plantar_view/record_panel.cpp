#include "record_panel.hpp"

#include <imgui.h>

#include <cstdlib>
#include <filesystem>
#include <system_error>

namespace plantar::viz {
namespace {

const ImVec4 kProblemColour(1.0f, 0.45f, 0.35f, 1.0f);
const ImVec4 kRecordColour(0.75f, 0.12f, 0.12f, 1.0f);
const ImVec4 kRecordHoverColour(0.88f, 0.2f, 0.2f, 1.0f);
constexpr float kButtonHeight = 44.0f;
constexpr TrialKind kKinds[] = {TrialKind::Static, TrialKind::Walk, TrialKind::Step};

std::filesystem::path home_folder() {
    const char* home = std::getenv("HOME");
    return home && *home ? std::filesystem::path(home) : std::filesystem::current_path();
}

void send_start(RecordPanelState& panel, LiveFeed& feed) {
    RecordingForm form;
    form.subject_id = panel.subject.data();
    form.kind = kKinds[panel.kind];
    form.output_path = panel.file.data();
    form.append = panel.append;
    const auto made = make_recording_request(form, std::chrono::system_clock::now(), home_folder());
    panel.form_error = made.error;
    if (!made.request) return;
    // The default folder is made here (the daemon writes files, it makes no folders); the file
    // itself is the daemon's to write.
    std::error_code ignored;
    if (panel.file[0] == '\0') std::filesystem::create_directories(std::filesystem::path(made.request->file).parent_path(), ignored);
    feed.start_recording(*made.request);
}

void show_problem(const std::string& problem) {
    if (problem.empty()) return;
    ImGui::PushStyleColor(ImGuiCol_Text, kProblemColour);
    ImGui::TextWrapped("%s", problem.c_str());
    ImGui::PopStyleColor();
}

}  // namespace

void draw_record_panel(RecordPanelState& panel, LiveFeed& feed, const LiveStatus& status, float width) {
    const RecordingDisplay display = describe_recording(status);
    ImGui::TextUnformatted("Recording");
    ImGui::Separator();
    if (!display.recording) {
        ImGui::SetNextItemWidth(width * 0.5f);
        ImGui::InputText("Subject id", panel.subject.data(), panel.subject.size());
        ImGui::TextUnformatted("Trial:");
        for (int i = 0; i < 3; ++i) {
            ImGui::SameLine();
            ImGui::RadioButton(to_string(kKinds[i]).c_str(), &panel.kind, i);
        }
        ImGui::SetNextItemWidth(width * 0.7f);
        ImGui::InputTextWithHint("File", "~/plantar-recordings/<subject>-<date>.h5", panel.file.data(), panel.file.size());
        ImGui::Checkbox("Add to an existing session file", &panel.append);
    }
    ImGui::PushStyleColor(ImGuiCol_Button, kRecordColour);
    ImGui::PushStyleColor(ImGuiCol_ButtonHovered, kRecordHoverColour);
    if (display.recording) {
        if (ImGui::Button(status.recording_request_pending ? "Stopping..." : "Stop", ImVec2(width, kButtonHeight)) &&
            !status.recording_request_pending)
            feed.stop_recording();
    } else if (!display.can_record) {
        ImGui::BeginDisabled();
        ImGui::Button(status.recording_request_pending ? "Starting..." : "Record", ImVec2(width, kButtonHeight));
        ImGui::EndDisabled();
    } else if (ImGui::Button("Record", ImVec2(width, kButtonHeight))) {
        send_start(panel, feed);
    }
    ImGui::PopStyleColor(2);
    ImGui::TextWrapped("%s", display.headline.c_str());
    show_problem(panel.form_error);
    show_problem(display.problem);
}

}  // namespace plantar::viz
