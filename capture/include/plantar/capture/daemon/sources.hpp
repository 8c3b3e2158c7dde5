// The sources plantard can capture from, made ready to hand to a Daemon.
#pragma once

#include <memory>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "plantar/capture/daemon/paced_source.hpp"
#include "plantar/capture/sim/simulated_plate.hpp"
#include "plantar/capture/usb/usb_plate.hpp"

namespace plantar::daemon {

// The simulated plate paced in real time. With `loop`, the scenario starts over at its end
// (sequences and device times continue), so the source runs until stopped; set_rate restarts
// the scenario at the new rate. Throws InvalidArgument for a config the simulator refuses.
std::unique_ptr<LiveSource> make_simulated_source(const sim::SimulationConfig& config, bool loop,
                                                  std::shared_ptr<PacingClock> clock = nullptr);

// One trial of a recorded session replayed in real time, optionally looping. set_rate is
// refused (a recording has the rate it was recorded at). Throws FileFormatError / IoError for a
// file that cannot be read, InvalidArgument for a trial that does not exist or is empty.
std::unique_ptr<LiveSource> make_replay_source(const std::string& session_path, int trial, bool loop,
                                               std::shared_ptr<PacingClock> clock = nullptr);

// The USB plate driver (capture/src/usb/). These two are the daemon's only uses of it and live
// in one file, usb_source.cpp, so programs that never use USB do not link the driver.
std::unique_ptr<LiveSource> make_usb_source(const usb::UsbSourceOptions& options);
// The attached plates as the control channel's list_devices reply lists them.
nlohmann::json list_usb_plates_json(const std::vector<usb::UsbId>& accepted);

}  // namespace plantar::daemon
