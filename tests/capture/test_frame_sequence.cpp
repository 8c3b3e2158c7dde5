// FrameSequence: frames in memory (SpanFrameSequence) and a stored trial read a block at a time
// through a bounded cache (SessionFrameSequence).
#include <doctest/doctest.h>

#include <thread>
#include <vector>

#include "plantar/capture/errors.hpp"
#include "plantar/capture/frame_sequence.hpp"
#include "plantar/capture/session/session_frame_sequence.hpp"
#include "session_test_support.hpp"

using namespace plantar;
using plantar::test::synthetic_frame;
using plantar::test::TempDir;

namespace {

// 16x16 sensors: 1 KiB a frame, so a 4 KiB block holds 4 frames.
PlateGeometry small_plate() { return {16, 16, 7.8, 7.8, 50.0}; }

std::filesystem::path write_session(const TempDir& dir, std::uint64_t frames) {
    auto path = dir.file("trial.h5");
    auto writer = SessionWriter::create(path, test::test_subject());
    test::write_trial(writer, test::trial_header(small_plate()), frames);
    writer.close();
    return path;
}

std::vector<Frame> all_frames(const std::filesystem::path& path) {
    SessionReader reader(path);
    std::vector<Frame> frames;
    reader.read_frames(0, 0, reader.trial(0).frame_count, [&](const Frame& f) {
        frames.push_back(f);
        return true;
    });
    return frames;
}

}  // namespace

TEST_CASE("frames in memory: a span-backed sequence gives each frame in place, and refuses an index past the end") {
    const PlateGeometry g = small_plate();
    std::vector<Frame> frames{synthetic_frame(g, 0), synthetic_frame(g, 1), synthetic_frame(g, 2)};
    const FrameSequenceRef sequence = frames;
    CHECK(sequence.size() == 3);
    CHECK(sequence.at(1).get() == &frames[1]);
    CHECK(sequence.front()->sequence == frames.front().sequence);
    CHECK(sequence.back()->sequence == frames.back().sequence);
    std::size_t visited = 0;
    for (const Frame& frame : sequence) CHECK(frame == frames[visited++]);
    CHECK(visited == 3);
    CHECK_THROWS_AS(sequence.at(3), InvalidArgument);
    const FrameSequenceRef nothing;
    CHECK(nothing.empty());
    CHECK_THROWS_AS(nothing.front(), InvalidArgument);
}

TEST_CASE("a stored trial read through the block cache gives the same frames as the session reader") {
    TempDir dir;
    const auto path = write_session(dir, 203);  // not a whole number of blocks
    const auto expected = all_frames(path);
    SessionFrameSequence sequence(path, 0, {.block_bytes = 4096, .max_bytes = 64 * 1024});
    REQUIRE(sequence.size() == 203);
    CHECK(sequence.block_frames() >= 1);
    for (std::size_t i = 0; i < expected.size(); ++i) CHECK(*sequence.frame(i) == expected[i]);
    // Backwards and jumping about too.
    for (std::size_t i : {202u, 0u, 101u, 7u, 199u}) CHECK(*sequence.frame(i) == expected[i]);
    std::size_t index = 0;
    for (const Frame& frame : sequence) CHECK(frame == expected[index++]);
    CHECK(index == expected.size());
}

