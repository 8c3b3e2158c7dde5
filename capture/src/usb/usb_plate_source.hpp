// The USB plate as a LiveSource (open_plate_source): one event thread owns libusb; bulk IN
// transfers stay in flight and their bytes go through the frame assembler into a bounded queue
// that next_within() reads. The thread also finds the plate (hot-plug events, or a scan every
// 500 ms) and follows it through unplugging and plugging back. usb_plate_source.cpp is the
// consumer's side, usb_plate_event_loop.cpp the event thread's.
#pragma once

#include <atomic>
#include <condition_variable>
#include <deque>
#include <mutex>
#include <thread>

#include "libusb_plate.hpp"
#include "plantar/capture/log.hpp"
#include "plantar/capture/usb/frame_assembler.hpp"

namespace plantar::usb {

// Frames waiting for the consumer (the daemon's capture thread, which only moves them on). 512
// is a quarter of a second at 2,000 fps and at most 32 MiB at 256x64; a consumer slower than
// that loses the newest frames, counted, instead of ever blocking the event thread.
constexpr std::size_t kFrameQueueCapacity = 512;
constexpr auto kSearchInterval = std::chrono::milliseconds(500);
constexpr auto kControlTimeout = std::chrono::milliseconds(1000);
constexpr auto kStopRequestTimeout = std::chrono::milliseconds(250);
// Emulation (UsbSourceOptions::pace_to_device_clock): the first frame waits this long.
constexpr std::int64_t kEmulationLeadInNs = 1'000'000'000;
// Transfers failing in a row (not unplugged, just failing) before the plate counts as lost.
constexpr int kMaxConsecutiveTransferErrors = 8;

inline void note(LogLevel level, const std::string& message) { log(level, "usb", message); }

class UsbPlateSource final : public LiveSource {
public:
    explicit UsbPlateSource(UsbSourceOptions options);
    ~UsbPlateSource() override;
    // Written by the event thread only before it reports Streaming (LiveSource's contract).
    const PlateGeometry& geometry() const override { return geometry_; }
    double nominal_rate_hz() const override;
    SourceDescription description() const override;
    std::optional<Frame> next_within(std::chrono::milliseconds timeout) override;
    // A lost plate reads as Streaming until next_within() has found the queue empty, so a
    // consumer that ends a recording on Lost has handled every frame sent before the loss.
    DeviceState state() const override;
    std::optional<Calibration> plate_calibration() const override;
    SourceCounters counters() const override;
    std::string last_problem() const override;
    void set_rate(double rate_hz) override;
    void stop() override;
    bool stopped() const override { return stop_requested_; }

private:
    // Emulation only: holds the front frame back until its device time has come on the host's
    // clock, counted from a second after the first frame (so that clients started with the
    // program are connected before it). With mutex_ held; false when the deadline came first.
    bool wait_until_due(std::unique_lock<std::mutex>& lock, std::chrono::steady_clock::time_point deadline);
    void run();
    void search();
    void report_search_problem(const std::string& problem);
    void open_device(libusb_device* device);
    // Asks a plate that is still there to STOP, cancels the transfers and waits until every one
    // has come back (libusb calls each callback exactly once), then closes the plate. With
    // device_mutex_ held.
    void close_plate(bool say_stop);
    void lose_plate();
    void change_state(DeviceState state);
    static void LIBUSB_CALL transfer_done(libusb_transfer* transfer);
    // On the event thread: cheap work only (checking and converting one frame, ~20 µs at 64x64).
    void on_transfer(libusb_transfer* transfer);
    void deliver(std::span<const std::uint8_t> bytes);
    static int LIBUSB_CALL arrived(libusb_context*, libusb_device*, libusb_hotplug_event, void* self);

    UsbSourceOptions options_;  // rate_hz changes under device_mutex_
    LibusbContext context_;
    libusb_hotplug_callback_handle hotplug_{};
    bool has_hotplug_ = false;
    std::atomic<bool> rescan_{true};
    std::atomic<bool> stop_requested_{false};
    std::mutex join_mutex_;
    std::thread event_thread_;

    // Event thread (and libusb callbacks, which libusb runs one at a time).
    std::mutex device_mutex_;  // guards open_ against set_rate() from other threads
    std::unique_ptr<OpenPlate> open_;
    std::optional<FrameAssembler> assembler_;
    std::vector<libusb_transfer*> transfers_;
    std::vector<std::vector<std::uint8_t>> buffers_;
    std::atomic<int> in_flight_{0};
    std::atomic<bool> tearing_down_{false};
    std::atomic<bool> device_gone_{false};
    int consecutive_errors_ = 0;
    std::vector<Frame> completed_;
    std::string last_search_problem_;

    // Shared with the consumer, under mutex_.
    mutable std::mutex mutex_;
    std::condition_variable frame_ready_;
    std::deque<Frame> queue_;
    DeviceState device_state_ = DeviceState::Searching;
    std::uint64_t state_changes_ = 0;
    std::optional<PlateDescription> plate_;
    PlateGeometry geometry_;
    double rate_hz_ = 0.0;
    std::int64_t period_us_ = 0;
    std::string where_;
    SourceCounters finished_;
    AssemblerCounters current_;
    std::uint64_t frames_dropped_ = 0;
    std::uint64_t device_losses_ = 0;
    std::string problem_;
    bool delivered_any_ = false;
    bool loss_seen_ = false;
    std::optional<std::int64_t> pace_origin_ns_;
    std::uint64_t sequence_base_ = 0;
    std::uint64_t last_sequence_ = 0;
    std::int64_t time_base_us_ = 0;
    std::int64_t last_time_us_ = 0;
};

}  // namespace plantar::usb
