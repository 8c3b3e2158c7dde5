// The plantar plate protocol (docs/usb-protocol.md) as pure code: constants, the frame header,
// CRC-32, and the control request payloads. No libusb here: the host driver, the frame assembler,
// the test tool that writes usbmon captures, and firmware authors all use it as the reference.
// Every multi-byte field is little-endian.
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <vector>

#include "plantar/capture/calibration.hpp"
#include "plantar/capture/frame.hpp"

namespace plantar::usb::protocol {

// pid.codes' open-source vendor id and its test product id: a real product must request its own PID.
constexpr std::uint16_t kVendorId = 0x1209;
constexpr std::uint16_t kTestProductId = 0x0001;

// The version this code speaks. A host accepts any minor version of its major version.
constexpr std::uint8_t kProtocolMajor = 1;
constexpr std::uint8_t kProtocolMinor = 0;

// The vendor-specific interface a plate presents.
constexpr std::uint8_t kInterfaceClass = 0xFF;
constexpr std::uint8_t kInterfaceSubclass = 0x50;  // 'P'
constexpr std::uint8_t kInterfaceProtocol = 0x01;

// bmRequestType of the vendor requests: vendor type, device recipient, IN or OUT.
constexpr std::uint8_t kRequestTypeIn = 0xC0;
constexpr std::uint8_t kRequestTypeOut = 0x40;

enum class Request : std::uint8_t {
    GetIdentity = 0x01,     // IN, wLength = kIdentitySize
    GetGeometry = 0x02,     // IN, wLength = kGeometrySize
    GetCalibration = 0x03,  // IN, wValue = page, wLength <= kCalibrationPageSize
    SetRate = 0x10,         // OUT, wLength = 4: rate in mHz (u32)
    Start = 0x11,           // OUT, wLength = 0
    Stop = 0x12,            // OUT, wLength = 0
};
std::string to_string(Request request);  // "GET_IDENTITY", ...

constexpr std::size_t kIdentitySize = 64;
constexpr std::size_t kGeometrySize = 32;
constexpr std::size_t kCalibrationPageSize = 1024;
constexpr std::size_t kCalibrationHeaderSize = 16;
constexpr std::size_t kSerialFieldSize = 32;
constexpr std::size_t kFirmwareFieldSize = 28;

enum class SampleFormat : std::uint8_t {
    Counts16 = 1,   // u16 ADC counts, converted with the plate's calibration
    Counts8 = 2,    // u8 ADC counts, converted with the plate's calibration
    Float32Kpa = 3, // IEEE-754 binary32 kPa, already calibrated by the plate
};
std::size_t sample_size(SampleFormat format);  // bytes per sample; 0 for an unknown format
bool is_known(SampleFormat format);
std::string to_string(SampleFormat format);     // "u16 counts", "u8 counts", "f32 kPa"

// --- Frames on the bulk IN endpoint: header, samples (row-major), CRC-32 of header + samples.
constexpr std::uint8_t kFrameMagic[4] = {'P', 'L', 'F', 'R'};
constexpr std::size_t kFrameHeaderSize = 32;  // what version 1 writes; a reader honours header_size
constexpr std::size_t kMaxFrameHeaderSize = 255;
constexpr std::size_t kFrameCrcSize = 4;

struct FrameHeader {
    std::uint8_t protocol_major = kProtocolMajor;
    std::uint8_t header_size = kFrameHeaderSize;
    SampleFormat format = SampleFormat::Counts16;
    std::uint8_t flags = 0;
    std::uint64_t sequence = 0;
    std::uint64_t device_time_us = 0;
    std::uint16_t rows = 0;
    std::uint16_t cols = 0;
    std::uint32_t payload_length = 0;  // bytes of samples
    bool operator==(const FrameHeader&) const = default;
};

void encode_frame_header(const FrameHeader& header, std::span<std::uint8_t, kFrameHeaderSize> out);
// Reads the fixed fields of a header; the caller has checked the magic and has at least
// kFrameHeaderSize bytes. Validation (version, sizes, geometry) is the reader's job.
FrameHeader decode_frame_header(std::span<const std::uint8_t> bytes);
bool starts_with_magic(std::span<const std::uint8_t> bytes);

// Bytes of a whole frame on the wire: header + payload + CRC.
std::size_t frame_wire_size(const PlateGeometry& geometry, SampleFormat format);

// A whole frame as a plate sends it, from raw samples already in the wire format.
std::vector<std::uint8_t> encode_frame(FrameHeader header, std::span<const std::uint8_t> samples);
// The same from u16 counts (format Counts16), as firmware would send them.
std::vector<std::uint8_t> encode_counts_frame(std::uint64_t sequence, std::uint64_t device_time_us,
                                              const PlateGeometry& geometry, std::span<const std::uint16_t> counts);

// CRC-32/ISO-HDLC (IEEE 802.3, as zlib's crc32): reflected polynomial 0xEDB88320, initial value
// and final xor 0xFFFFFFFF. `crc32_update` continues a running CRC started with crc32_begin().
std::uint32_t crc32(std::span<const std::uint8_t> bytes);
constexpr std::uint32_t crc32_begin() { return 0xFFFFFFFFu; }
std::uint32_t crc32_update(std::uint32_t running, std::span<const std::uint8_t> bytes);
constexpr std::uint32_t crc32_end(std::uint32_t running) { return running ^ 0xFFFFFFFFu; }

// --- Control payloads.
struct Identity {
    std::uint8_t protocol_major = kProtocolMajor;
    std::uint8_t protocol_minor = kProtocolMinor;
    std::string serial;            // printable ASCII, at most 31 characters
    std::string firmware_version;  // printable ASCII, at most 27 characters
    bool operator==(const Identity&) const = default;
};
std::vector<std::uint8_t> encode_identity(const Identity& identity);
// Throws FileFormatError(Corrupt) when the reply is too short or its length field disagrees.
Identity decode_identity(std::span<const std::uint8_t> reply);

struct Geometry {
    std::uint16_t rows = 0;
    std::uint16_t cols = 0;
    std::uint32_t pitch_x_um = 0;
    std::uint32_t pitch_y_um = 0;
    std::uint32_t sensor_area_um2 = 0;
    std::uint8_t adc_bits = 0;
    SampleFormat format = SampleFormat::Counts16;
    std::uint32_t max_rate_mhz = 0;  // millihertz, so 2000 Hz is 2,000,000
    std::uint32_t rate_mhz = 0;      // the rate it runs at now
    bool operator==(const Geometry&) const = default;

