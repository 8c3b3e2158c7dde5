#include "libusb_plate.hpp"

#include <algorithm>

namespace plantar::usb {

namespace {

std::string hint_for(int code) {
    switch (code) {
        case LIBUSB_ERROR_ACCESS:
            return ": permission denied: install dist/udev/70-plantar.rules (docs/usb-protocol.md, Permissions)";
        case LIBUSB_ERROR_BUSY: return ": in use by another program (is plantard running?)";
        case LIBUSB_ERROR_NO_DEVICE: return ": the plate was unplugged";
        default: return "";
    }
}

// The vendor interface of a plate and its bulk IN endpoint, from the active configuration.
bool find_plate_interface(const libusb_config_descriptor* config, int& interface_number, unsigned char& endpoint,
                          std::size_t& max_packet) {
    for (int i = 0; i < config->bNumInterfaces; ++i) {
        const libusb_interface& interface = config->interface[i];
        if (interface.num_altsetting < 1) continue;
        const libusb_interface_descriptor& setting = interface.altsetting[0];
        if (setting.bInterfaceClass != protocol::kInterfaceClass ||
            setting.bInterfaceSubClass != protocol::kInterfaceSubclass)
            continue;
        for (int e = 0; e < setting.bNumEndpoints; ++e) {
            const libusb_endpoint_descriptor& ep = setting.endpoint[e];
            const bool bulk = (ep.bmAttributes & LIBUSB_TRANSFER_TYPE_MASK) == LIBUSB_TRANSFER_TYPE_BULK;
            if (bulk && (ep.bEndpointAddress & LIBUSB_ENDPOINT_DIR_MASK) == LIBUSB_ENDPOINT_IN) {
                interface_number = setting.bInterfaceNumber;
                endpoint = ep.bEndpointAddress;
                max_packet = ep.wMaxPacketSize & 0x07FFu;
                return true;
            }
        }
    }
    return false;
}

}  // namespace

LibusbError::LibusbError(int libusb_code, const std::string& what) : IoError(what), code(libusb_code) {}

std::string libusb_error_text(int code) {
    return std::string(libusb_error_name(code)) + " (" + libusb_strerror(code) + ")" + hint_for(code);
}

LibusbContext::LibusbContext() {
    if (int r = libusb_init(&context_); r != 0) throw IoError("cannot use USB: " + libusb_error_text(r));
}

LibusbContext::~LibusbContext() { libusb_exit(context_); }

UsbId usb_id_of(libusb_device* device) {
    libusb_device_descriptor descriptor{};
    if (libusb_get_device_descriptor(device, &descriptor) != 0) return {};
    return UsbId{descriptor.idVendor, descriptor.idProduct};
}

bool is_accepted(UsbId id, const std::vector<UsbId>& accepted) {
    if (accepted.empty()) return id == default_plate_id();
    return std::find(accepted.begin(), accepted.end(), id) != accepted.end();
}

OpenPlate::OpenPlate(libusb_device* device)
    : where_("bus " + std::to_string(libusb_get_bus_number(device)) + " address " +
             std::to_string(libusb_get_device_address(device))) {
    libusb_config_descriptor* config = nullptr;
    int r = libusb_get_active_config_descriptor(device, &config);
    if (r != 0) throw LibusbError(r, "plate at " + where_ + ": no configuration: " + libusb_error_text(r));
    const bool found = find_plate_interface(config, interface_, endpoint_, max_packet_size_);
    libusb_free_config_descriptor(config);
    if (!found) throw LibusbError(LIBUSB_ERROR_NOT_FOUND, "device at " + where_ + " has no plantar plate interface");
    if (max_packet_size_ == 0) max_packet_size_ = 512;

    r = libusb_open(device, &handle_);
    if (r != 0) throw LibusbError(r, "cannot open plate at " + where_ + ": " + libusb_error_text(r));
    // A vendor interface has no kernel driver to detach, so a plain claim is enough.
    r = libusb_claim_interface(handle_, interface_);
    if (r != 0) {
        libusb_close(handle_);
        throw LibusbError(r, "cannot claim plate at " + where_ + ": " + libusb_error_text(r));
    }
}

OpenPlate::~OpenPlate() {
    libusb_release_interface(handle_, interface_);  // fails harmlessly when the plate is gone
    libusb_close(handle_);
}

std::vector<std::uint8_t> OpenPlate::read(protocol::Request request, std::uint16_t value, std::uint16_t length) {
    std::vector<std::uint8_t> reply(length);
    const int r = libusb_control_transfer(handle_, protocol::kRequestTypeIn, static_cast<std::uint8_t>(request), value,
                                          0, reply.data(), length, static_cast<unsigned>(timeout_.count()));
    if (r < 0)
        throw LibusbError(r, "plate at " + where_ + ": " + protocol::to_string(request) + " failed: " + libusb_error_text(r));
    reply.resize(static_cast<std::size_t>(r));
    return reply;
}

void OpenPlate::write(protocol::Request request, std::uint16_t value, std::span<const std::uint8_t> payload) {
    // libusb wants a mutable buffer even for OUT data.
    std::vector<std::uint8_t> data(payload.begin(), payload.end());
    const int r = libusb_control_transfer(handle_, protocol::kRequestTypeOut, static_cast<std::uint8_t>(request), value,
                                          0, data.empty() ? nullptr : data.data(),
                                          static_cast<std::uint16_t>(data.size()),
                                          static_cast<unsigned>(timeout_.count()));
    if (r == LIBUSB_ERROR_PIPE)
        throw InvalidArgument("plate at " + where_ + " refused " + protocol::to_string(request));
    if (r < 0)
        throw LibusbError(r, "plate at " + where_ + ": " + protocol::to_string(request) + " failed: " + libusb_error_text(r));
}

}  // namespace plantar::usb
