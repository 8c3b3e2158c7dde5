#include "plantar/capture/frame_source.hpp"
#include "plantar/capture/live_source.hpp"

namespace plantar {

std::string to_string(TrialKind kind) {
    switch (kind) {
        case TrialKind::Static: return "static";
        case TrialKind::Walk: return "walk";
        case TrialKind::Step: return "step";
    }
    return "unknown";
}

std::string to_string(SourceKind kind) {
    switch (kind) {
        case SourceKind::Device: return "device";
        case SourceKind::Simulator: return "simulator";
        case SourceKind::Import: return "import";
        case SourceKind::Replay: return "replay";
    }
    return "unknown";
}

std::optional<TrialKind> trial_kind_from_string(const std::string& text) {
    if (text == "static") return TrialKind::Static;
    if (text == "walk") return TrialKind::Walk;
    if (text == "step") return TrialKind::Step;
    return std::nullopt;
}

std::optional<SourceKind> source_kind_from_string(const std::string& text) {
    if (text == "device") return SourceKind::Device;
    if (text == "simulator") return SourceKind::Simulator;
    if (text == "import") return SourceKind::Import;
    if (text == "replay") return SourceKind::Replay;
    return std::nullopt;
}

std::string to_string(DeviceState state) {
    switch (state) {
        case DeviceState::Searching: return "searching";
        case DeviceState::Streaming: return "streaming";
        case DeviceState::Lost: return "lost";
        case DeviceState::Ended: return "ended";
    }
    return "unknown";
}

}  // namespace plantar
