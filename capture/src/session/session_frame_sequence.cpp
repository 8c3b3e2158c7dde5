#include "plantar/capture/session/session_frame_sequence.hpp"

#include <algorithm>
#include <chrono>
#include <string>
#include <thread>
#include <utility>

#include "plantar/capture/errors.hpp"

namespace plantar {
namespace {

// Callers of frame() waiting for a block, over every sequence of this process that does not
// yield to others (FrameCacheLimits::yield_to_others).
std::atomic<int> waiting_foreground_reads{0};

// Counts a caller waiting for a block for as long as it waits.
class WaitingRead {
public:
    WaitingRead(std::atomic<int>& own, bool foreground) : own_(own), foreground_(foreground) {
        ++own_;
        if (foreground_) ++waiting_foreground_reads;
    }
    ~WaitingRead() {
        --own_;
        if (foreground_) --waiting_foreground_reads;
    }
    WaitingRead(const WaitingRead&) = delete;
    WaitingRead& operator=(const WaitingRead&) = delete;

private:
    std::atomic<int>& own_;
    bool foreground_;
};

}  // namespace

SessionFrameSequence::SessionFrameSequence(const std::filesystem::path& path, int trial, FrameCacheLimits limits)
    : trial_(trial), limits_(limits), reader_(path) {
    const TrialInfo& info = reader_.trial(trial);  // throws InvalidArgument for a trial it does not have
    const std::size_t frame_bytes = std::max<std::size_t>(info.header.geometry.sensor_count() * sizeof(float), 1);
    const std::size_t chunk = std::max<std::size_t>(static_cast<std::size_t>(reader_.frames_per_chunk(trial)), 1);
    // Whole chunks when a block holds one or more, so each chunk is decompressed once; a block
    // smaller than a chunk reads part of one, and the reader's HDF5 chunk cache keeps that
    // chunk for the blocks next to it.
    block_frames_ = std::max<std::size_t>(limits_.block_bytes / frame_bytes, 1);
    if (block_frames_ >= chunk) block_frames_ -= block_frames_ % chunk;
    size_ = static_cast<std::size_t>(info.frame_count);
}

SessionFrameSequence::~SessionFrameSequence() = default;

std::shared_ptr<const Frame> SessionFrameSequence::frame(std::size_t index) const {
    const std::size_t frames = size();
    if (index >= frames)
        throw InvalidArgument("frame " + std::to_string(index) + " is out of range: trial " + std::to_string(trial_) +
                              " of " + reader_.path().string() + " has " + std::to_string(frames) + " frames");
    const std::size_t block = index / block_frames_;
    const std::size_t offset = index % block_frames_;
    Block frames_of_block = cached_block(block, offset);
    if (!frames_of_block) {
        WaitingRead waiting(waiting_reads_, !limits_.yield_to_others);  // prefetches step aside meanwhile
        frames_of_block = load_block(block, offset, true);
    }
    // Shares ownership of the whole block, so the frame outlives the block's eviction.
    return std::shared_ptr<const Frame>(frames_of_block, &(*frames_of_block)[offset]);
}

void SessionFrameSequence::prefetch(std::size_t index) const {
    if (index >= size()) return;
    const std::size_t block = index / block_frames_;
    const std::size_t offset = index % block_frames_;
    if (!is_cached(index)) load_block(block, offset, false);
}

bool SessionFrameSequence::is_cached(std::size_t index) const {
    std::lock_guard lock(cache_mutex_);
    auto found = blocks_.find(index / block_frames_);
    return found != blocks_.end() && index % block_frames_ < found->second.frames->size();
}

SessionFrameSequence::Block SessionFrameSequence::cached_block(std::size_t block, std::size_t offset) const {
    std::lock_guard lock(cache_mutex_);
    auto found = blocks_.find(block);
    // A block read before a writer added frames may be too short for the index asked now.
    if (found == blocks_.end() || offset >= found->second.frames->size()) return nullptr;
    found->second.last_used = ++use_clock_;
    ++stats_.hits;
    return found->second.frames;
}

SessionFrameSequence::Block SessionFrameSequence::load_block(std::size_t block, std::size_t offset, bool wanted) const {
    // A prefetch never waits for the reader, nor takes it from a caller waiting for a frame:
    // the caller would otherwise wait for every block the prefetch has queued.
    if (limits_.yield_to_others)
        while (waiting_foreground_reads.load() > 0) std::this_thread::sleep_for(std::chrono::microseconds(200));
    std::unique_lock reader_lock(reader_mutex_, std::defer_lock);
    if (wanted)
        reader_lock.lock();
    else if (waiting_reads_.load() > 0 || !reader_lock.try_lock())
        return nullptr;
    // Another thread may have read it while this one waited for the reader.
    if (Block ready = cached_block(block, offset)) return ready;
    const std::size_t first = block * block_frames_;
    const std::size_t count = std::min(block_frames_, size() - first);
    auto frames = std::make_shared<std::vector<Frame>>();
    frames->reserve(count);
    reader_.read_frames(trial_, first, count, [&](const Frame& frame) {
        frames->push_back(frame);
        return true;
    });
    Block loaded = std::move(frames);
    insert_block(block, loaded);
    return loaded;
}

void SessionFrameSequence::insert_block(std::size_t block, Block frames) const {
    std::lock_guard lock(cache_mutex_);
    ++stats_.blocks_read;
    auto& slot = blocks_[block];
    if (slot.frames) stats_.cached_bytes -= block_bytes(slot.frames);
    slot.frames = std::move(frames);
    slot.last_used = ++use_clock_;
    stats_.cached_bytes += block_bytes(slot.frames);
    // Evict the least recently used blocks, never the one just read.
    while (stats_.cached_bytes > limits_.max_bytes && blocks_.size() > 1) {
        auto oldest = blocks_.end();
        for (auto it = blocks_.begin(); it != blocks_.end(); ++it)
            if (it->first != block && (oldest == blocks_.end() || it->second.last_used < oldest->second.last_used))
                oldest = it;
        stats_.cached_bytes -= block_bytes(oldest->second.frames);
        blocks_.erase(oldest);
        ++stats_.evictions;
    }
    stats_.cached_blocks = blocks_.size();
}

std::size_t SessionFrameSequence::block_bytes(const Block& frames) const {
    std::size_t bytes = 0;
    for (const Frame& frame : *frames) bytes += sizeof(Frame) + frame.pressure_kpa.size() * sizeof(float);
    return bytes;
}

bool SessionFrameSequence::refresh() {
    std::lock_guard reader_lock(reader_mutex_);
    // SessionReader::refresh closes the file before reopening it, and a failed reopen (the
    // writer holding the file between trials, the file renamed) would leave the reader unable
    // to read even the frames it had. Opening it once first keeps the reader readable then.
    { SessionReader probe(reader_.path()); }
    reader_.refresh();
    const auto frames = static_cast<std::size_t>(reader_.trial(trial_).frame_count);
    if (frames <= size_.load()) return false;
    size_ = frames;
    return true;
}

std::vector<std::int64_t> SessionFrameSequence::device_times(std::size_t first, std::size_t count) const {
    std::lock_guard reader_lock(reader_mutex_);
    return reader_.read_device_times(trial_, first, count);
}

TrialInfo SessionFrameSequence::info() const {
    std::lock_guard reader_lock(reader_mutex_);
    return reader_.trial(trial_);
}

FrameCacheStats SessionFrameSequence::cache_stats() const {
    std::lock_guard lock(cache_mutex_);
    return stats_;
}

}  // namespace plantar
