#include "usb_plate_source.hpp"

#include <cstdlib>
#include <sstream>

namespace plantar::usb {

UsbPlateSource::UsbPlateSource(UsbSourceOptions options) : options_(std::move(options)) {
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

UsbPlateSource::~UsbPlateSource() {
    stop();
    if (has_hotplug_) libusb_hotplug_deregister_callback(context_.get(), hotplug_);
}

double UsbPlateSource::nominal_rate_hz() const {
    std::lock_guard lock(mutex_);
    return rate_hz_;
}

SourceDescription UsbPlateSource::description() const {
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

std::optional<Frame> UsbPlateSource::next_within(std::chrono::milliseconds timeout) {
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

DeviceState UsbPlateSource::state() const {
    std::lock_guard lock(mutex_);
    if (device_state_ == DeviceState::Lost && !loss_seen_) return DeviceState::Streaming;
    return device_state_;
}

std::optional<Calibration> UsbPlateSource::plate_calibration() const {
    std::lock_guard lock(mutex_);
    if (!plate_) return std::nullopt;
    return plate_->calibration;
}

SourceCounters UsbPlateSource::counters() const {
    std::lock_guard lock(mutex_);
    SourceCounters out = finished_;
    out.frames_received += current_.frames;
    out.corrupt_packets += current_.corrupt();
    out.sequence_gaps += current_.sequence_gaps;
    out.frames_missed += current_.frames_missed;
    out.device_losses = device_losses_;
    out.frames_dropped = frames_dropped_;
    return out;
}

std::string UsbPlateSource::last_problem() const {
    std::lock_guard lock(mutex_);
    return problem_;
}

void UsbPlateSource::set_rate(double rate_hz) {
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

void UsbPlateSource::stop() {
    stop_requested_ = true;
    libusb_interrupt_event_handler(context_.get());
    {
        std::lock_guard lock(mutex_);
        frame_ready_.notify_all();
    }
    std::lock_guard join_lock(join_mutex_);
    if (event_thread_.joinable() && event_thread_.get_id() != std::this_thread::get_id()) event_thread_.join();
}

// Emulation only: holds the front frame back until its device time has come on the host's
// clock, counted from a second after the first frame (so that clients started with the
// program are connected before it). With mutex_ held; false when the deadline came first.
bool UsbPlateSource::wait_until_due(std::unique_lock<std::mutex>& lock, std::chrono::steady_clock::time_point deadline) {
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

std::unique_ptr<LiveSource> open_plate_source(const UsbSourceOptions& options) {
    UsbSourceOptions chosen = options;
    if (const char* emulation = std::getenv("PLANTAR_USB_EMULATION"); emulation && std::string(emulation) == "1")
        chosen.pace_to_device_clock = true;
    return std::make_unique<UsbPlateSource>(std::move(chosen));
}

}  // namespace plantar::usb
