// The USB plate as a LiveSource: one event thread owns libusb; bulk IN transfers stay in flight
// and their bytes go through the frame assembler into a bounded queue that next_within() reads.
// The thread also finds the plate (hot-plug events, or a scan every 500 ms) and follows it
// through unplugging and plugging back.
#include <atomic>
#include <condition_variable>
#include <cstdlib>
#include <deque>
#include <mutex>
#include <sstream>
#include <thread>

#include "libusb_plate.hpp"
#include "plantar/capture/log.hpp"
#include "plantar/capture/usb/frame_assembler.hpp"

namespace plantar::usb {

namespace {

// Frames waiting for the consumer (the daemon's capture thread, which only moves them on). 512
// is a quarter of a second at 2,000 fps and at most 32 MiB at 256x64; a consumer slower than
// that loses the newest frames, counted, instead of ever blocking the event thread.
constexpr std::size_t kFrameQueueCapacity = 512;
constexpr auto kSearchInterval = std::chrono::milliseconds(500);
constexpr auto kControlTimeout = std::chrono::milliseconds(1000);
constexpr auto kStopRequestTimeout = std::chrono::milliseconds(250);
constexpr std::int64_t kEmulationLeadInNs = 1'000'000'000;
// Transfers failing in a row (not unplugged, just failing) before the plate counts as lost.
constexpr int kMaxConsecutiveTransferErrors = 8;

void note(LogLevel level, const std::string& message) { log(level, "usb", message); }

class UsbPlateSource final : public LiveSource {
public:
    explicit UsbPlateSource(UsbSourceOptions options) : options_(std::move(options)) {
        if (libusb_has_capability(LIBUSB_CAP_HAS_HOTPLUG)) {
            // Arrivals only wake the search; a plate that leaves shows up as failing transfers.
            const int r = libusb_hotplug_register_callback(
                context_.get(), LIBUSB_HOTPLUG_EVENT_DEVICE_ARRIVED, static_cast<libusb_hotplug_flag>(0),
                LIBUSB_HOTPLUG_MATCH_ANY, LIBUSB_HOTPLUG_MATCH_ANY, LIBUSB_HOTPLUG_MATCH_ANY, &UsbPlateSource::arrived,
                this, &hotplug_);
            has_hotplug_ = r == LIBUSB_SUCCESS;
        }
        event_thread_ = std::thread([this] { run(); });
    }

    ~UsbPlateSource() override {
        stop();
        if (has_hotplug_) libusb_hotplug_deregister_callback(context_.get(), hotplug_);
    }

    const PlateGeometry& geometry() const override { return geometry_; }
    double nominal_rate_hz() const override {
        std::lock_guard lock(mutex_);
        return rate_hz_;
    }
    SourceDescription description() const override {
        std::lock_guard lock(mutex_);
        SourceDescription out{SourceKind::Device, "USB plate", ""};
        if (!plate_) return out;
        out.name = plate_->identity.serial;
        std::ostringstream details;
        details << "plantar USB plate, firmware " << plate_->identity.firmware_version << ", protocol "
                << int{plate_->identity.protocol_major} << "." << int{plate_->identity.protocol_minor} << ", "
                << protocol::to_string(plate_->geometry.format) << ", " << int{plate_->geometry.adc_bits}
                << "-bit ADC, " << where_;
        out.details = details.str();
        return out;
    }

    std::optional<Frame> next_within(std::chrono::milliseconds timeout) override {
        std::unique_lock lock(mutex_);
        const auto seen = state_changes_;
        const auto deadline = std::chrono::steady_clock::now() + timeout;
        frame_ready_.wait_until(lock, deadline,
                                [&] { return !queue_.empty() || stop_requested_ || state_changes_ != seen; });
        if (queue_.empty()) {
            loss_seen_ = true;  // the reader has had every frame from before a loss
            return std::nullopt;
        }
        if (options_.pace_to_device_clock && !wait_until_due(lock, deadline)) return std::nullopt;
        Frame frame = std::move(queue_.front());
        queue_.pop_front();
        return frame;
    }

