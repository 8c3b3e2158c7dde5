// Writes a usbmon capture as Linux's usbmon and Wireshark do: a pcap file with link type 220
// (LINKTYPE_USB_LINUX_MMAPPED), one 64-byte usbmon header per 'S'ubmit and 'C'omplete event,
// then the captured data. umockdev replays such files to libusb (../shared/USB-TESTING.md).
#pragma once

#include <cstdint>
#include <cstdio>
#include <span>
#include <string>

namespace plantar::usb::testing {

struct SetupPacket {
    std::uint8_t request_type = 0;
    std::uint8_t request = 0;
    std::uint16_t value = 0;
    std::uint16_t index = 0;
    std::uint16_t length = 0;
};

class UsbmonPcapWriter {
public:
    // Throws IoError when the file cannot be created.
    UsbmonPcapWriter(const std::string& path, int bus, int device_address);
    ~UsbmonPcapWriter();
    UsbmonPcapWriter(const UsbmonPcapWriter&) = delete;
    UsbmonPcapWriter& operator=(const UsbmonPcapWriter&) = delete;

    // Each returns the URB id it used (ids start at 1: umockdev treats 0 as "never submitted").
    std::uint64_t submit_control(const SetupPacket& setup, std::span<const std::uint8_t> out_data);
    void complete_control(std::uint64_t id, const SetupPacket& setup, std::span<const std::uint8_t> in_data);
    std::uint64_t submit_bulk_in(std::uint8_t endpoint, std::uint32_t length);
    // status 0, or a negative errno such as -ENODEV for a plate that was pulled out.
    void complete_bulk_in(std::uint64_t id, std::uint8_t endpoint, std::span<const std::uint8_t> data,
                          std::int32_t status = 0);

    void advance_time_us(std::int64_t microseconds) { time_us_ += microseconds; }

private:
    struct Event {
        std::uint64_t id;
        char type;           // 'S' or 'C'
        std::uint8_t transfer_type;
        std::uint8_t endpoint;
        const SetupPacket* setup;
        std::int32_t status;
        std::uint32_t urb_length;
        std::span<const std::uint8_t> data;
    };
    void write(const Event& event);

    std::FILE* file_ = nullptr;
    int bus_;
    int device_address_;
    std::uint64_t next_id_ = 1;
    std::int64_t time_us_ = 1'000'000;
};

}  // namespace plantar::usb::testing
