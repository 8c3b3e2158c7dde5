// The event thread of the USB plate source: finding and opening the plate, the bulk transfers
// and their callbacks, losing the plate and closing it.
#include <sstream>

#include "usb_plate_source.hpp"

namespace plantar::usb {

void UsbPlateSource::run() {
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

void UsbPlateSource::search() {
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

void UsbPlateSource::report_search_problem(const std::string& problem) {
    if (problem == last_search_problem_) return;  // a scan every 500 ms must not flood the log
    last_search_problem_ = problem;
    note(LogLevel::Warning, problem);
    std::lock_guard lock(mutex_);
    if (device_state_ == DeviceState::Searching) problem_ = problem;
}

void UsbPlateSource::open_device(libusb_device* device) {
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
void UsbPlateSource::close_plate(bool say_stop) {
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

void UsbPlateSource::lose_plate() {
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

// With mutex_ held.
void UsbPlateSource::change_state(DeviceState state) {
    device_state_ = state;
    ++state_changes_;
    frame_ready_.notify_all();
}

void LIBUSB_CALL UsbPlateSource::transfer_done(libusb_transfer* transfer) {
    static_cast<UsbPlateSource*>(transfer->user_data)->on_transfer(transfer);
}

// On the event thread: cheap work only (checking and converting one frame, ~20 µs at 64x64).
void UsbPlateSource::on_transfer(libusb_transfer* transfer) {
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

void UsbPlateSource::deliver(std::span<const std::uint8_t> bytes) {
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

int LIBUSB_CALL UsbPlateSource::arrived(libusb_context*, libusb_device*, libusb_hotplug_event, void* self) {
    static_cast<UsbPlateSource*>(self)->rescan_ = true;  // opened by the event loop, not here
    return 0;
}

}  // namespace plantar::usb
