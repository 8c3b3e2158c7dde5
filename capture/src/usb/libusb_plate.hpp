// The libusb side of one plate: the context, an opened and claimed plate, and control
// transfers. Private to capture/src/usb, the only code that includes libusb.
#pragma once

#include <libusb.h>

#include <chrono>
#include <memory>
#include <string>

#include "plantar/capture/errors.hpp"
#include "plantar/capture/usb/usb_plate.hpp"
#include "plate_conversation.hpp"

namespace plantar::usb {

// A libusb failure, with its code kept so the driver can tell a plate that is gone.
struct LibusbError : IoError {
    int code;
    LibusbError(int libusb_code, const std::string& what);
    bool device_gone() const { return code == LIBUSB_ERROR_NO_DEVICE; }
};

// "LIBUSB_ERROR_ACCESS (Access denied (insufficient permissions))", and what to do about it.
std::string libusb_error_text(int code);

class LibusbContext {
public:
    LibusbContext();  // throws IoError
    ~LibusbContext();
    LibusbContext(const LibusbContext&) = delete;
    LibusbContext& operator=(const LibusbContext&) = delete;
    libusb_context* get() const { return context_; }

private:
    libusb_context* context_ = nullptr;
};

UsbId usb_id_of(libusb_device* device);
bool is_accepted(UsbId id, const std::vector<UsbId>& accepted);

// A plate opened with its vendor interface claimed; released and closed on destruction.
class OpenPlate : public ControlChannel {
public:
    // Throws LibusbError naming the bus and address, with a hint for permissions or a busy plate.
    explicit OpenPlate(libusb_device* device);
    ~OpenPlate() override;
    OpenPlate(const OpenPlate&) = delete;
    OpenPlate& operator=(const OpenPlate&) = delete;

    std::vector<std::uint8_t> read(protocol::Request request, std::uint16_t value, std::uint16_t length) override;
    void write(protocol::Request request, std::uint16_t value, std::span<const std::uint8_t> payload) override;
    void set_control_timeout(std::chrono::milliseconds timeout) { timeout_ = timeout; }

    libusb_device_handle* handle() const { return handle_; }
    unsigned char bulk_in_endpoint() const { return endpoint_; }
    std::size_t max_packet_size() const { return max_packet_size_; }
    std::string where() const { return where_; }  // "bus 1 address 2"

private:
    libusb_device_handle* handle_ = nullptr;
    int interface_ = -1;
    unsigned char endpoint_ = 0;
    std::size_t max_packet_size_ = 512;
    std::string where_;
    std::chrono::milliseconds timeout_{1000};
};

}  // namespace plantar::usb
