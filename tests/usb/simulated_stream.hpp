// The frames an emulated plate sends in the USB tests: simulated by plantar::sim, converted to
// the u16 counts a real plate's ADC would give, and the options that choose them. Shared by the
// capture writer and the programs that check what the driver delivers, so both see the same.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "plantar/capture/calibration.hpp"
#include "plantar/capture/frame.hpp"

namespace plantar::usb::testing {

struct StreamOptions {
    int frames = 200;
    int rows = 64;
    int cols = 64;
    double rate_hz = 500.0;
    std::uint64_t seed = 1;
    std::string serial = "PLT-TEST-0001";
    bool unplug = false;        // the capture ends with the plate unplugged
    int replug_frames = 0;      // then plugged back, sending this many frames (from the first) again
    bool devices_only = false;  // only what `plantar devices` asks (identity and geometry)
    std::string out_dir = ".";
    std::string plantard;       // the end-to-end check: the plantard program to run
};

// --frames N --rows R --cols C --rate HZ --seed S --serial TEXT --unplug --devices-only --out DIR
// --replug N --plantard PATH (--replug implies --unplug);
// throws InvalidArgument for anything else.
StreamOptions parse_stream_options(int argc, char** argv);

struct SimulatedStream {
    PlateGeometry geometry;
    Calibration calibration;
    std::vector<Frame> frames;                      // what the driver must deliver, bit for bit
    std::vector<std::vector<std::uint16_t>> counts; // what the plate sends for each frame
};

// Throws Error when a simulated pressure does not survive the trip to counts and back.
SimulatedStream simulate_stream(const StreamOptions& options);

}  // namespace plantar::usb::testing
