#include "plantar/capture/usb/plate_protocol.hpp"

#include <algorithm>
#include <array>
#include <bit>
#include <cmath>
#include <cstring>

#include "plantar/capture/errors.hpp"

namespace plantar::usb::protocol {

namespace {

// Little-endian stores and loads, byte by byte, so the code is right on any host.
void put_u16(std::uint8_t* out, std::uint16_t value) {
    out[0] = static_cast<std::uint8_t>(value);
    out[1] = static_cast<std::uint8_t>(value >> 8);
}
void put_u32(std::uint8_t* out, std::uint32_t value) {
    for (int i = 0; i < 4; ++i) out[i] = static_cast<std::uint8_t>(value >> (8 * i));
}
void put_u64(std::uint8_t* out, std::uint64_t value) {
    for (int i = 0; i < 8; ++i) out[i] = static_cast<std::uint8_t>(value >> (8 * i));
}
std::uint16_t get_u16(const std::uint8_t* in) { return static_cast<std::uint16_t>(in[0] | (in[1] << 8)); }
std::uint32_t get_u32(const std::uint8_t* in) {
    std::uint32_t value = 0;
    for (int i = 3; i >= 0; --i) value = (value << 8) | in[i];
    return value;
}
std::uint64_t get_u64(const std::uint8_t* in) {
    std::uint64_t value = 0;
    for (int i = 7; i >= 0; --i) value = (value << 8) | in[i];
    return value;
}

void put_text(std::uint8_t* out, std::size_t field_size, const std::string& text) {
    std::memset(out, 0, field_size);
    std::memcpy(out, text.data(), std::min(text.size(), field_size - 1));  // always NUL-terminated
}
std::string get_text(const std::uint8_t* in, std::size_t field_size) {
    std::string text;
    for (std::size_t i = 0; i < field_size && in[i] != 0; ++i)
        text.push_back(in[i] >= 0x20 && in[i] < 0x7F ? static_cast<char>(in[i]) : '?');
    return text;
}

[[noreturn]] void corrupt(const std::string& what) {
    throw FileFormatError(FileFormatError::Kind::Corrupt, "plate reply: " + what);
}

constexpr std::array<std::uint32_t, 256> make_crc_table() {
    std::array<std::uint32_t, 256> table{};
    for (std::uint32_t i = 0; i < 256; ++i) {
        std::uint32_t c = i;
        for (int bit = 0; bit < 8; ++bit) c = (c & 1u) ? 0xEDB88320u ^ (c >> 1) : c >> 1;
        table[i] = c;
    }
    return table;
}
constexpr auto kCrcTable = make_crc_table();

}  // namespace

std::string to_string(Request request) {
    switch (request) {
        case Request::GetIdentity: return "GET_IDENTITY";
        case Request::GetGeometry: return "GET_GEOMETRY";
        case Request::GetCalibration: return "GET_CALIBRATION";
        case Request::SetRate: return "SET_RATE";
        case Request::Start: return "START";
        case Request::Stop: return "STOP";
    }
    return "request " + std::to_string(static_cast<int>(request));
}

std::size_t sample_size(SampleFormat format) {
    switch (format) {
        case SampleFormat::Counts16: return 2;
        case SampleFormat::Counts8: return 1;
        case SampleFormat::Float32Kpa: return 4;
    }
    return 0;
}

bool is_known(SampleFormat format) { return sample_size(format) != 0; }

std::string to_string(SampleFormat format) {
    switch (format) {
        case SampleFormat::Counts16: return "u16 counts";
        case SampleFormat::Counts8: return "u8 counts";
        case SampleFormat::Float32Kpa: return "f32 kPa";
    }
    return "unknown sample format " + std::to_string(static_cast<int>(format));
}

std::uint32_t crc32_update(std::uint32_t running, std::span<const std::uint8_t> bytes) {
    for (std::uint8_t byte : bytes) running = kCrcTable[(running ^ byte) & 0xFFu] ^ (running >> 8);
    return running;
}

std::uint32_t crc32(std::span<const std::uint8_t> bytes) { return crc32_end(crc32_update(crc32_begin(), bytes)); }

bool starts_with_magic(std::span<const std::uint8_t> bytes) {
    return bytes.size() >= 4 && std::equal(bytes.begin(), bytes.begin() + 4, std::begin(kFrameMagic));
}

void encode_frame_header(const FrameHeader& header, std::span<std::uint8_t, kFrameHeaderSize> out) {
    std::uint8_t* p = out.data();
    std::memcpy(p, kFrameMagic, 4);
    p[4] = header.protocol_major;
    p[5] = header.header_size;
    p[6] = static_cast<std::uint8_t>(header.format);
    p[7] = header.flags;
    put_u64(p + 8, header.sequence);
    put_u64(p + 16, header.device_time_us);
    put_u16(p + 24, header.rows);
    put_u16(p + 26, header.cols);
    put_u32(p + 28, header.payload_length);
}

FrameHeader decode_frame_header(std::span<const std::uint8_t> bytes) {
    if (bytes.size() < kFrameHeaderSize) throw InvalidArgument("a frame header needs 32 bytes");
    const std::uint8_t* p = bytes.data();
    FrameHeader header;
    header.protocol_major = p[4];
    header.header_size = p[5];
    header.format = static_cast<SampleFormat>(p[6]);
    header.flags = p[7];
    header.sequence = get_u64(p + 8);
    header.device_time_us = get_u64(p + 16);
    header.rows = get_u16(p + 24);
    header.cols = get_u16(p + 26);
    header.payload_length = get_u32(p + 28);
    return header;
}

std::size_t frame_wire_size(const PlateGeometry& geometry, SampleFormat format) {
    return kFrameHeaderSize + geometry.sensor_count() * sample_size(format) + kFrameCrcSize;
}

std::vector<std::uint8_t> encode_frame(FrameHeader header, std::span<const std::uint8_t> samples) {
    header.header_size = kFrameHeaderSize;
    header.payload_length = static_cast<std::uint32_t>(samples.size());
    std::vector<std::uint8_t> wire(kFrameHeaderSize + samples.size() + kFrameCrcSize);
    encode_frame_header(header, std::span<std::uint8_t, kFrameHeaderSize>(wire.data(), kFrameHeaderSize));
    std::copy(samples.begin(), samples.end(), wire.begin() + kFrameHeaderSize);
    const std::size_t covered = kFrameHeaderSize + samples.size();
    put_u32(wire.data() + covered, crc32(std::span<const std::uint8_t>(wire.data(), covered)));
    return wire;
}

std::vector<std::uint8_t> encode_counts_frame(std::uint64_t sequence, std::uint64_t device_time_us,
                                              const PlateGeometry& geometry, std::span<const std::uint16_t> counts) {
    if (counts.size() != geometry.sensor_count())
        throw InvalidArgument("a frame needs " + std::to_string(geometry.sensor_count()) + " samples, got " +
                              std::to_string(counts.size()));
    std::vector<std::uint8_t> samples(counts.size() * 2);
    for (std::size_t i = 0; i < counts.size(); ++i) put_u16(samples.data() + 2 * i, counts[i]);
    FrameHeader header;
    header.format = SampleFormat::Counts16;
    header.sequence = sequence;
    header.device_time_us = device_time_us;
    header.rows = static_cast<std::uint16_t>(geometry.rows);
    header.cols = static_cast<std::uint16_t>(geometry.cols);
    return encode_frame(header, samples);
}

std::vector<std::uint8_t> encode_identity(const Identity& identity) {
    std::vector<std::uint8_t> out(kIdentitySize, 0);
    out[0] = identity.protocol_major;
    out[1] = identity.protocol_minor;
    put_u16(out.data() + 2, static_cast<std::uint16_t>(kIdentitySize));
    put_text(out.data() + 4, kSerialFieldSize, identity.serial);
    put_text(out.data() + 4 + kSerialFieldSize, kFirmwareFieldSize, identity.firmware_version);
    return out;
}

Identity decode_identity(std::span<const std::uint8_t> reply) {
    if (reply.size() < kIdentitySize)
        corrupt("GET_IDENTITY answered " + std::to_string(reply.size()) + " bytes, expected 64");
    if (get_u16(reply.data() + 2) < kIdentitySize) corrupt("GET_IDENTITY length field is below 64");
    Identity identity;
    identity.protocol_major = reply[0];
    identity.protocol_minor = reply[1];
    identity.serial = get_text(reply.data() + 4, kSerialFieldSize);
    identity.firmware_version = get_text(reply.data() + 4 + kSerialFieldSize, kFirmwareFieldSize);
    return identity;
}

PlateGeometry Geometry::plate_geometry() const {
    return PlateGeometry{rows, cols, pitch_x_um / 1000.0, pitch_y_um / 1000.0, sensor_area_um2 / 1e6};
}

Geometry Geometry::from(const PlateGeometry& geometry, int adc_bits_, SampleFormat format_, double max_rate_hz,
                        double rate_hz) {
    Geometry g;
    g.rows = static_cast<std::uint16_t>(geometry.rows);
    g.cols = static_cast<std::uint16_t>(geometry.cols);
    g.pitch_x_um = static_cast<std::uint32_t>(std::lround(geometry.pitch_x_mm * 1000.0));
    g.pitch_y_um = static_cast<std::uint32_t>(std::lround(geometry.pitch_y_mm * 1000.0));
    g.sensor_area_um2 = static_cast<std::uint32_t>(std::llround(geometry.sensor_area_mm2 * 1e6));
    g.adc_bits = static_cast<std::uint8_t>(adc_bits_);
    g.format = format_;
    g.max_rate_mhz = rate_to_mhz(max_rate_hz);
    g.rate_mhz = rate_to_mhz(rate_hz);
    return g;
}

std::vector<std::uint8_t> encode_geometry(const Geometry& g) {
    std::vector<std::uint8_t> out(kGeometrySize, 0);
    std::uint8_t* p = out.data();
    put_u16(p + 0, g.rows);
    put_u16(p + 2, g.cols);
    put_u32(p + 4, g.pitch_x_um);
    put_u32(p + 8, g.pitch_y_um);
    put_u32(p + 12, g.sensor_area_um2);
    p[16] = g.adc_bits;
    p[17] = static_cast<std::uint8_t>(g.format);
    // bytes 18-19 reserved (0)
    put_u32(p + 20, g.max_rate_mhz);
    put_u32(p + 24, g.rate_mhz);
    // bytes 28-31 reserved (0)
    return out;
}

Geometry decode_geometry(std::span<const std::uint8_t> reply) {
    if (reply.size() < kGeometrySize)
        corrupt("GET_GEOMETRY answered " + std::to_string(reply.size()) + " bytes, expected 32");
    const std::uint8_t* p = reply.data();
    Geometry g;
    g.rows = get_u16(p + 0);
    g.cols = get_u16(p + 2);
    g.pitch_x_um = get_u32(p + 4);
    g.pitch_y_um = get_u32(p + 8);
    g.sensor_area_um2 = get_u32(p + 12);
    g.adc_bits = p[16];
    g.format = static_cast<SampleFormat>(p[17]);
    g.max_rate_mhz = get_u32(p + 20);
    g.rate_mhz = get_u32(p + 24);
    return g;
}

std::uint32_t rate_to_mhz(double rate_hz) {
    if (!(rate_hz >= 0.0) || rate_hz > 4.0e6) throw InvalidArgument("a frame rate must be 0 .. 4,000,000 Hz");
    return static_cast<std::uint32_t>(std::llround(rate_hz * 1000.0));
}

double rate_from_mhz(std::uint32_t rate_mhz) { return rate_mhz / 1000.0; }

std::vector<std::uint8_t> encode_rate(double rate_hz) {
    std::vector<std::uint8_t> out(4);
    put_u32(out.data(), rate_to_mhz(rate_hz));
    return out;
}

double decode_rate(std::span<const std::uint8_t> payload) {
    if (payload.size() != 4) corrupt("SET_RATE payload must be 4 bytes");
    return rate_from_mhz(get_u32(payload.data()));
}

std::vector<std::uint8_t> encode_calibration(const Calibration& calibration) {
    const auto& curve = calibration.curve();
    const auto& gains = calibration.sensor_gain();
    const std::size_t length = kCalibrationHeaderSize + curve.size() * 16 + gains.size() * 4;
    std::vector<std::uint8_t> blob(length, 0);
    put_u16(blob.data(), kCalibrationFormatVersion);
    put_u16(blob.data() + 2, static_cast<std::uint16_t>(curve.size()));
    put_u32(blob.data() + 4, static_cast<std::uint32_t>(gains.size()));
    put_u32(blob.data() + 8, static_cast<std::uint32_t>(length));
    std::uint8_t* p = blob.data() + kCalibrationHeaderSize;
    for (const auto& point : curve) {
        put_u64(p, std::bit_cast<std::uint64_t>(point.counts));
        put_u64(p + 8, std::bit_cast<std::uint64_t>(point.kpa));
        p += 16;
    }
    for (float gain : gains) {
        put_u32(p, std::bit_cast<std::uint32_t>(gain));
        p += 4;
    }
    put_u32(blob.data() + 12, crc32(std::span<const std::uint8_t>(blob).subspan(kCalibrationHeaderSize)));
    return blob;
}

std::optional<std::uint32_t> calibration_blob_length(std::span<const std::uint8_t> first_page) {
    if (first_page.size() < kCalibrationHeaderSize) return std::nullopt;
    const std::uint32_t length = get_u32(first_page.data() + 8);
    if (length < kCalibrationHeaderSize) return std::nullopt;
    return length;
}

Calibration decode_calibration(std::span<const std::uint8_t> blob) {
    if (blob.size() < kCalibrationHeaderSize) corrupt("calibration shorter than its 16-byte header");
    const std::uint8_t* p = blob.data();
    if (get_u16(p) != kCalibrationFormatVersion)
        corrupt("calibration format " + std::to_string(get_u16(p)) + " is not one this version reads (1)");
    const std::size_t points = get_u16(p + 2);
    const std::size_t gains = get_u32(p + 4);
    const std::size_t length = get_u32(p + 8);
    if (length != blob.size() || length != kCalibrationHeaderSize + points * 16 + gains * 4)
        corrupt("calibration length " + std::to_string(length) + " disagrees with its contents");
    if (get_u32(p + 12) != crc32(blob.subspan(kCalibrationHeaderSize))) corrupt("calibration CRC-32 mismatch");
    std::vector<CalibrationPoint> curve(points);
    const std::uint8_t* q = p + kCalibrationHeaderSize;
    for (auto& point : curve) {
        point.counts = std::bit_cast<double>(get_u64(q));
        point.kpa = std::bit_cast<double>(get_u64(q + 8));
        q += 16;
    }
    std::vector<float> gain(gains);
    for (auto& g : gain) {
        g = std::bit_cast<float>(get_u32(q));
        q += 4;
    }
    return Calibration(std::move(curve), std::move(gain));
}

}  // namespace plantar::usb::protocol
