#include "plantar/capture/daemon/stream_protocol.hpp"

#include <algorithm>
#include <bit>
#include <cstring>
#include <string>

namespace plantar::daemon {

namespace {

// Little-endian writers and readers over a byte span; the offsets are those of
// docs/stream-protocol.md.
template <typename Unsigned>
void put_le(std::span<std::byte> out, std::size_t offset, Unsigned value) {
    for (std::size_t i = 0; i < sizeof(Unsigned); ++i)
        out[offset + i] = static_cast<std::byte>((value >> (8 * i)) & 0xFFu);
}

template <typename Unsigned>
Unsigned get_le(std::span<const std::byte> in, std::size_t offset) {
    Unsigned value = 0;
    for (std::size_t i = 0; i < sizeof(Unsigned); ++i)
        value = static_cast<Unsigned>(value | (static_cast<Unsigned>(in[offset + i]) << (8 * i)));
    return value;
}

void put_i64(std::span<std::byte> out, std::size_t offset, std::int64_t value) {
    put_le<std::uint64_t>(out, offset, static_cast<std::uint64_t>(value));
}
std::int64_t get_i64(std::span<const std::byte> in, std::size_t offset) {
    return static_cast<std::int64_t>(get_le<std::uint64_t>(in, offset));
}
void put_f64(std::span<std::byte> out, std::size_t offset, double value) {
    put_le<std::uint64_t>(out, offset, std::bit_cast<std::uint64_t>(value));
}
double get_f64(std::span<const std::byte> in, std::size_t offset) {
    return std::bit_cast<double>(get_le<std::uint64_t>(in, offset));
}

void put_magic(std::span<std::byte> out, const std::array<char, 4>& magic) {
    for (std::size_t i = 0; i < magic.size(); ++i) out[i] = static_cast<std::byte>(magic[i]);
}
bool has_magic(std::span<const std::byte> in, const std::array<char, 4>& magic) {
    for (std::size_t i = 0; i < magic.size(); ++i)
        if (in[i] != static_cast<std::byte>(magic[i])) return false;
    return true;
}

void check_version(std::uint16_t version, const char* what) {
    if (version != kStreamProtocolVersion)
        throw StreamProtocolError(std::string(what) + " uses stream protocol version " + std::to_string(version) +
                                  "; this plantar speaks version " + std::to_string(kStreamProtocolVersion) +
                                  " (update the older of plantard and its client)");
}

constexpr std::uint32_t kHasAfterIndexFlag = 1;
constexpr std::uint8_t kHasFrameFlag = 1;

}  // namespace

std::array<std::byte, kFrameRequestBytes> encode_request(const FrameRequest& request) {
    std::array<std::byte, kFrameRequestBytes> bytes{};
    put_magic(bytes, kFrameRequestMagic);
    put_le<std::uint16_t>(bytes, 4, kStreamProtocolVersion);
    put_le<std::uint16_t>(bytes, 6, static_cast<std::uint16_t>(request.mode));
    put_le<std::uint64_t>(bytes, 8, request.after_stream_index.value_or(0));
    put_le<std::uint32_t>(bytes, 16, request.after_stream_index ? kHasAfterIndexFlag : 0u);
    return bytes;
}

FrameRequest decode_request(std::span<const std::byte> bytes) {
    if (bytes.size() != kFrameRequestBytes)
        throw StreamProtocolError("a frame request has " + std::to_string(kFrameRequestBytes) + " bytes, not " +
                                  std::to_string(bytes.size()));
    if (!has_magic(bytes, kFrameRequestMagic))
        throw StreamProtocolError("not a plantar frame request (magic is not PLSQ)");
    check_version(get_le<std::uint16_t>(bytes, 4), "the request");
    auto kind = get_le<std::uint16_t>(bytes, 6);
    if (kind != static_cast<std::uint16_t>(StreamMode::Newest) && kind != static_cast<std::uint16_t>(StreamMode::InOrder))
        throw StreamProtocolError("unknown frame request kind " + std::to_string(kind) +
                                  " (1 = newest frame, 2 = next frame in order)");
    FrameRequest request;
    request.mode = static_cast<StreamMode>(kind);
    if (get_le<std::uint32_t>(bytes, 16) & kHasAfterIndexFlag)
        request.after_stream_index = get_le<std::uint64_t>(bytes, 8);
    return request;
}

std::array<std::byte, kStreamHeaderBytes> encode_header(const StreamHeader& header) {
    std::array<std::byte, kStreamHeaderBytes> bytes{};
    put_magic(bytes, kStreamHeaderMagic);
    put_le<std::uint16_t>(bytes, 4, kStreamProtocolVersion);
    put_le<std::uint16_t>(bytes, 6, static_cast<std::uint16_t>(header.kind));
    put_le<std::uint64_t>(bytes, 8, header.sequence);
    put_le<std::uint64_t>(bytes, 16, header.stream_index);
    put_i64(bytes, 24, header.device_time_us);
    put_i64(bytes, 32, header.host_time_ns);
    put_i64(bytes, 40, header.publish_time_ns);
    put_le<std::uint32_t>(bytes, 48, static_cast<std::uint32_t>(std::max(header.geometry.rows, 0)));
    put_le<std::uint32_t>(bytes, 52, static_cast<std::uint32_t>(std::max(header.geometry.cols, 0)));
    put_f64(bytes, 56, header.geometry.pitch_x_mm);
    put_f64(bytes, 64, header.geometry.pitch_y_mm);
    put_f64(bytes, 72, header.geometry.sensor_area_mm2);
    put_le<std::uint64_t>(bytes, 80, header.skipped);
    put_le<std::uint8_t>(bytes, 88, device_state_code(header.device_state));
    put_le<std::uint8_t>(bytes, 89, header.has_frame ? kHasFrameFlag : std::uint8_t{0});
    put_le<std::uint32_t>(bytes, 92, header.payload_bytes);
    return bytes;
}

StreamHeader decode_header(std::span<const std::byte> bytes) {
    if (bytes.size() != kStreamHeaderBytes)
        throw StreamProtocolError("a stream message header has " + std::to_string(kStreamHeaderBytes) + " bytes, not " +
                                  std::to_string(bytes.size()));
    if (!has_magic(bytes, kStreamHeaderMagic))
        throw StreamProtocolError(
            "not a plantar stream message (magic is not PLSF): is this a plantard stream endpoint?");
    check_version(get_le<std::uint16_t>(bytes, 4), "plantard");
    StreamHeader header;
    auto kind = get_le<std::uint16_t>(bytes, 6);
    if (kind < 1 || kind > 3) throw StreamProtocolError("unknown stream message kind " + std::to_string(kind));
    header.kind = static_cast<StreamMessageKind>(kind);
    header.sequence = get_le<std::uint64_t>(bytes, 8);
    header.stream_index = get_le<std::uint64_t>(bytes, 16);
    header.device_time_us = get_i64(bytes, 24);
    header.host_time_ns = get_i64(bytes, 32);
    header.publish_time_ns = get_i64(bytes, 40);
    header.geometry.rows = static_cast<int>(get_le<std::uint32_t>(bytes, 48));
    header.geometry.cols = static_cast<int>(get_le<std::uint32_t>(bytes, 52));
    header.geometry.pitch_x_mm = get_f64(bytes, 56);
    header.geometry.pitch_y_mm = get_f64(bytes, 64);
    header.geometry.sensor_area_mm2 = get_f64(bytes, 72);
    header.skipped = get_le<std::uint64_t>(bytes, 80);
    header.device_state = device_state_from_code(get_le<std::uint8_t>(bytes, 88));
    header.has_frame = (get_le<std::uint8_t>(bytes, 89) & kHasFrameFlag) != 0;
    header.payload_bytes = get_le<std::uint32_t>(bytes, 92);
    return header;
}

void encode_pressure(std::span<const float> kpa, std::span<std::byte> out) {
    if (out.size() != kpa.size() * sizeof(float)) throw StreamProtocolError("pressure buffer of the wrong size");
    if constexpr (std::endian::native == std::endian::little) {
        std::memcpy(out.data(), kpa.data(), out.size());
    } else {
        for (std::size_t i = 0; i < kpa.size(); ++i)
            put_le<std::uint32_t>(out, 4 * i, std::bit_cast<std::uint32_t>(kpa[i]));
    }
}

void decode_pressure(std::span<const std::byte> bytes, std::span<float> kpa) {
    if (bytes.size() != kpa.size() * sizeof(float))
        throw StreamProtocolError("a frame's pressure part has " + std::to_string(bytes.size()) + " bytes; " +
                                  std::to_string(kpa.size() * sizeof(float)) + " expected for its geometry");
    if constexpr (std::endian::native == std::endian::little) {
        std::memcpy(kpa.data(), bytes.data(), bytes.size());
    } else {
        for (std::size_t i = 0; i < kpa.size(); ++i) kpa[i] = std::bit_cast<float>(get_le<std::uint32_t>(bytes, 4 * i));
    }
}

Frame frame_from_message(const StreamHeader& header, std::span<const std::byte> payload) {
    if (header.kind != StreamMessageKind::Frame) throw StreamProtocolError("not a frame message");
    if (header.payload_bytes != payload.size())
        throw StreamProtocolError("a frame message says " + std::to_string(header.payload_bytes) +
                                  " bytes of pressure but carries " + std::to_string(payload.size()));
    Frame frame(header.geometry);
    frame.sequence = header.sequence;
    frame.device_time_us = header.device_time_us;
    frame.host_time_ns = header.host_time_ns;
    decode_pressure(payload, frame.pressure_kpa);
    return frame;
}

std::uint8_t device_state_code(DeviceState state) {
    switch (state) {
        case DeviceState::Searching:
            return 0;
        case DeviceState::Streaming:
            return 1;
        case DeviceState::Lost:
            return 2;
        case DeviceState::Ended:
            return 3;
    }
    return 0;
}

DeviceState device_state_from_code(std::uint8_t code) {
    switch (code) {
        case 0:
            return DeviceState::Searching;
        case 1:
            return DeviceState::Streaming;
        case 2:
            return DeviceState::Lost;
        case 3:
            return DeviceState::Ended;
        default:
            throw StreamProtocolError("unknown device state code " + std::to_string(code));
    }
}

}  // namespace plantar::daemon
