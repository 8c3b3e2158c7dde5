// The one interface through which frames reach their consumers. The USB plate, the simulated
// plate, a vendor-export importer and a recorded session all implement it, so the recorder,
// the viewer and the CLI never need to know which one they hold.
#pragma once

#include <cstdint>
#include <optional>
#include <string>

#include "plantar/capture/frame.hpp"

namespace plantar {

enum class TrialKind { Static, Walk, Step };
enum class SourceKind { Device, Simulator, Import, Replay };

std::string to_string(TrialKind kind);        // "static", "walk", "step"
std::string to_string(SourceKind kind);       // "device", "simulator", "import", "replay"
std::optional<TrialKind> trial_kind_from_string(const std::string& text);
std::optional<SourceKind> source_kind_from_string(const std::string& text);

// What a source says about itself, carried into a session's trial.
struct SourceDescription {
    SourceKind kind = SourceKind::Simulator;
    std::string name;  // "simulated plate", a device serial, an export's file name, ...
    std::string details;  // free text: simulator parameters, firmware version, original unit, ...
};

class FrameSource {
public:
    virtual ~FrameSource() = default;

    virtual const PlateGeometry& geometry() const = 0;
    // The rate the source aims for; frames carry their own timestamps, which are the truth.
    virtual double nominal_rate_hz() const = 0;
    virtual SourceDescription description() const = 0;
    // The next frame, or nothing once the source has ended. Live sources block until a frame
    // arrives; finite sources return immediately.
    virtual std::optional<Frame> next() = 0;
    // The number of frames a finite source will deliver in all, if it knows.
    virtual std::optional<std::uint64_t> expected_frame_count() const { return std::nullopt; }
};

}  // namespace plantar
