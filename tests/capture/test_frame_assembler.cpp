// The frame assembler turns the plate's byte stream, cut anywhere, into bit-exact frames, and
// counts every kind of damage docs/usb-protocol.md names.
#include <doctest/doctest.h>

#include <bit>
#include <cstdint>
#include <vector>

#include "plantar/capture/calibration.hpp"
#include "plantar/capture/usb/frame_assembler.hpp"
#include "plantar/capture/usb/plate_protocol.hpp"

using namespace plantar;
using namespace plantar::usb;
using Bytes = std::vector<std::uint8_t>;

namespace {

const PlateGeometry kPlate{2, 3, 10.0, 10.0, 100.0};
const Calibration kCalibration({{0, 0}, {1000, 200}, {4095, 1200}}, {1.0f, 0.5f, 2.0f, 1.0f, 1.25f, 0.75f});

std::vector<std::uint16_t> counts_of(std::uint64_t sequence) {
    std::vector<std::uint16_t> counts(kPlate.sensor_count());
    for (std::size_t i = 0; i < counts.size(); ++i) counts[i] = static_cast<std::uint16_t>((sequence * 97 + i * 613) % 4096);
    return counts;
}

Bytes wire(std::uint64_t sequence) {
    return protocol::encode_counts_frame(sequence, sequence * 500, kPlate, counts_of(sequence));
}

Frame expected(std::uint64_t sequence, std::int64_t host_time_ns = 7) {
    Frame frame(kPlate);
    frame.sequence = sequence;
    frame.device_time_us = static_cast<std::int64_t>(sequence * 500);
    frame.host_time_ns = host_time_ns;
    auto counts = counts_of(sequence);
    kCalibration.apply(counts, frame.pressure_kpa);
    return frame;
}

Bytes join(std::initializer_list<Bytes> parts) {
    Bytes all;
    for (const auto& part : parts) all.insert(all.end(), part.begin(), part.end());
    return all;
}

struct Fed {
    std::vector<Frame> frames;
    AssemblerCounters counters;
};

Fed feed_all(const Bytes& stream, std::size_t chunk = 0) {
    FrameAssembler assembler(kPlate, protocol::SampleFormat::Counts16, kCalibration);
    Fed fed;
    if (chunk == 0) chunk = stream.size();
    for (std::size_t at = 0; at < stream.size(); at += chunk) {
        const std::size_t n = std::min(chunk, stream.size() - at);
        assembler.feed(std::span<const std::uint8_t>(stream).subspan(at, n), 7, fed.frames);
    }
    fed.counters = assembler.counters();
    return fed;
}

void check_sequences(const std::vector<Frame>& frames, std::vector<std::uint64_t> sequences) {
    REQUIRE(frames.size() == sequences.size());
    for (std::size_t i = 0; i < frames.size(); ++i) CHECK(frames[i] == expected(sequences[i]));
}

}  // namespace

TEST_CASE("frames split across transfers at every byte boundary come out whole and bit-exact") {
    const Bytes stream = join({wire(0), wire(1), wire(2)});
    for (std::size_t first = 0; first <= stream.size(); ++first)
        for (std::size_t second = first; second <= stream.size(); second += 7) {
            FrameAssembler assembler(kPlate, protocol::SampleFormat::Counts16, kCalibration);
            std::vector<Frame> frames;
            const std::span<const std::uint8_t> all(stream);
            assembler.feed(all.first(first), 7, frames);
            assembler.feed(all.subspan(first, second - first), 7, frames);
            assembler.feed(all.subspan(second), 7, frames);
            REQUIRE(frames.size() == 3);
            CHECK(frames[1] == expected(1));
            CHECK(assembler.counters() == AssemblerCounters{.frames = 3});
            CHECK(assembler.pending_bytes() == 0);
        }
}

TEST_CASE("a stream fed one byte at a time gives the same frames") {
    auto fed = feed_all(join({wire(0), wire(1), wire(2)}), 1);
    check_sequences(fed.frames, {0, 1, 2});
    CHECK(fed.counters == AssemblerCounters{.frames = 3});
}

TEST_CASE("many frames in one transfer are all delivered in order") {
    Bytes stream;
    for (std::uint64_t s = 0; s < 200; ++s) stream = join({stream, wire(s)});
    auto fed = feed_all(stream);
    REQUIRE(fed.frames.size() == 200);
    for (std::uint64_t s = 0; s < 200; ++s) CHECK(fed.frames[s] == expected(s));
    CHECK(fed.counters == AssemblerCounters{.frames = 200});
}

TEST_CASE("a truncated frame is dropped as a bad CRC and the good frame after it is kept") {
    Bytes cut = wire(1);
    cut.resize(cut.size() - 5);  // the plate lost the end of frame 1
    auto fed = feed_all(join({wire(0), cut, wire(2)}), 16);
    check_sequences(fed.frames, {0, 2});
    CHECK(fed.counters == AssemblerCounters{.frames = 2, .bad_crc = 1, .sequence_gaps = 1, .frames_missed = 1,
                                            .resyncs = 1, .bytes_skipped = cut.size()});
}

TEST_CASE("a duplicated frame is delivered once and counted") {
    auto fed = feed_all(join({wire(0), wire(1), wire(1), wire(2)}), 10);
    check_sequences(fed.frames, {0, 1, 2});
    CHECK(fed.counters == AssemblerCounters{.frames = 3, .duplicates = 1});
}

