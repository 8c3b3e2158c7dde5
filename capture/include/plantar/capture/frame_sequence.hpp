// A trial's frames, read-only and in time order, without saying where they live: in memory
// (SpanFrameSequence) or in a session file read a block at a time (SessionFrameSequence in
// capture/session). Analysis takes its frames through this, so a 10-minute 500 Hz trial
// (300,000 frames, 5 GB at 64x64) is analysed without holding it in memory.
//
// Lifetime rule: frame(i) hands out a shared pointer, and the frame it points to stays valid for
// as long as the caller holds that pointer, whatever the sequence's cache evicts meanwhile. So
// `const auto frame = frames.at(i); use(frame->pressure_kpa);` is always safe, and so is a
// range-for (the iterator holds the current frame until it advances).
#pragma once

#include <concepts>
#include <cstddef>
#include <iterator>
#include <memory>
#include <span>
#include <utility>
#include <vector>

#include "plantar/capture/frame.hpp"

namespace plantar {

class FrameSequence {
public:
    virtual ~FrameSequence() = default;

    virtual std::size_t size() const = 0;
    // Frame `index`; throws InvalidArgument when index >= size(), and the implementation's own
    // errors (a session: FileFormatError for damaged data) when it cannot be read.
    virtual std::shared_ptr<const Frame> frame(std::size_t index) const = 0;

    bool empty() const { return size() == 0; }

    // One pass in order; each dereference reads (or finds cached) one frame.
    class const_iterator {
    public:
        using iterator_category = std::input_iterator_tag;
        using value_type = Frame;
        using difference_type = std::ptrdiff_t;
        using pointer = const Frame*;
        using reference = const Frame&;

        const_iterator() = default;
        const_iterator(const FrameSequence* sequence, std::size_t index) : sequence_(sequence), index_(index) {}
        reference operator*() const {
            if (!current_) current_ = sequence_->frame(index_);
            return *current_;
        }
        pointer operator->() const { return &**this; }
        const_iterator& operator++() {
            ++index_;
            current_.reset();
            return *this;
        }
        void operator++(int) { ++*this; }
        bool operator==(const const_iterator& other) const { return index_ == other.index_; }
        std::size_t index() const { return index_; }

    private:
        const FrameSequence* sequence_ = nullptr;
        std::size_t index_ = 0;
        mutable std::shared_ptr<const Frame> current_;
    };
    const_iterator begin() const { return {this, 0}; }
    const_iterator end() const { return {this, size()}; }
};

// Frames already in memory. It does not own them: like a span, the frames must outlive it.
class SpanFrameSequence final : public FrameSequence {
public:
    SpanFrameSequence() = default;
    explicit SpanFrameSequence(std::span<const Frame> frames) : frames_(frames) {}
    std::size_t size() const override { return frames_.size(); }
    // Points into the span (no copy, no ownership).
    std::shared_ptr<const Frame> frame(std::size_t index) const override;

private:
    std::span<const Frame> frames_;
};

// What a TrialInput holds: a shared handle to some FrameSequence. It converts implicitly from
// frames in memory (a vector or a span, which must outlive it, as with std::span) so in-memory
// callers write `input.frames = frames;`, and from any shared FrameSequence.
class FrameSequenceRef {
public:
    FrameSequenceRef();
    FrameSequenceRef(std::span<const Frame> frames);                  // NOLINT: implicit by design
    FrameSequenceRef(const std::vector<Frame>& frames);               // NOLINT
    FrameSequenceRef(std::vector<Frame>&&) = delete;                  // would dangle
    // Any shared sequence (SessionFrameSequence, ...); a null pointer is an empty sequence.
    template <class Sequence>
        requires std::derived_from<Sequence, FrameSequence>
    FrameSequenceRef(std::shared_ptr<Sequence> sequence)  // NOLINT
        : FrameSequenceRef(std::shared_ptr<const FrameSequence>(std::move(sequence)), Shared{}) {}

    std::size_t size() const { return sequence_->size(); }
    bool empty() const { return sequence_->empty(); }
    // Frame `index` (throws InvalidArgument out of range); valid while the pointer is held.
    std::shared_ptr<const Frame> at(std::size_t index) const { return sequence_->frame(index); }
    std::shared_ptr<const Frame> front() const { return at(0); }
    std::shared_ptr<const Frame> back() const { return at(size() - 1); }
    FrameSequence::const_iterator begin() const { return sequence_->begin(); }
    FrameSequence::const_iterator end() const { return sequence_->end(); }
    const FrameSequence& sequence() const { return *sequence_; }

private:
    struct Shared {};
    FrameSequenceRef(std::shared_ptr<const FrameSequence> sequence, Shared);
    std::shared_ptr<const FrameSequence> sequence_;
};

}  // namespace plantar
