// One stored trial as a FrameSequence read from its session file a block of frames at a time,
// through a small least-recently-used cache, so analysing or scrubbing a 10-minute 500 Hz trial
// holds a few MB, not the trial's gigabytes.
//
// Threads: every method may be called from any thread at the same time. The sequence has its own
// SessionReader (HDF5 calls still go through the one process-wide HDF5 lock), so a viewer can
// analyse through one sequence on a background thread while its UI thread reads another.
#pragma once

#include <atomic>
#include <cstddef>
#include <cstdint>
#include <filesystem>
#include <memory>
#include <mutex>
#include <unordered_map>
#include <vector>

#include "plantar/capture/frame_sequence.hpp"
#include "plantar/capture/session/session.hpp"

namespace plantar {

struct FrameCacheLimits {
    // Frames per block: about this many bytes (of pressures), rounded down to whole stored
    // chunks when it holds one or more. About 1 MiB reads in a few milliseconds.
    std::size_t block_bytes = std::size_t{1} << 20;
    // The cache holds at most this many bytes of frames (at least one block). Frames a caller
    // still holds a pointer to stay alive beyond it until released.
    std::size_t max_bytes = std::size_t{32} << 20;
    // A background reader (a viewer's analysis): before each block it waits while a caller of
    // another sequence in this process waits for a frame, so the one HDF5 lock goes to the
    // frame on screen first. Mutexes are not fair, and a busy reader would otherwise win it
    // again and again.
    bool yield_to_others = false;
};

struct FrameCacheStats {
    std::uint64_t hits = 0;         // frame() found its block cached
    std::uint64_t blocks_read = 0;  // blocks read from the file (misses and prefetches)
    std::uint64_t evictions = 0;
    std::size_t cached_blocks = 0;
    std::size_t cached_bytes = 0;
};

class SessionFrameSequence final : public FrameSequence {
public:
    // Opens `path` for reading (its own reader) and serves trial `trial`. Throws as
    // SessionReader's constructor, and InvalidArgument when the session has no such trial.
    SessionFrameSequence(const std::filesystem::path& path, int trial, FrameCacheLimits limits = {});
    ~SessionFrameSequence() override;
    SessionFrameSequence(const SessionFrameSequence&) = delete;
    SessionFrameSequence& operator=(const SessionFrameSequence&) = delete;

    std::size_t size() const override { return size_.load(); }
    std::shared_ptr<const Frame> frame(std::size_t index) const override;

    // Reads the block holding `index` into the cache unless it is there already (nothing for an
    // index out of range): lets a viewer read ahead of where playback or scrubbing goes. It
    // gives way to frame(): it skips the block when another thread is reading or waiting.
    void prefetch(std::size_t index) const;
    bool is_cached(std::size_t index) const;
    // Picks up frames a writer has flushed since (SessionReader::refresh); true when the trial
    // grew. When the file cannot be opened right now it throws as SessionReader's constructor
    // does, and the sequence goes on reading the frames it had.
    bool refresh();

    // The device timestamps (microseconds) of frames [first, first + count), without their
    // pressures (SessionReader::read_device_times).
    std::vector<std::int64_t> device_times(std::size_t first, std::size_t count) const;

    int trial() const { return trial_; }
    // The trial as the file said at open or at the last refresh.
    TrialInfo info() const;
    std::size_t block_frames() const { return block_frames_; }
    FrameCacheStats cache_stats() const;

private:
    using Block = std::shared_ptr<const std::vector<Frame>>;
    struct CachedBlock {
        Block frames;
        std::uint64_t last_used = 0;
    };

    Block cached_block(std::size_t block, std::size_t offset) const;  // null when absent or too short
    // Reads a block; `wanted`: a caller waits for it (else a prefetch, which may skip: null).
    Block load_block(std::size_t block, std::size_t offset, bool wanted) const;
    void insert_block(std::size_t block, Block frames) const;
    std::size_t block_bytes(const Block& frames) const;

    int trial_ = 0;
    FrameCacheLimits limits_;
    std::size_t block_frames_ = 1;
    std::atomic<std::size_t> size_{0};
    mutable std::atomic<int> waiting_reads_{0};  // frame() calls waiting for a block

    // Order: reader_mutex_ before cache_mutex_, never the other way round.
    mutable std::mutex reader_mutex_;
    SessionReader reader_;
    mutable std::mutex cache_mutex_;
    mutable std::unordered_map<std::size_t, CachedBlock> blocks_;
    mutable std::uint64_t use_clock_ = 0;
    mutable FrameCacheStats stats_;
};

}  // namespace plantar
