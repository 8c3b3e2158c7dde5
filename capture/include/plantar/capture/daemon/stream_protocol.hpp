// The frame stream between plantard and its clients (docs/stream-protocol.md is the contract):
// a client asks for "the newest frame after sequence S", the daemon answers as soon as one
// exists. Every number is little-endian; the layouts below are byte-exact and versioned.
#pragma once

#include <array>
#include <cstddef>
#include <cstdint>
#include <optional>
#include <span>

#include "plantar/capture/errors.hpp"
#include "plantar/capture/frame.hpp"
#include "plantar/capture/live_source.hpp"

namespace plantar::daemon {

inline constexpr std::uint16_t kStreamProtocolVersion = 1;
inline constexpr std::size_t kFrameRequestBytes = 24;
inline constexpr std::size_t kStreamHeaderBytes = 96;
inline constexpr std::array<char, 4> kFrameRequestMagic{'P', 'L', 'S', 'Q'};
inline constexpr std::array<char, 4> kStreamHeaderMagic{'P', 'L', 'S', 'F'};

// A stream message that cannot be understood (wrong size, magic or version).
struct StreamProtocolError : Error {
    using Error::Error;
};

// How a client wants its frames.
enum class StreamMode : std::uint16_t {
    // "The newest frame after index I": a viewer drawing at 60 Hz always shows the newest frame,
    // and everything in between counts as skipped.
    Newest = 1,
    // "The next frame after index I", from the daemon's backlog of recent frames: a client that
    // keeps up on average gets every frame even when it stalls for a moment; one that falls
    // further behind than the backlog skips to the oldest frame still held (counted as skipped).
    InOrder = 2,
};

// Client -> daemon: a frame request. The stream index is the daemon's own count of published
// frames (0, 1, 2, ... for its whole life), so a plate that restarts its sequence numbers, or a
// gap in them, never confuses the skip count. Without an index: the newest frame now (or the
// next one if none was published yet), whatever the mode.
struct FrameRequest {
    std::optional<std::uint64_t> after_stream_index;
    StreamMode mode = StreamMode::Newest;
    bool operator==(const FrameRequest&) const = default;
};

enum class StreamMessageKind : std::uint16_t {
    Frame = 1,   // header + pressure grid
    Notice = 2,  // header only: the device state changed, or no frame came for a while
    Error = 3,   // header + UTF-8 text: the request was not understood
};

// Daemon -> client: the first part of every reply.
struct StreamHeader {
    StreamMessageKind kind = StreamMessageKind::Frame;
    std::uint64_t sequence = 0;      // the source's sequence number of the frame (Notice: of the newest)
    std::uint64_t stream_index = 0;  // the daemon's index of the frame (Notice: of the newest)
    std::int64_t device_time_us = 0;
    std::int64_t host_time_ns = 0;     // steady clock when the daemon received the frame
    std::int64_t publish_time_ns = 0;  // steady clock when the daemon sent this message
    PlateGeometry geometry;            // rows/cols 0 while no plate is known
    std::uint64_t skipped = 0;         // frames after the requested index that this client never got
    DeviceState device_state = DeviceState::Searching;
    bool has_frame = false;           // the daemon has published at least one frame (indexes valid)
    std::uint32_t payload_bytes = 0;  // size of the second part (rows * cols * 4 for a frame)
};

std::array<std::byte, kFrameRequestBytes> encode_request(const FrameRequest& request);
FrameRequest decode_request(std::span<const std::byte> bytes);  // throws StreamProtocolError

std::array<std::byte, kStreamHeaderBytes> encode_header(const StreamHeader& header);
StreamHeader decode_header(std::span<const std::byte> bytes);  // throws StreamProtocolError

// The pressure grid as float32 little-endian. `out` must hold 4 bytes per value.
void encode_pressure(std::span<const float> kpa, std::span<std::byte> out);
// The inverse; throws StreamProtocolError when the sizes do not match.
void decode_pressure(std::span<const std::byte> bytes, std::span<float> kpa);

// Builds a Frame from a Frame message's two parts (throws StreamProtocolError when they disagree).
Frame frame_from_message(const StreamHeader& header, std::span<const std::byte> payload);

std::uint8_t device_state_code(DeviceState state);
DeviceState device_state_from_code(std::uint8_t code);  // throws StreamProtocolError

}  // namespace plantar::daemon
