// The protocol's byte layouts are the published contract (docs/usb-protocol.md): these tests pin
// them, including the example frame printed in the document.
#include <doctest/doctest.h>

#include <cstdint>
#include <cstdio>
#include <string>
#include <vector>

#include "plantar/capture/errors.hpp"
#include "plantar/capture/usb/plate_protocol.hpp"

using namespace plantar;
using namespace plantar::usb;

namespace {

std::string hex(const std::vector<std::uint8_t>& bytes) {
    std::string text;
    char digits[4];
    for (std::size_t i = 0; i < bytes.size(); ++i) {
        std::snprintf(digits, sizeof digits, "%02x", bytes[i]);
        text += (i == 0 ? "" : " ");
        text += digits;
    }
    return text;
}

}  // namespace

TEST_CASE("CRC-32 is the IEEE one (the check value of '123456789' is cbf43926)") {
    const std::string check = "123456789";
    const std::vector<std::uint8_t> bytes(check.begin(), check.end());
    CHECK(protocol::crc32(bytes) == 0xCBF43926u);
    auto running = protocol::crc32_update(protocol::crc32_begin(), std::span<const std::uint8_t>(bytes).first(4));
    running = protocol::crc32_update(running, std::span<const std::uint8_t>(bytes).subspan(4));
    CHECK(protocol::crc32_end(running) == 0xCBF43926u);
}

TEST_CASE("the example frame of docs/usb-protocol.md is byte for byte what the encoder writes") {
    const PlateGeometry plate{2, 3, 10.0, 10.0, 100.0};
    const std::vector<std::uint16_t> counts = {0, 100, 2000, 4095, 1, 258};
    const auto frame = protocol::encode_counts_frame(1, 2000, plate, counts);
    CHECK(frame.size() == 48);
    CHECK(hex(frame) ==
          "50 4c 46 52 01 20 01 00 01 00 00 00 00 00 00 00 d0 07 00 00 00 00 00 00 02 00 03 00 0c 00 00 00 "
          "00 00 64 00 d0 07 ff 0f 01 00 02 01 60 3b fb e5");
    const auto header = protocol::decode_frame_header(frame);
    CHECK(header.sequence == 1);
    CHECK(header.device_time_us == 2000);
    CHECK(header.rows == 2);
    CHECK(header.cols == 3);
    CHECK(header.payload_length == 12);
}

TEST_CASE("identity, geometry and rate payloads round-trip") {
    protocol::Identity identity{1, 0, "PLT-0042", "1.2.3"};
    const auto id_bytes = protocol::encode_identity(identity);
    CHECK(id_bytes.size() == protocol::kIdentitySize);
    CHECK(protocol::decode_identity(id_bytes) == identity);
    CHECK_THROWS_AS(protocol::decode_identity(std::vector<std::uint8_t>(10)), FileFormatError);

    auto geometry = protocol::Geometry::from(PlateGeometry::walkway(), 12, protocol::SampleFormat::Counts16, 2000, 100);
    const auto geo_bytes = protocol::encode_geometry(geometry);
    CHECK(geo_bytes.size() == protocol::kGeometrySize);
    CHECK(protocol::decode_geometry(geo_bytes) == geometry);
    CHECK(geometry.pitch_x_um == 7800);
    CHECK(geometry.max_rate_mhz == 2'000'000);
    CHECK(geometry.plate_geometry().rows == 256);
    CHECK(geometry.plate_geometry().pitch_y_mm == 7.8);
    CHECK(geometry.plate_geometry().sensor_area_mm2 == doctest::Approx(60.84));

    CHECK(protocol::decode_rate(protocol::encode_rate(333.5)) == 333.5);
}

TEST_CASE("a calibration round-trips bit for bit, gains included, and damage is refused") {
    const Calibration calibration({{0, 0}, {255.9375, 70.1}, {4095, 1200}}, {1.0f, 0.5f, 2.0f});
    auto blob = protocol::encode_calibration(calibration);
    CHECK(blob.size() == 16 + 3 * 16 + 3 * 4);
    CHECK(protocol::calibration_blob_length(blob) == blob.size());
    CHECK(protocol::decode_calibration(blob) == calibration);
    blob[20] ^= 1;
    CHECK_THROWS_AS(protocol::decode_calibration(blob), FileFormatError);
}
