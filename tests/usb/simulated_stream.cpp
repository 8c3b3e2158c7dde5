#include "simulated_stream.hpp"

#include <cmath>

#include "plantar/capture/errors.hpp"
#include "plantar/capture/sim/simulated_plate.hpp"

namespace plantar::usb::testing {

StreamOptions parse_stream_options(int argc, char** argv) {
    StreamOptions options;
    for (int i = 1; i < argc; ++i) {
        const std::string arg = argv[i];
        auto value = [&]() -> std::string {
            if (i + 1 >= argc) throw InvalidArgument(arg + " needs a value");
            return argv[++i];
        };
        if (arg == "--frames") options.frames = std::stoi(value());
        else if (arg == "--rows") options.rows = std::stoi(value());
        else if (arg == "--cols") options.cols = std::stoi(value());
        else if (arg == "--rate") options.rate_hz = std::stod(value());
        else if (arg == "--seed") options.seed = std::stoull(value());
        else if (arg == "--serial") options.serial = value();
        else if (arg == "--out") options.out_dir = value();
        else if (arg == "--plantard") options.plantard = value();
        else if (arg == "--replug") options.unplug = true, options.replug_frames = std::stoi(value());
        else if (arg == "--unplug") options.unplug = true;
        else if (arg == "--devices-only") options.devices_only = true;
        else throw InvalidArgument("unknown option " + arg);
    }
    if (options.replug_frames > options.frames) throw InvalidArgument("--replug sends at most --frames frames");
    return options;
}

SimulatedStream simulate_stream(const StreamOptions& options) {
    sim::SimulationConfig config;
    config.scenario = sim::Scenario::Walk;
    config.geometry = PlateGeometry{options.rows, options.cols, 7.8, 7.8, 7.8 * 7.8};
    config.rate_hz = options.rate_hz;
    config.duration_s = options.frames / options.rate_hz;
    config.seed = options.seed;
    sim::SimulatedPlate plate(config);
    SimulatedStream stream{plate.geometry(), plate.calibration(), {}, {}};
    while (auto frame = plate.next()) {
        std::vector<std::uint16_t> counts(frame->pressure_kpa.size());
        for (std::size_t i = 0; i < counts.size(); ++i) {
            const double count = std::round(stream.calibration.to_counts(frame->pressure_kpa[i]));
            counts[i] = static_cast<std::uint16_t>(count);
            if (static_cast<float>(stream.calibration.to_kpa(count, i)) != frame->pressure_kpa[i])
                throw Error("simulated pressure " + std::to_string(frame->pressure_kpa[i]) +
                            " kPa is not an ADC reading of the plate's calibration");
        }
        frame->host_time_ns = 0;
        stream.frames.push_back(std::move(*frame));
        stream.counts.push_back(std::move(counts));
    }
    return stream;
}

}  // namespace plantar::usb::testing
