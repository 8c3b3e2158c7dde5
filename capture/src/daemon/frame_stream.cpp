// DaemonFrameStream: the client end of the stream protocol (docs/stream-protocol.md).
#include <cerrno>
#include <zmq_addon.hpp>

#include "plantar/capture/daemon/client.hpp"
#include "plantar/capture/errors.hpp"

namespace plantar::daemon {

namespace {

// The daemon answers a waiting request at least every second (a frame or a notice); a request
// unanswered for this long is sent again (the daemon may have restarted and lost it).
constexpr std::int64_t kResendAfterNs = 2'500'000'000;
// With no answer for this long, the daemon counts as gone: state() says Lost.
constexpr std::int64_t kDaemonSilentAfterNs = 3'000'000'000;
// next_within() checks stop() at least this often.
constexpr auto kPollSlice = std::chrono::milliseconds(50);

std::span<const std::byte> bytes_of(const zmq::message_t& message) {
    return {static_cast<const std::byte*>(message.data()), message.size()};
}

}  // namespace

DaemonFrameStream::DaemonFrameStream(const std::string& endpoint, StreamMode mode)
    : endpoints_(resolve_endpoints(endpoint)),
      endpoint_text_(endpoint),
      mode_(mode),
      socket_(context_, zmq::socket_type::dealer) {
    socket_.set(zmq::sockopt::linger, 0);
    socket_.connect(endpoints_.stream);
    description_ = {SourceKind::Device, "plantard at " + endpoints_.stream, ""};
    last_reply_ns_ = host_now_ns();
}

DaemonFrameStream::~DaemonFrameStream() = default;

const PlateGeometry& DaemonFrameStream::geometry() const {
    std::lock_guard lock(mutex_);
    return geometry_;
}

double DaemonFrameStream::nominal_rate_hz() const {
    std::lock_guard lock(mutex_);
    return rate_hz_;
}

SourceDescription DaemonFrameStream::description() const {
    std::lock_guard lock(mutex_);
    return description_;
}

DeviceState DaemonFrameStream::state() const {
    std::lock_guard lock(mutex_);
    return state_;
}

SourceCounters DaemonFrameStream::counters() const {
    std::lock_guard lock(mutex_);
    return counters_;
}

std::string DaemonFrameStream::last_problem() const {
    std::lock_guard lock(mutex_);
    return problem_;
}

StreamedFrameTiming DaemonFrameStream::last_timing() const {
    std::lock_guard lock(mutex_);
    return timing_;
}

std::uint64_t DaemonFrameStream::frames_skipped() const {
    std::lock_guard lock(mutex_);
    return counters_.frames_missed;
}

void DaemonFrameStream::stop() { stopped_ = true; }
bool DaemonFrameStream::stopped() const { return stopped_; }

void DaemonFrameStream::set_rate(double rate_hz) { DaemonClient(endpoint_text_).set_rate(rate_hz); }

void DaemonFrameStream::refresh_description() {
    DaemonStatus status = DaemonClient(endpoint_text_).status();
    std::lock_guard lock(mutex_);
    description_ = status.source;
    rate_hz_ = status.rate_hz;
}

void DaemonFrameStream::send_request() {
    auto bytes = encode_request(FrameRequest{last_index_, mode_});
    if (socket_.send(zmq::buffer(bytes), zmq::send_flags::dontwait)) {
        ++requests_outstanding_;
        last_request_ns_ = host_now_ns();
    }
}

std::optional<Frame> DaemonFrameStream::next_within(std::chrono::milliseconds timeout) {
    const std::int64_t deadline = host_now_ns() + std::chrono::duration_cast<std::chrono::nanoseconds>(timeout).count();
    while (!stopped_) {
        std::int64_t now = host_now_ns();
        if (requests_outstanding_ == 0 || now - last_request_ns_ > kResendAfterNs) send_request();
        if (now - last_reply_ns_ > kDaemonSilentAfterNs) {
            std::lock_guard lock(mutex_);
            if (state_ != DeviceState::Lost) {
                state_ = DeviceState::Lost;
                problem_ = "plantard at " + endpoints_.stream + " does not answer";
                return std::nullopt;
            }
        }
        const auto slice =
            std::min<std::int64_t>(std::max<std::int64_t>(deadline - now, 0),
                                   std::chrono::duration_cast<std::chrono::nanoseconds>(kPollSlice).count());
        zmq::pollitem_t items[] = {{socket_.handle(), 0, ZMQ_POLLIN, 0}};
        try {
            zmq::poll(items, 1, std::chrono::milliseconds(slice / 1'000'000));
        } catch (const zmq::error_t& e) {
            if (e.num() != EINTR) throw;  // a signal for the program: just poll again
            items[0].revents = 0;
        }
        if (items[0].revents & ZMQ_POLLIN) {
            std::vector<zmq::message_t> parts;
            if (!zmq::recv_multipart(socket_, std::back_inserter(parts), zmq::recv_flags::dontwait) || parts.empty())
                continue;
            const std::int64_t received = host_now_ns();
            requests_outstanding_ = std::max(0, requests_outstanding_ - 1);
            last_reply_ns_ = received;
            StreamHeader header = decode_header(bytes_of(parts[0]));
            if (header.kind == StreamMessageKind::Error) {
                throw StreamProtocolError("plantard refused a frame request: " +
                                          (parts.size() > 1 ? parts[1].to_string() : std::string("no reason given")));
            }
            // A daemon that restarted counts its frames from 0 again: start over with it.
            if (last_index_ && (!header.has_frame || header.stream_index < *last_index_)) last_index_.reset();
            std::lock_guard lock(mutex_);
            const DeviceState before = state_;
            state_ = header.device_state;
            if (header.geometry.sensor_count() > 0) geometry_ = header.geometry;
            if (before == DeviceState::Lost && problem_.rfind("plantard", 0) == 0) problem_.clear();
            if (header.kind == StreamMessageKind::Frame) {
                if (last_index_ && header.stream_index <= *last_index_) continue;  // an answer to a resent request
                if (parts.size() != 2) throw StreamProtocolError("a frame message without its pressure part");
                Frame frame = frame_from_message(header, bytes_of(parts[1]));
                last_index_ = header.stream_index;
                ++counters_.frames_received;
                if (header.skipped > 0) {
                    ++counters_.sequence_gaps;
                    counters_.frames_missed += header.skipped;
                }
                timing_ = {header.host_time_ns, header.publish_time_ns, received, header.stream_index, header.skipped};
                return frame;
            }
            if (state_ != before) return std::nullopt;  // a change of state, as LiveSource promises
        }
        if (host_now_ns() >= deadline) return std::nullopt;
    }
    return std::nullopt;
}

}  // namespace plantar::daemon
