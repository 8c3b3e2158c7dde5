// The simulator and recorded sessions as live sources for plantard.
#include "plantar/capture/daemon/sources.hpp"

#include <string>

#include "plantar/capture/errors.hpp"
#include "plantar/capture/session/session.hpp"

namespace plantar::daemon {

std::unique_ptr<LiveSource> make_simulated_source(const sim::SimulationConfig& config, bool loop,
                                                  std::shared_ptr<PacingClock> clock) {
    auto opener = [config](std::optional<double> rate_hz) -> std::unique_ptr<FrameSource> {
        sim::SimulationConfig pass = config;
        if (rate_hz) pass.rate_hz = *rate_hz;
        if (auto problem = pass.validation_error(); !problem.empty()) throw InvalidArgument(problem);
        return std::make_unique<sim::SimulatedPlate>(pass);
    };
    PacedSourceOptions options;
    options.loop = loop;
    options.rate_adjustable = true;
    options.clock = std::move(clock);
    return std::make_unique<PacedSource>(opener, options);
}

std::unique_ptr<LiveSource> make_replay_source(const std::string& session_path, int trial, bool loop,
                                               std::shared_ptr<PacingClock> clock) {
    // Checked once here, so the opener (called again for each loop) cannot fail differently later.
    SessionReader session(session_path);
    if (trial < 0 || trial >= session.trial_count())
        throw InvalidArgument(session_path + " has " + std::to_string(session.trial_count()) + " trial(s); trial " +
                              std::to_string(trial) + " does not exist (trials count from 0)");
    if (session.trial(trial).frame_count == 0)
        throw InvalidArgument(session_path + " trial " + std::to_string(trial) + " holds no frames to replay");
    auto opener = [session_path, trial](std::optional<double>) -> std::unique_ptr<FrameSource> {
        return SessionReader(session_path).replay(trial);
    };
    PacedSourceOptions options;
    options.loop = loop;
    options.rate_adjustable = false;
    options.clock = std::move(clock);
    return std::make_unique<PacedSource>(opener, options);
}

}  // namespace plantar::daemon