    PlateGeometry plate_geometry() const;
    static Geometry from(const PlateGeometry& geometry, int adc_bits, SampleFormat format, double max_rate_hz,
                         double rate_hz);
};
std::vector<std::uint8_t> encode_geometry(const Geometry& geometry);
Geometry decode_geometry(std::span<const std::uint8_t> reply);

std::uint32_t rate_to_mhz(double rate_hz);
double rate_from_mhz(std::uint32_t rate_mhz);
std::vector<std::uint8_t> encode_rate(double rate_hz);  // the SET_RATE payload
double decode_rate(std::span<const std::uint8_t> payload);

// The calibration blob read through GET_CALIBRATION pages: a 16-byte header (format version u16,
// point count u16, gain count u32, blob length u32, CRC-32 of the bytes after the header u32),
// then the points (f64 counts, f64 kPa), then the per-sensor gains (f32).
constexpr std::uint16_t kCalibrationFormatVersion = 1;
std::vector<std::uint8_t> encode_calibration(const Calibration& calibration);
// The blob length a first page announces (at least its header), or nothing if it is too short.
std::optional<std::uint32_t> calibration_blob_length(std::span<const std::uint8_t> first_page);
// Throws FileFormatError(Corrupt) for a damaged blob and InvalidArgument (from Calibration) for
// a curve that is not monotonic.
Calibration decode_calibration(std::span<const std::uint8_t> blob);

}  // namespace plantar::usb::protocol
