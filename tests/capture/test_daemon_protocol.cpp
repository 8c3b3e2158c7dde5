// The stream protocol's byte layouts and the endpoint names.
#include <doctest/doctest.h>

#include <cstdlib>

#include "plantar/capture/daemon/endpoints.hpp"
#include "plantar/capture/daemon/control_protocol.hpp"
#include "plantar/capture/daemon/stream_protocol.hpp"

using namespace plantar;
using namespace plantar::daemon;

TEST_CASE("a frame header survives encoding byte for byte and little-endian at the documented offsets") {
    StreamHeader header;
    header.kind = StreamMessageKind::Frame;
    header.sequence = 0x0102030405060708ULL;
    header.stream_index = 42;
    header.device_time_us = -5;
    header.host_time_ns = 123456789;
    header.publish_time_ns = 123456999;
    header.geometry = PlateGeometry::walkway();
    header.skipped = 3;
    header.device_state = DeviceState::Lost;
    header.has_frame = true;
    header.payload_bytes = 256 * 64 * 4;
    auto bytes = encode_header(header);
    CHECK(bytes.size() == 96);
    CHECK(static_cast<char>(bytes[0]) == 'P');
    CHECK(static_cast<char>(bytes[3]) == 'F');
    CHECK(bytes[4] == std::byte{1});     // version, low byte first
    CHECK(bytes[8] == std::byte{0x08});  // sequence, least significant byte first
    CHECK(bytes[15] == std::byte{0x01});
    CHECK(bytes[48] == std::byte{0x00});  // rows = 256 = 0x0100
    CHECK(bytes[49] == std::byte{0x01});
    CHECK(bytes[88] == std::byte{2});  // lost
    auto decoded = decode_header(bytes);
    CHECK(decoded.sequence == header.sequence);
    CHECK(decoded.stream_index == 42);
    CHECK(decoded.device_time_us == -5);
    CHECK(decoded.host_time_ns == header.host_time_ns);
    CHECK(decoded.publish_time_ns == header.publish_time_ns);
    CHECK(decoded.geometry == header.geometry);
    CHECK(decoded.skipped == 3);
    CHECK(decoded.device_state == DeviceState::Lost);
    CHECK(decoded.has_frame);
    CHECK(decoded.payload_bytes == header.payload_bytes);
}

TEST_CASE("a frame request says whether it names a stream index") {
    auto first = decode_request(encode_request(FrameRequest{}));
    CHECK_FALSE(first.after_stream_index.has_value());
    auto next = decode_request(encode_request(FrameRequest{77}));
    CHECK(next.after_stream_index == 77u);
}

TEST_CASE("a frame request says whether it wants the newest frame or the next one in order") {
    auto in_order = decode_request(encode_request(FrameRequest{41, StreamMode::InOrder}));
    CHECK(in_order.mode == StreamMode::InOrder);
    CHECK(in_order.after_stream_index == 41u);
    CHECK(decode_request(encode_request(FrameRequest{41})).mode == StreamMode::Newest);
    // kind 2 at offset 6, as the table of docs/stream-protocol.md says
    auto bytes = encode_request(FrameRequest{41, StreamMode::InOrder});
    CHECK(static_cast<int>(bytes[6]) == 2);
    bytes[6] = std::byte{3};
    CHECK_THROWS_WITH_AS(decode_request(bytes), doctest::Contains("kind 3"), StreamProtocolError);
}

TEST_CASE("the status counters travel through the control channel's JSON unchanged") {
    DaemonStatus status;
    status.counters.frames_received = 10;
    status.counters.corrupt_packets = 2;
    status.counters.frames_dropped_by_source = 7;
    status.counters.frames_skipped_by_clients = 3;
    auto back = status_from_json(to_json(status));
    CHECK(back.counters.frames_received == 10);
    CHECK(back.counters.corrupt_packets == 2);
    CHECK(back.counters.frames_dropped_by_source == 7);
    CHECK(back.counters.frames_skipped_by_clients == 3);
}

TEST_CASE("messages of the wrong size or magic or version are refused with a reason") {
    auto request = encode_request(FrameRequest{1});
    CHECK_THROWS_AS(decode_request(std::span<const std::byte>(request).first(10)), StreamProtocolError);
    request[0] = std::byte{'X'};
    CHECK_THROWS_WITH_AS(decode_request(request), doctest::Contains("magic"), StreamProtocolError);
    auto header = encode_header(StreamHeader{});
    header[4] = std::byte{9};
    CHECK_THROWS_WITH_AS(decode_header(header), doctest::Contains("version 9"), StreamProtocolError);
}