TEST_CASE("the block cache stays within its memory bound, evicting the least recently used blocks") {
    TempDir dir;
    const auto path = write_session(dir, 400);
    const std::size_t frame_bytes = sizeof(Frame) + small_plate().sensor_count() * sizeof(float);
    const std::size_t bound = 8 * 16 * frame_bytes;
    SessionFrameSequence sequence(path, 0, {.block_bytes = 16 * 1024, .max_bytes = bound});
    const std::size_t block = sequence.block_frames();
    REQUIRE(block == 16);  // 16 KiB of 1 KiB frames, and the stored chunks are whole in it
    for (std::size_t i = 0; i < sequence.size(); ++i) (void)sequence.frame(i);
    const FrameCacheStats after_pass = sequence.cache_stats();
    CHECK(after_pass.cached_bytes <= bound);
    CHECK(after_pass.cached_blocks == 8);
    CHECK(after_pass.blocks_read == 25);  // 400 frames / 16, each read once
    CHECK(after_pass.evictions == 25 - 8);
    CHECK(after_pass.hits == 400 - 25);
    // The most recent blocks are the ones kept; the first was evicted long ago.
    CHECK(sequence.is_cached(399));
    CHECK_FALSE(sequence.is_cached(0));
    // A frame still held outlives its block's eviction.
    const auto held = sequence.frame(0);
    const Frame copy = *held;
    for (std::size_t i = 16; i < sequence.size(); ++i) (void)sequence.frame(i);
    CHECK_FALSE(sequence.is_cached(0));
    CHECK(*held == copy);
}

TEST_CASE("prefetch reads a block ahead so the next frame is already cached") {
    TempDir dir;
    const auto path = write_session(dir, 64);
    SessionFrameSequence sequence(path, 0, {.block_bytes = 4096, .max_bytes = 1 << 20});
    CHECK_FALSE(sequence.is_cached(40));
    sequence.prefetch(40);
    CHECK(sequence.is_cached(40));
    const auto reads = sequence.cache_stats().blocks_read;
    (void)sequence.frame(40);
    CHECK(sequence.cache_stats().blocks_read == reads);
    sequence.prefetch(64);  // past the end: nothing to do, no error
}

TEST_CASE("an index past the end of a stored trial is refused with a message naming the trial's length") {
    TempDir dir;
    const auto path = write_session(dir, 10);
    SessionFrameSequence sequence(path, 0);
    CHECK_THROWS_WITH_AS(sequence.frame(10), doctest::Contains("has 10 frames"), InvalidArgument);
    CHECK_THROWS_AS(SessionFrameSequence(path, 1), InvalidArgument);
}

TEST_CASE("two threads reading one stored sequence at once both get the right frames") {
    TempDir dir;
    const auto path = write_session(dir, 300);
    const auto expected = all_frames(path);
    SessionFrameSequence sequence(path, 0, {.block_bytes = 4096, .max_bytes = 32 * 1024});
    int wrong_forward = 0;
    int wrong_backward = 0;
    std::thread forward([&] {
        for (std::size_t i = 0; i < expected.size(); ++i) wrong_forward += *sequence.frame(i) == expected[i] ? 0 : 1;
    });
    for (std::size_t i = expected.size(); i-- > 0;) wrong_backward += *sequence.frame(i) == expected[i] ? 0 : 1;
    forward.join();
    CHECK(wrong_forward == 0);
    CHECK(wrong_backward == 0);
}

TEST_CASE("a stored sequence follows a trial being written: refresh() picks up flushed frames") {
    TempDir dir;
    const auto path = dir.file("growing.h5");
    const PlateGeometry g = small_plate();
    auto writer = SessionWriter::create(path, test::test_subject());
    writer.begin_trial(test::trial_header(g));
    for (std::uint64_t i = 0; i < 10; ++i) writer.write(synthetic_frame(g, i));
    writer.flush();
    SessionFrameSequence sequence(path, 0, {.block_bytes = 4096, .max_bytes = 1 << 20});
    REQUIRE(sequence.size() == 10);
    (void)sequence.frame(9);  // caches a block that is still short
    for (std::uint64_t i = 10; i < 25; ++i) writer.write(synthetic_frame(g, i));
    writer.flush();
    CHECK(sequence.refresh());
    CHECK(sequence.size() == 25);
    for (std::uint64_t i = 0; i < 25; ++i) CHECK(*sequence.frame(i) == synthetic_frame(g, i));
    CHECK(sequence.device_times(20, 2) ==
          std::vector<std::int64_t>{synthetic_frame(g, 20).device_time_us, synthetic_frame(g, 21).device_time_us});
    CHECK_FALSE(sequence.refresh());
    writer.close();
}