    // A lost plate reads as Streaming until next_within() has found the queue empty, so a
    // consumer that ends a recording on Lost has handled every frame sent before the loss.
    DeviceState state() const override {
        std::lock_guard lock(mutex_);
        if (device_state_ == DeviceState::Lost && !loss_seen_) return DeviceState::Streaming;
        return device_state_;
    }
    std::optional<Calibration> plate_calibration() const override {
        std::lock_guard lock(mutex_);
        if (!plate_) return std::nullopt;
        return plate_->calibration;
    }
    SourceCounters counters() const override {
        std::lock_guard lock(mutex_);
        SourceCounters out = finished_;
        out.frames_received += current_.frames;
        out.corrupt_packets += current_.corrupt();
        out.sequence_gaps += current_.sequence_gaps;
        out.frames_missed += current_.frames_missed;
        out.device_losses = device_losses_;
        return out;
    }
    std::string last_problem() const override {
        std::lock_guard lock(mutex_);
        return problem_;
    }

    void set_rate(double rate_hz) override {
        if (!(rate_hz > 0.0)) throw InvalidArgument("a frame rate must be above 0 Hz");
        std::lock_guard device_lock(device_mutex_);
        if (!open_ || !plate_) {
            options_.rate_hz = rate_hz;  // applied when a plate is opened
            return;
        }
        change_rate(*open_, *plate_, rate_hz);
        options_.rate_hz = rate_hz;
        std::lock_guard lock(mutex_);
        rate_hz_ = rate_hz;
        period_us_ = static_cast<std::int64_t>(1e6 / rate_hz);
    }

    void stop() override {
        stop_requested_ = true;
        libusb_interrupt_event_handler(context_.get());
        {
            std::lock_guard lock(mutex_);
            frame_ready_.notify_all();
        }
        std::lock_guard join_lock(join_mutex_);
        if (event_thread_.joinable() && event_thread_.get_id() != std::this_thread::get_id()) event_thread_.join();
    }
    bool stopped() const override { return stop_requested_; }

private:
    // Emulation only: holds the front frame back until its device time has come on the host's
    // clock, counted from a second after the first frame (so that clients started with the
    // program are connected before it). With mutex_ held; false when the deadline came first.
    bool wait_until_due(std::unique_lock<std::mutex>& lock, std::chrono::steady_clock::time_point deadline) {
        const std::int64_t device_ns = queue_.front().device_time_us * 1000;
        if (!pace_origin_ns_) pace_origin_ns_ = host_now_ns() - device_ns + kEmulationLeadInNs;
        const auto wait_ns = *pace_origin_ns_ + device_ns - host_now_ns();
        if (wait_ns > 0) {
            const auto due = std::chrono::steady_clock::now() + std::chrono::nanoseconds(wait_ns);
            if (due > deadline) {
                frame_ready_.wait_until(lock, deadline, [&] { return stop_requested_.load(); });
                return false;
            }
            frame_ready_.wait_until(lock, due, [&] { return stop_requested_.load(); });
        }
        queue_.front().host_time_ns = host_now_ns();
        return true;
    }

