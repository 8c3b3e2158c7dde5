// The FrameSource that replays one stored trial (SessionReader::replay).
#pragma once

#include <filesystem>
#include <memory>

#include "plantar/capture/session/session.hpp"

namespace plantar::session_detail {

// Opens its own reader of `path`, so it stays valid after the SessionReader that made it is
// gone; it delivers the frames the trial has when the source is made
// (more than `info` says if the trial was still being written).
std::unique_ptr<TrialReplaySource> make_replay_source(const std::filesystem::path& path, int trial, const TrialInfo& info);

}  // namespace plantar::session_detail
