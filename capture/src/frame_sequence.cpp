#include "plantar/capture/frame_sequence.hpp"

#include <string>
#include <utility>

#include "plantar/capture/errors.hpp"

namespace plantar {

std::shared_ptr<const Frame> SpanFrameSequence::frame(std::size_t index) const {
    if (index >= frames_.size())
        throw InvalidArgument("frame " + std::to_string(index) + " is out of range: the trial has " +
                              std::to_string(frames_.size()) + " frames");
    // An aliasing pointer with no owner: it costs no reference count and owns nothing, since
    // the frames belong to the caller (see the class comment).
    return std::shared_ptr<const Frame>(std::shared_ptr<const Frame>(), &frames_[index]);
}

FrameSequenceRef::FrameSequenceRef() : sequence_(std::make_shared<SpanFrameSequence>()) {}
FrameSequenceRef::FrameSequenceRef(std::span<const Frame> frames)
    : sequence_(std::make_shared<SpanFrameSequence>(frames)) {}
FrameSequenceRef::FrameSequenceRef(const std::vector<Frame>& frames)
    : FrameSequenceRef(std::span<const Frame>(frames)) {}
FrameSequenceRef::FrameSequenceRef(std::shared_ptr<const FrameSequence> sequence, Shared)
    : sequence_(std::move(sequence)) {
    if (!sequence_) sequence_ = std::make_shared<SpanFrameSequence>();
}

}  // namespace plantar
