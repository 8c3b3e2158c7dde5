#include "plantar/capture/usb/frame_assembler.hpp"

#include <algorithm>
#include <bit>
#include <cstring>
#include <limits>

#include "plantar/capture/errors.hpp"

namespace plantar::usb {

namespace {

using protocol::SampleFormat;

std::uint32_t load_u32(const std::uint8_t* p) {
    return static_cast<std::uint32_t>(p[0]) | static_cast<std::uint32_t>(p[1]) << 8 |
           static_cast<std::uint32_t>(p[2]) << 16 | static_cast<std::uint32_t>(p[3]) << 24;
}

// Where the next frame magic starts in `bytes`, or nothing.
std::optional<std::size_t> find_magic(std::span<const std::uint8_t> bytes) {
    const auto* begin = bytes.data();
    const auto* end = begin + bytes.size();
    const auto* found = std::search(begin, end, std::begin(protocol::kFrameMagic), std::end(protocol::kFrameMagic));
    if (found == end) return std::nullopt;
    return static_cast<std::size_t>(found - begin);
}

// How many bytes at the end of `bytes` could be the start of a magic cut by a transfer boundary.
std::size_t partial_magic_at_end(std::span<const std::uint8_t> bytes) {
    for (std::size_t keep = std::min<std::size_t>(3, bytes.size()); keep > 0; --keep)
        if (std::equal(bytes.end() - static_cast<std::ptrdiff_t>(keep), bytes.end(), std::begin(protocol::kFrameMagic)))
            return keep;
    return 0;
}

}  // namespace

FrameAssembler::FrameAssembler(const PlateGeometry& geometry, SampleFormat format, Calibration calibration)
    : geometry_(geometry), format_(format), calibration_(std::move(calibration)) {
    if (!protocol::is_known(format)) throw InvalidArgument("frame assembler: " + protocol::to_string(format));
    if (auto error = geometry.validation_error(); !error.empty()) throw InvalidArgument("frame assembler: " + error);
    if (!calibration_.sensor_gain().empty() && calibration_.sensor_gain().size() != geometry.sensor_count())
        throw InvalidArgument("frame assembler: the calibration has gains for " +
                              std::to_string(calibration_.sensor_gain().size()) + " sensors, the plate has " +
                              std::to_string(geometry.sensor_count()));
    payload_length_ = geometry.sensor_count() * protocol::sample_size(format);
    // A table of the shared curve turns the per-sample binary search into one load; the gain is
    // applied after it exactly as Calibration::to_kpa does, so results are bit-identical.
    const std::size_t table_size = format == SampleFormat::Counts16 ? 65536 : format == SampleFormat::Counts8 ? 256 : 0;
    counts_to_kpa_.resize(table_size);
    constexpr auto no_gain = std::numeric_limits<std::size_t>::max();
    for (std::size_t count = 0; count < table_size; ++count)
        counts_to_kpa_[count] = calibration_.to_kpa(static_cast<double>(count), no_gain);
}

void FrameAssembler::feed(std::span<const std::uint8_t> bytes, std::int64_t host_time_ns, std::vector<Frame>& out) {
    if (pending_bytes() == 0) {
        // The common case: whole frames in one transfer are parsed in place, without a copy.
        pending_.clear();
        pending_start_ = 0;
        const std::size_t used = parse(bytes, host_time_ns, out);
        pending_.assign(bytes.begin() + static_cast<std::ptrdiff_t>(used), bytes.end());
        return;
    }
    pending_.insert(pending_.end(), bytes.begin(), bytes.end());
    pending_start_ += parse(std::span<const std::uint8_t>(pending_).subspan(pending_start_), host_time_ns, out);
    if (pending_start_ == pending_.size()) {
        pending_.clear();
        pending_start_ = 0;
    } else if (pending_start_ > pending_.size() / 2) {
        pending_.erase(pending_.begin(), pending_.begin() + static_cast<std::ptrdiff_t>(pending_start_));
        pending_start_ = 0;
    }
}

std::size_t FrameAssembler::parse(std::span<const std::uint8_t> bytes, std::int64_t host_time_ns,
                                  std::vector<Frame>& out) {
    std::size_t position = 0;
    while (position < bytes.size()) {
        const auto rest = bytes.subspan(position);
        const auto magic = find_magic(rest);
        if (!magic) {
            const std::size_t keep = partial_magic_at_end(rest);
            skip(rest.size() - keep);
            return bytes.size() - keep;
        }
        if (*magic > 0) {
            skip(*magic);
            position += *magic;
        }
        std::size_t used = 0;
        switch (examine(bytes.subspan(position), used, host_time_ns, out)) {
            case Verdict::Frame:
                position += used;
                skipping_ = false;
                break;
            case Verdict::NeedMore:
                return position;
            case Verdict::Skip:
                // Not a frame after all: look for the next magic from the byte after this one.
                skip(1);
                position += 1;
                break;
        }
    }
    return position;
}

FrameAssembler::Verdict FrameAssembler::examine(std::span<const std::uint8_t> bytes, std::size_t& used,
                                                std::int64_t host_time_ns, std::vector<Frame>& out) {
    if (bytes.size() < protocol::kFrameHeaderSize) return Verdict::NeedMore;
    const auto header = protocol::decode_frame_header(bytes);
    if (header.protocol_major != protocol::kProtocolMajor || header.header_size < protocol::kFrameHeaderSize ||
        header.format != format_) {
        ++counters_.bad_header;
        return Verdict::Skip;
    }
    if (header.rows != geometry_.rows || header.cols != geometry_.cols || header.payload_length != payload_length_) {
        ++counters_.wrong_size;
        return Verdict::Skip;
    }
    const std::size_t covered = header.header_size + payload_length_;
    const std::size_t total = covered + protocol::kFrameCrcSize;
    if (bytes.size() < total) return Verdict::NeedMore;
    if (protocol::crc32(bytes.first(covered)) != load_u32(bytes.data() + covered)) {
        ++counters_.bad_crc;
        return Verdict::Skip;
    }
    deliver(header, bytes.subspan(header.header_size, payload_length_), host_time_ns, out);
    used = total;
    return Verdict::Frame;
}

void FrameAssembler::skip(std::size_t count) {
    if (count == 0) return;
    counters_.bytes_skipped += count;
    if (!skipping_) ++counters_.resyncs;
    skipping_ = true;
}

void FrameAssembler::deliver(const protocol::FrameHeader& header, std::span<const std::uint8_t> samples,
                             std::int64_t host_time_ns, std::vector<Frame>& out) {
    if (last_sequence_) {
        if (header.sequence == *last_sequence_) {
            ++counters_.duplicates;
            return;
        }
        if (header.sequence < *last_sequence_) {
            ++counters_.sequence_restarts;
        } else if (header.sequence > *last_sequence_ + 1) {
            ++counters_.sequence_gaps;
            counters_.frames_missed += header.sequence - *last_sequence_ - 1;
        }
    }
    last_sequence_ = header.sequence;

    Frame& frame = out.emplace_back();
    frame.sequence = header.sequence;
    frame.device_time_us = static_cast<std::int64_t>(header.device_time_us);
    frame.host_time_ns = host_time_ns;
    frame.pressure_kpa.resize(geometry_.sensor_count());
    const std::uint8_t* p = samples.data();
    const auto& gains = calibration_.sensor_gain();
    float* kpa = frame.pressure_kpa.data();
    const std::size_t n = frame.pressure_kpa.size();
    switch (format_) {
        case SampleFormat::Counts16:
            for (std::size_t i = 0; i < n; ++i) {
                const double value = counts_to_kpa_[static_cast<std::size_t>(p[2 * i] | (p[2 * i + 1] << 8))];
                kpa[i] = static_cast<float>(gains.empty() ? value : value * static_cast<double>(gains[i]));
            }
            break;
        case SampleFormat::Counts8:
            for (std::size_t i = 0; i < n; ++i) {
                const double value = counts_to_kpa_[p[i]];
                kpa[i] = static_cast<float>(gains.empty() ? value : value * static_cast<double>(gains[i]));
            }
            break;
        case SampleFormat::Float32Kpa:
            for (std::size_t i = 0; i < n; ++i) kpa[i] = std::bit_cast<float>(load_u32(p + 4 * i));
            break;
    }
    ++counters_.frames;
}

}  // namespace plantar::usb