    void run() {
        auto next_search = std::chrono::steady_clock::now();
        while (!stop_requested_) {
            const auto now = std::chrono::steady_clock::now();
            if (!open_ && (rescan_.exchange(false) || now >= next_search)) {
                search();
                next_search = now + kSearchInterval;
            }
            timeval wait{0, 100'000};
            const int r = libusb_handle_events_timeout_completed(context_.get(), &wait, nullptr);
            if (r != 0 && r != LIBUSB_ERROR_INTERRUPTED) note(LogLevel::Warning, "event loop: " + libusb_error_text(r));
            if (open_ && device_gone_) lose_plate();
        }
        std::lock_guard device_lock(device_mutex_);
        if (open_) close_plate(true);
    }

    void search() {
        libusb_device** devices = nullptr;
        const auto count = libusb_get_device_list(context_.get(), &devices);
        if (count < 0) return;
        for (ssize_t i = 0; i < count && !open_; ++i) {
            if (!is_accepted(usb_id_of(devices[i]), options_.accepted)) continue;
            try {
                open_device(devices[i]);
            } catch (const Error& e) {
                report_search_problem(e.what());
            }
        }
        libusb_free_device_list(devices, 1);
    }

    void report_search_problem(const std::string& problem) {
        if (problem == last_search_problem_) return;  // a scan every 500 ms must not flood the log
        last_search_problem_ = problem;
        note(LogLevel::Warning, problem);
        std::lock_guard lock(mutex_);
        if (device_state_ == DeviceState::Searching) problem_ = problem;
    }

    void open_device(libusb_device* device) {
        std::lock_guard device_lock(device_mutex_);
        auto open = std::make_unique<OpenPlate>(device);
        open->set_control_timeout(kControlTimeout);
        auto plate = read_plate_description(*open);
        if (!options_.serial.empty() && plate.identity.serial != options_.serial) {
            report_search_problem("found plate " + plate.identity.serial + " at " + open->where() + ", waiting for " +
                                  options_.serial);
            return;
        }
        const auto plate_geometry = plate.geometry.plate_geometry();
        assembler_.emplace(plate_geometry, plate.geometry.format, plate.calibration);
        const double rate = start_streaming(*open, plate, options_.rate_hz);
        open_ = std::move(open);
        device_gone_ = false;
        tearing_down_ = false;
        consecutive_errors_ = 0;
        const auto length = bulk_transfer_length(protocol::frame_wire_size(plate_geometry, plate.geometry.format),
                                                 open_->max_packet_size());
        for (int i = 0; i < kBulkTransfersInFlight; ++i) {
            buffers_.emplace_back(length);
            libusb_transfer* transfer = libusb_alloc_transfer(0);
            transfers_.push_back(transfer);
            libusb_fill_bulk_transfer(transfer, open_->handle(), open_->bulk_in_endpoint(), buffers_.back().data(),
                                      static_cast<int>(length), &UsbPlateSource::transfer_done, this, 0);
            if (const int r = libusb_submit_transfer(transfer); r != 0) {
                close_plate(false);
                throw LibusbError(r, "plate " + plate.identity.serial + ": cannot start transfers: " +
                                         libusb_error_text(r));
            }
            ++in_flight_;
        }
        std::lock_guard lock(mutex_);
        if (delivered_any_) {
            // A plate restarts its sequence and clock at START; frames keep counting on from before.
            sequence_base_ = last_sequence_ + 1;
            time_base_us_ = last_time_us_ + period_us_;
        }
        geometry_ = plate_geometry;
        rate_hz_ = rate;
        period_us_ = static_cast<std::int64_t>(1e6 / rate);
        where_ = open_->where();
        std::ostringstream started;
        started << "plate " << plate.identity.serial << " at " << where_ << ": streaming " << plate_geometry.rows << "x"
                << plate_geometry.cols << " at " << rate << " Hz";
        note(LogLevel::Info, started.str());
        plate_ = std::move(plate);
        problem_.clear();
        last_search_problem_.clear();
        change_state(DeviceState::Streaming);
    }

    // Asks a plate that is still there to STOP, cancels the transfers and waits until every one
    // has come back (libusb calls each callback exactly once), then closes the plate. With
    // device_mutex_ held.
    void close_plate(bool say_stop) {
        tearing_down_ = true;
        if (say_stop && !device_gone_) {
            // Before cancelling: frames already on the wire are still read, and a plate that
            // stops sending is left with nothing half-sent.
            try {
                open_->set_control_timeout(kStopRequestTimeout);
                stop_streaming(*open_);
            } catch (const Error& e) {
                note(LogLevel::Debug, std::string("STOP: ") + e.what());
            }
        }
        for (libusb_transfer* transfer : transfers_) libusb_cancel_transfer(transfer);
        const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(2);
        while (in_flight_ > 0 && std::chrono::steady_clock::now() < deadline) {
            timeval wait{0, 100'000};
            libusb_handle_events_timeout_completed(context_.get(), &wait, nullptr);
        }
        if (in_flight_ > 0) {
            // Never free memory the kernel may still write to: leak it and say so.
            note(LogLevel::Error, std::to_string(in_flight_.load()) + " transfers did not come back; leaking them");
        } else {
            for (libusb_transfer* transfer : transfers_) libusb_free_transfer(transfer);
        }
        transfers_.clear();
        buffers_.clear();
        open_.reset();
        assembler_.reset();
    }

    void lose_plate() {
        std::string serial;
        {
            std::lock_guard lock(mutex_);
            if (plate_) serial = plate_->identity.serial;
        }
        {
            std::lock_guard device_lock(device_mutex_);
            close_plate(false);
        }
        std::lock_guard lock(mutex_);
        finished_.frames_received += current_.frames;
        finished_.corrupt_packets += current_.corrupt();
        finished_.sequence_gaps += current_.sequence_gaps;
        finished_.frames_missed += current_.frames_missed;
        current_ = {};
        ++device_losses_;
        loss_seen_ = false;
        problem_ = "plate " + serial + " at " + where_ + " was unplugged or stopped answering; waiting for it";
        note(LogLevel::Warning, problem_);
        change_state(DeviceState::Lost);
    }

    void change_state(DeviceState state) {  // with mutex_ held
        device_state_ = state;
        ++state_changes_;
        frame_ready_.notify_all();
    }

    static void LIBUSB_CALL transfer_done(libusb_transfer* transfer) {
        static_cast<UsbPlateSource*>(transfer->user_data)->on_transfer(transfer);
    }

    // On the event thread: cheap work only (checking and converting one frame, ~20 µs at 64x64).
    void on_transfer(libusb_transfer* transfer) {
        switch (transfer->status) {
            case LIBUSB_TRANSFER_COMPLETED:
                consecutive_errors_ = 0;
                deliver(std::span<const std::uint8_t>(transfer->buffer, static_cast<std::size_t>(transfer->actual_length)));
                break;
            case LIBUSB_TRANSFER_CANCELLED:
                --in_flight_;
                return;
            case LIBUSB_TRANSFER_NO_DEVICE:
                device_gone_ = true;
                --in_flight_;
                return;
            default:  // error, stall, overflow, timeout
                note(LogLevel::Warning, "bulk transfer failed (libusb status " + std::to_string(transfer->status) + ")");
                if (++consecutive_errors_ >= kMaxConsecutiveTransferErrors) device_gone_ = true;
                break;
        }
        if (tearing_down_ || device_gone_) {
            --in_flight_;
            return;
        }
        if (const int r = libusb_submit_transfer(transfer); r != 0) {
            --in_flight_;
            device_gone_ = true;
            note(LogLevel::Warning, "cannot resubmit a transfer: " + libusb_error_text(r));
        }
    }

    void deliver(std::span<const std::uint8_t> bytes) {
        completed_.clear();
        assembler_->feed(bytes, host_now_ns(), completed_);
        std::lock_guard lock(mutex_);
        current_ = assembler_->counters();
        for (Frame& frame : completed_) {
            frame.sequence += sequence_base_;
            frame.device_time_us += time_base_us_;
            last_sequence_ = frame.sequence;
            last_time_us_ = frame.device_time_us;
            delivered_any_ = true;
            if (queue_.size() >= kFrameQueueCapacity && !options_.pace_to_device_clock) {
                if (frames_dropped_++ % 1000 == 0)
                    note(LogLevel::Warning, "the consumer is too slow: " + std::to_string(frames_dropped_) +
                                                " frames dropped from the full queue");
                problem_ = "frames dropped: the reader of the USB plate is too slow";
                continue;
            }
            queue_.push_back(std::move(frame));
        }
        if (!completed_.empty()) frame_ready_.notify_all();
    }

    static int LIBUSB_CALL arrived(libusb_context*, libusb_device*, libusb_hotplug_event, void* self) {
        static_cast<UsbPlateSource*>(self)->rescan_ = true;  // opened by the event loop, not here
        return 0;
    }

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

}  // namespace

std::unique_ptr<LiveSource> open_plate_source(const UsbSourceOptions& options) {
    UsbSourceOptions chosen = options;
    if (const char* emulation = std::getenv("PLANTAR_USB_EMULATION"); emulation && std::string(emulation) == "1")
        chosen.pace_to_device_clock = true;
    return std::make_unique<UsbPlateSource>(std::move(chosen));
}

}  // namespace plantar::usb
