// usb_plate_replay_check: run under umockdev-run with a capture from usb_capture_writer (same
// options). Opens the emulated plate through open_plate_source() and checks that every frame
// arrives bit-exact and in order, that the counters are right, with --unplug that the plate
// becomes Lost, and with --replug that it streams again with its frames numbered on. Prints what
// it measured; exits 0 when all is well.
#include <chrono>
#include <cstdio>
#include <exception>
#include <string>
#include <thread>

#include "plantar/capture/errors.hpp"
#include "plantar/capture/log.hpp"
#include "plantar/capture/usb/usb_plate.hpp"
#include "simulated_stream.hpp"

using namespace plantar;
using namespace std::chrono_literals;

namespace {

int failures = 0;

void expect(bool ok, const std::string& what) {
    if (ok) return;
    ++failures;
    std::fprintf(stderr, "FAILED: %s\n", what.c_str());
}

bool wait_for_state(LiveSource& source, DeviceState wanted, std::chrono::milliseconds limit) {
    const auto deadline = std::chrono::steady_clock::now() + limit;
    // Polls rather than calling next_within(), which would take frames away from the check.
    while (source.state() != wanted && std::chrono::steady_clock::now() < deadline)
        std::this_thread::sleep_for(5ms);
    return source.state() == wanted;
}

}  // namespace

int main(int argc, char** argv) {
    try {
        const auto options = usb::testing::parse_stream_options(argc, argv);
        const auto stream = usb::testing::simulate_stream(options);
        set_log_sink(line_log_sink(stderr));

        const auto opened = std::chrono::steady_clock::now();
        auto source = usb::open_plate_source({});
        expect(wait_for_state(*source, DeviceState::Streaming, 10s), "the plate starts streaming");
        expect(source->geometry() == stream.geometry || source->geometry().rows == stream.geometry.rows,
               "the geometry is the plate's");
        expect(source->description().name == options.serial, "the source is named by the plate's serial");
        expect(source->plate_calibration() == stream.calibration, "the calibration arrives bit for bit");
        expect(source->nominal_rate_hz() == options.rate_hz, "the rate is the plate's");

        const auto first = std::chrono::steady_clock::now();
        std::size_t received = 0;
        for (const Frame& wanted : stream.frames) {
            auto frame = source->next_within(5s);
            if (!frame) {
                expect(false, "frame " + std::to_string(wanted.sequence) + " arrives");
                break;
            }
            ++received;
            if (frame->sequence != wanted.sequence || frame->device_time_us != wanted.device_time_us ||
                frame->pressure_kpa != wanted.pressure_kpa || frame->host_time_ns <= 0)
                expect(false, "frame " + std::to_string(wanted.sequence) + " is bit-exact (got sequence " +
                                  std::to_string(frame->sequence) + ")");
        }
        const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - first).count();

        if (options.replug_frames > 0) {
            // Plugged back: the plate restarts at sequence 0; the source carries numbers and times on.
            const auto period_us = static_cast<std::int64_t>(1e6 / options.rate_hz);
            const auto time_base = stream.frames.back().device_time_us + period_us;
            const auto deadline = std::chrono::steady_clock::now() + 10s;
            for (int i = 0; i < options.replug_frames; ++i) {
                std::optional<Frame> frame;  // next_within also returns at each change of state
                while (!frame && std::chrono::steady_clock::now() < deadline) frame = source->next_within(100ms);
                if (!frame) {
                    expect(false, "frame " + std::to_string(i) + " after plugging back arrives");
                    break;
                }
                ++received;
                const Frame& wanted = stream.frames[static_cast<std::size_t>(i)];
                if (frame->sequence != stream.frames.size() + static_cast<std::size_t>(i) ||
                    frame->device_time_us != time_base + wanted.device_time_us ||
                    frame->pressure_kpa != wanted.pressure_kpa)
                    expect(false, "frame " + std::to_string(i) + " after plugging back is bit-exact and numbered on");
            }
            expect(source->state() == DeviceState::Streaming, "the plate plugged back streams again");
            expect(source->last_problem().empty(), "no problem is left once it streams again");
        } else if (options.unplug) {
            // Lost shows once the reader has found no frame left, so read (and expect nothing).
            const auto deadline = std::chrono::steady_clock::now() + 5s;
            while (source->state() != DeviceState::Lost && std::chrono::steady_clock::now() < deadline)
                expect(!source->next_within(20ms), "no frame beyond the capture");
            expect(source->state() == DeviceState::Lost, "the unplugged plate becomes Lost");
            expect(source->last_problem().find("unplugged") != std::string::npos, "last_problem says it was unplugged");
            // umockdev still lists the device, so the driver tries to reopen it every 500 ms and
            // the capture, used up, answers nothing: the plate must stay Lost, not flap.
            std::this_thread::sleep_for(1500ms);
            expect(source->state() == DeviceState::Lost, "the plate stays Lost while it does not answer");
        } else {
            expect(!source->next_within(200ms), "no frame beyond the capture");
            expect(source->state() == DeviceState::Streaming, "the plate is still streaming");
        }
        const auto counters = source->counters();
        expect(counters.frames_received == stream.frames.size() + static_cast<std::size_t>(options.replug_frames),
               "frames_received counts every frame");
        expect(counters.corrupt_packets == 0 && counters.sequence_gaps == 0 && counters.frames_missed == 0,
               "nothing corrupt or missed");
        expect(counters.device_losses == (options.unplug ? 1u : 0u), "device_losses counts the unplug");

        const auto stopping = std::chrono::steady_clock::now();
        source->stop();
        source.reset();
        const double stop_ms = std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - stopping).count();
        const double total_s = std::chrono::duration<double>(std::chrono::steady_clock::now() - opened).count();
        const double megabytes = static_cast<double>(received) * static_cast<double>(stream.geometry.sensor_count()) * 2 / 1e6;
        std::printf("%zu/%zu frames of %dx%d bit-exact; %.0f frames/s, %.1f MB/s of samples through the driver; "
                    "stop took %.0f ms; %.2f s in all\n",
                    received, stream.frames.size() + static_cast<std::size_t>(options.replug_frames), stream.geometry.rows, stream.geometry.cols,
                    static_cast<double>(received) / seconds, megabytes / seconds, stop_ms, total_s);
        return failures == 0 ? 0 : 1;
    } catch (const std::exception& e) {
        std::fprintf(stderr, "usb_plate_replay_check: %s\n", e.what());
        return 1;
    }
}
