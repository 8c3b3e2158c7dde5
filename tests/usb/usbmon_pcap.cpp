#include "usbmon_pcap.hpp"

#include <array>

#include "plantar/capture/errors.hpp"

namespace plantar::usb::testing {

namespace {

constexpr std::uint32_t kLinktypeUsbLinuxMmapped = 220;
constexpr std::uint8_t kTransferControl = 2;
constexpr std::uint8_t kTransferBulk = 3;

template <std::size_t N>
void put_le(std::uint8_t* out, std::uint64_t value) {
    for (std::size_t i = 0; i < N; ++i) out[i] = static_cast<std::uint8_t>(value >> (8 * i));
}

}  // namespace

UsbmonPcapWriter::UsbmonPcapWriter(const std::string& path, int bus, int device_address)
    : file_(std::fopen(path.c_str(), "wb")), bus_(bus), device_address_(device_address) {
    if (!file_) throw IoError("cannot create " + path);
    std::array<std::uint8_t, 24> header{};
    put_le<4>(&header[0], 0xA1B2C3D4u);  // microsecond timestamps
    put_le<2>(&header[4], 2);
    put_le<2>(&header[6], 4);
    put_le<4>(&header[16], 1u << 20);     // snaplen: more than any transfer we write
    put_le<4>(&header[20], kLinktypeUsbLinuxMmapped);
    std::fwrite(header.data(), 1, header.size(), file_);
}

UsbmonPcapWriter::~UsbmonPcapWriter() { std::fclose(file_); }

std::uint64_t UsbmonPcapWriter::submit_control(const SetupPacket& setup, std::span<const std::uint8_t> out_data) {
    const std::uint64_t id = next_id_++;
    const bool in = (setup.request_type & 0x80) != 0;
    write({id, 'S', kTransferControl, static_cast<std::uint8_t>(in ? 0x80 : 0x00), &setup, 0, setup.length,
           in ? std::span<const std::uint8_t>() : out_data});
    return id;
}

void UsbmonPcapWriter::complete_control(std::uint64_t id, const SetupPacket& setup,
                                        std::span<const std::uint8_t> in_data) {
    const bool in = (setup.request_type & 0x80) != 0;
    const auto length = static_cast<std::uint32_t>(in ? in_data.size() : setup.length);
    write({id, 'C', kTransferControl, static_cast<std::uint8_t>(in ? 0x80 : 0x00), nullptr, 0, length, in_data});
}

std::uint64_t UsbmonPcapWriter::submit_bulk_in(std::uint8_t endpoint, std::uint32_t length) {
    const std::uint64_t id = next_id_++;
    write({id, 'S', kTransferBulk, endpoint, nullptr, 0, length, {}});
    return id;
}

void UsbmonPcapWriter::complete_bulk_in(std::uint64_t id, std::uint8_t endpoint, std::span<const std::uint8_t> data,
                                        std::int32_t status) {
    write({id, 'C', kTransferBulk, endpoint, nullptr, status, static_cast<std::uint32_t>(data.size()), data});
}

// The 64-byte usbmon "mmapped" header (Documentation/usb/usbmon.rst, struct usbmon_packet).
void UsbmonPcapWriter::write(const Event& event) {
    std::array<std::uint8_t, 64> usbmon{};
    put_le<8>(&usbmon[0], event.id);
    usbmon[8] = static_cast<std::uint8_t>(event.type);
    usbmon[9] = event.transfer_type;
    usbmon[10] = event.endpoint;
    usbmon[11] = static_cast<std::uint8_t>(device_address_);
    put_le<2>(&usbmon[12], static_cast<std::uint16_t>(bus_));
    usbmon[14] = event.setup ? 0 : '-';                                   // setup packet present?
    usbmon[15] = event.data.empty() ? ((event.endpoint & 0x80) ? '<' : '>') : 0;  // data present?
    put_le<8>(&usbmon[16], static_cast<std::uint64_t>(time_us_ / 1'000'000));
    put_le<4>(&usbmon[24], static_cast<std::uint32_t>(time_us_ % 1'000'000));
    put_le<4>(&usbmon[28], static_cast<std::uint32_t>(event.status));
    put_le<4>(&usbmon[32], event.urb_length);
    put_le<4>(&usbmon[36], static_cast<std::uint32_t>(event.data.size()));
    if (event.setup) {
        usbmon[40] = event.setup->request_type;
        usbmon[41] = event.setup->request;
        put_le<2>(&usbmon[42], event.setup->value);
        put_le<2>(&usbmon[44], event.setup->index);
        put_le<2>(&usbmon[46], event.setup->length);
    }
    std::array<std::uint8_t, 16> record{};
    const auto captured = static_cast<std::uint32_t>(usbmon.size() + event.data.size());
    put_le<4>(&record[0], static_cast<std::uint32_t>(time_us_ / 1'000'000));
    put_le<4>(&record[4], static_cast<std::uint32_t>(time_us_ % 1'000'000));
    put_le<4>(&record[8], captured);
    put_le<4>(&record[12], captured);
    std::fwrite(record.data(), 1, record.size(), file_);
    std::fwrite(usbmon.data(), 1, usbmon.size(), file_);
    if (!event.data.empty()) std::fwrite(event.data.data(), 1, event.data.size(), file_);
    time_us_ += 10;
}

}  // namespace plantar::usb::testing