TEST_CASE("a frame travels as header and float32 grid and comes back equal") {
    PlateGeometry geometry{3, 2, 5.0, 5.0, 25.0};
    Frame frame(geometry);
    frame.sequence = 9;
    frame.device_time_us = 900;
    frame.host_time_ns = 1234;
    for (std::size_t i = 0; i < frame.pressure_kpa.size(); ++i) frame.pressure_kpa[i] = 1.5f * static_cast<float>(i);
    std::vector<std::byte> payload(frame.pressure_kpa.size() * 4);
    encode_pressure(frame.pressure_kpa, payload);
    StreamHeader header;
    header.sequence = 9;
    header.device_time_us = 900;
    header.host_time_ns = 1234;
    header.geometry = geometry;
    header.payload_bytes = static_cast<std::uint32_t>(payload.size());
    CHECK(frame_from_message(decode_header(encode_header(header)), payload) == frame);
    header.payload_bytes = 4;
    CHECK_THROWS_AS(frame_from_message(header, payload), StreamProtocolError);
}

TEST_CASE("endpoints: ipc folders get control and stream sockets and tcp ports come in pairs") {
    auto ipc = resolve_endpoints("ipc:///tmp/x/");
    CHECK(ipc.control == "ipc:///tmp/x/control");
    CHECK(ipc.stream == "ipc:///tmp/x/stream");
    auto tcp = resolve_endpoints("tcp://127.0.0.1:5555");
    CHECK(tcp.control == "tcp://127.0.0.1:5555");
    CHECK(tcp.stream == "tcp://127.0.0.1:5556");
    CHECK_THROWS_AS(resolve_endpoints("tcp://127.0.0.1"), InvalidArgument);
    CHECK_THROWS_AS(resolve_endpoints("udp://x"), InvalidArgument);
    CHECK(resolve_endpoints("").control.rfind("ipc://", 0) == 0);
}

TEST_CASE("the example frame header and request of docs/stream-protocol.md are what the code sends") {
    StreamHeader header;
    header.sequence = 1234;
    header.stream_index = 1234;
    header.device_time_us = 1234000;
    header.host_time_ns = 1000000000;
    header.publish_time_ns = 1000001184;
    header.geometry = PlateGeometry{2, 2, 5.0, 5.0, 25.0};
    header.device_state = DeviceState::Streaming;
    header.has_frame = true;
    header.payload_bytes = 16;
    const unsigned char documented[96] = {
        0x50, 0x4c, 0x53, 0x46, 0x01, 0x00, 0x01, 0x00, 0xd2, 0x04, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00,
        0xd2, 0x04, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x50, 0xd4, 0x12, 0x00, 0x00, 0x00, 0x00, 0x00,
        0x00, 0xca, 0x9a, 0x3b, 0x00, 0x00, 0x00, 0x00, 0xa0, 0xce, 0x9a, 0x3b, 0x00, 0x00, 0x00, 0x00,
        0x02, 0x00, 0x00, 0x00, 0x02, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x14, 0x40,
        0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x14, 0x40, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x39, 0x40,
        0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x01, 0x01, 0x00, 0x00, 0x10, 0x00, 0x00, 0x00};
    auto bytes = encode_header(header);
    for (std::size_t i = 0; i < bytes.size(); ++i) {
        INFO("byte " << i);
        CHECK(bytes[i] == std::byte{documented[i]});
    }
    const float grid[4] = {0.0f, 12.5f, 100.0f, 0.0f};
    const unsigned char documented_grid[16] = {0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x48, 0x41,
                                               0x00, 0x00, 0xc8, 0x42, 0x00, 0x00, 0x00, 0x00};
    std::array<std::byte, 16> grid_bytes{};
    encode_pressure(grid, grid_bytes);
    for (std::size_t i = 0; i < 16; ++i) CHECK(grid_bytes[i] == std::byte{documented_grid[i]});
    const unsigned char documented_request[24] = {0x50, 0x4c, 0x53, 0x51, 0x01, 0x00, 0x01, 0x00,
                                                  0x29, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00,
                                                  0x01, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00};
    auto request = encode_request(FrameRequest{41});
    for (std::size_t i = 0; i < request.size(); ++i) CHECK(request[i] == std::byte{documented_request[i]});
}