TEST_CASE("a frame with a bad CRC is dropped, counted, and the stream resynchronises") {
    Bytes damaged = wire(1);
    damaged[40] ^= 0x01;  // one bit of a sample
    auto fed = feed_all(join({wire(0), damaged, wire(2)}));
    check_sequences(fed.frames, {0, 2});
    CHECK(fed.counters == AssemblerCounters{.frames = 2, .bad_crc = 1, .sequence_gaps = 1, .frames_missed = 1,
                                            .resyncs = 1, .bytes_skipped = damaged.size()});
}

TEST_CASE("a damaged CRC field is as bad as damaged samples") {
    Bytes damaged = wire(1);
    damaged.back() ^= 0x80;
    auto fed = feed_all(join({wire(0), damaged, wire(2)}), 5);
    check_sequences(fed.frames, {0, 2});
    CHECK(fed.counters.bad_crc == 1);
}

TEST_CASE("a frame with a wrong magic is skipped as garbage until the next magic") {
    Bytes damaged = wire(1);
    damaged[0] = 'Q';
    auto fed = feed_all(join({wire(0), damaged, wire(2)}), 13);
    check_sequences(fed.frames, {0, 2});
    CHECK(fed.counters == AssemblerCounters{.frames = 2, .sequence_gaps = 1, .frames_missed = 1, .resyncs = 1,
                                            .bytes_skipped = damaged.size()});
}

TEST_CASE("garbage before and between frames is skipped, with one resync per run") {
    const Bytes before(100, 0xA5);
    const Bytes between = {'P', 'L', 'F', 0x00, 'P', 'L', 0x11, 0x22, 'P'};  // near-magics
    for (std::size_t chunk : {1, 3, 64, 0}) {
        auto fed = feed_all(join({before, wire(0), between, wire(1), wire(2)}), chunk);
        check_sequences(fed.frames, {0, 1, 2});
        CHECK(fed.counters == AssemblerCounters{.frames = 3, .resyncs = 2,
                                                .bytes_skipped = before.size() + between.size()});
    }
}

TEST_CASE("a sequence gap is counted with the frames it skipped, and the stream goes on") {
    auto fed = feed_all(join({wire(0), wire(1), wire(5), wire(6), wire(9)}));
    check_sequences(fed.frames, {0, 1, 5, 6, 9});
    CHECK(fed.counters == AssemblerCounters{.frames = 5, .sequence_gaps = 2, .frames_missed = 5});
}

TEST_CASE("a sequence that goes backwards is a restart: counted and kept") {
    auto fed = feed_all(join({wire(7), wire(8), wire(0), wire(1)}));
    check_sequences(fed.frames, {7, 8, 0, 1});
    CHECK(fed.counters == AssemblerCounters{.frames = 4, .sequence_restarts = 1});
}

TEST_CASE("a frame of another plate size is counted as wrong size and skipped") {
    const PlateGeometry other{3, 2, 10.0, 10.0, 100.0};
    const Bytes foreign = protocol::encode_counts_frame(1, 500, other, counts_of(1));
    auto fed = feed_all(join({wire(0), foreign, wire(2)}));
    check_sequences(fed.frames, {0, 2});
    CHECK(fed.counters == AssemblerCounters{.frames = 2, .wrong_size = 1, .sequence_gaps = 1, .frames_missed = 1,
                                            .resyncs = 1, .bytes_skipped = foreign.size()});
}

TEST_CASE("a header of an unknown protocol version is counted as a bad header and skipped") {
    Bytes newer = wire(1);
    newer[4] = 2;
    auto fed = feed_all(join({wire(0), newer, wire(2)}));
    check_sequences(fed.frames, {0, 2});
    CHECK(fed.counters.bad_header == 1);
    CHECK(fed.counters.bytes_skipped == newer.size());
}

TEST_CASE("a longer header (a newer minor version) is honoured through header_size") {
    Bytes longer = wire(1);
    longer[5] = 36;  // four bytes of future header fields
    longer.insert(longer.begin() + 32, {9, 9, 9, 9});
    const std::size_t covered = longer.size() - 4;
    const auto crc = protocol::crc32(std::span<const std::uint8_t>(longer).first(covered));
    for (int i = 0; i < 4; ++i) longer[covered + static_cast<std::size_t>(i)] = static_cast<std::uint8_t>(crc >> (8 * i));
    auto fed = feed_all(join({wire(0), longer, wire(2)}));
    check_sequences(fed.frames, {0, 1, 2});
}

TEST_CASE("float kPa samples are taken as sent") {
    const std::vector<float> kpa = {0.0f, 1.5f, 12.25f, 1199.0f, 3.0e-3f, 480.125f};
    std::vector<std::uint8_t> samples(kpa.size() * 4);
    for (std::size_t i = 0; i < kpa.size(); ++i) {
        const auto bits = std::bit_cast<std::uint32_t>(kpa[i]);
        for (int b = 0; b < 4; ++b) samples[4 * i + static_cast<std::size_t>(b)] = static_cast<std::uint8_t>(bits >> (8 * b));
    }
    protocol::FrameHeader header;
    header.format = protocol::SampleFormat::Float32Kpa;
    header.sequence = 3;
    header.rows = 2;
    header.cols = 3;
    FrameAssembler assembler(kPlate, protocol::SampleFormat::Float32Kpa, kCalibration);
    std::vector<Frame> frames;
    assembler.feed(protocol::encode_frame(header, samples), 1, frames);
    REQUIRE(frames.size() == 1);
    CHECK(frames[0].pressure_kpa == kpa);
}
