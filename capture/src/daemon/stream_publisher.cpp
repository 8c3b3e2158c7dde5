#include "stream_publisher.hpp"

#include <pthread.h>

#include <bit>
#include <cstdio>
#include <zmq_addon.hpp>

#include "plantar/capture/daemon/stream_protocol.hpp"
#include "plantar/capture/errors.hpp"
#include "plantar/capture/log.hpp"

namespace plantar::daemon {

namespace {

constexpr const char* kLog = "stream";

std::string hex_id(const std::string& routing_id) {
    std::string text;
    for (unsigned char byte : routing_id) {
        char pair[3];
        std::snprintf(pair, sizeof pair, "%02x", byte);
        text += pair;
    }
    return text;
}

// The pressure part of a frame message points into the frame itself (no copy); the message
// holds a reference to the frame until ZeroMQ has sent it.
void release_frame(void* /*data*/, void* hint) { delete static_cast<std::shared_ptr<const Frame>*>(hint); }

zmq::message_t pressure_message(const std::shared_ptr<const Frame>& frame) {
    const std::size_t bytes = frame->pressure_kpa.size() * sizeof(float);
    if constexpr (std::endian::native == std::endian::little) {
        auto* hold = new std::shared_ptr<const Frame>(frame);
        // ZeroMQ's zero-copy API takes a non-const pointer but never writes through it.
        return zmq::message_t(const_cast<float*>(frame->pressure_kpa.data()), bytes, release_frame, hold);
    } else {
        zmq::message_t message(bytes);
        encode_pressure(frame->pressure_kpa, std::span<std::byte>(static_cast<std::byte*>(message.data()), bytes));
        return message;
    }
}

}  // namespace

std::uint64_t StreamPublisher::skips_so_far(const Client& client, const Slot& slot) {
    std::uint64_t skipped = client.frames_skipped;
    if (client.waiting || !slot.newest || !client.last_sent_index) return skipped;
    // A client that has not asked again since its last frame has already missed every frame
    // published since but the newest (which it will get when it asks) - or, in order, every
    // frame that has left the backlog since.
    const std::uint64_t next = *client.last_sent_index + 1;
    if (client.mode == StreamMode::InOrder) {
        if (slot.oldest_index > next) skipped += slot.oldest_index - next;
    } else if (slot.newest_index > next) {
        skipped += slot.newest_index - next;
    }
    return skipped;
}

StreamPublisher::StreamPublisher(zmq::context_t& context, const std::string& endpoint)
    : router_(context, zmq::socket_type::router),
      nudge_sender_(context, zmq::socket_type::pair),
      nudge_receiver_(context, zmq::socket_type::pair) {
    router_.set(zmq::sockopt::linger, 0);
    // Sending to a client whose queue is full fails at once instead of being dropped silently,
    // so the frame can be counted as skipped for it; a departed client fails as unreachable.
    router_.set(zmq::sockopt::router_mandatory, 1);
    // A well-behaved client has one reply in flight; only a client that asks without reading
    // fills its queue. A small bound caps the frames (64 KiB each) such a client keeps alive.
    router_.set(zmq::sockopt::sndhwm, 64);
    try {
        router_.bind(endpoint);
    } catch (const zmq::error_t& e) {
        throw IoError("cannot listen for stream clients at " + endpoint + ": " + e.what());
    }
    // The nudge pair is private to this publisher; its name only has to be unique in the process.
    char name[64];
    std::snprintf(name, sizeof name, "inproc://plantard-stream-nudge-%p", static_cast<void*>(this));
    nudge_receiver_.bind(name);
    nudge_sender_.connect(name);
    thread_ = std::thread([this] {
        pthread_setname_np(pthread_self(), "plantard-stream");  // names show in top -H and gdb
        run();
    });
}

StreamPublisher::~StreamPublisher() { stop(); }

void StreamPublisher::stop() {
    if (stopping_.exchange(true)) return;
    if (thread_.joinable()) thread_.join();
}

void StreamPublisher::publish(std::shared_ptr<const Frame> frame, const PlateGeometry& geometry) {
    {
        std::lock_guard lock(slot_mutex_);
        // Frames of another plate (one replugged with a different geometry) are never sent
        // under the new geometry.
        if (!(geometry == slot_.geometry)) backlog_.clear();
        backlog_.push_back(frame);
        slot_.newest = std::move(frame);
        slot_.newest_index = frames_published_.load();
        if (backlog_.size() > kStreamBacklogFrames) backlog_.pop_front();
        slot_.oldest_index = slot_.newest_index + 1 - backlog_.size();
        slot_.geometry = geometry;
        slot_.state = DeviceState::Streaming;
        ++frames_published_;
    }
    nudge();
}

void StreamPublisher::set_device_state(DeviceState state, const PlateGeometry& geometry) {
    {
        std::lock_guard lock(slot_mutex_);
        slot_.state = state;
        if (geometry.sensor_count() > 0) slot_.geometry = geometry;
    }
    nudge();
}

void StreamPublisher::nudge() {
    // An empty message wakes the stream thread. If nudges are already queued it is awake anyway,
    // so a full queue is not an error.
    zmq::message_t empty;
    (void)nudge_sender_.send(empty, zmq::send_flags::dontwait);
}

void StreamPublisher::run() {
    auto last_forget = std::chrono::steady_clock::now();
    while (!stopping_) {
        zmq::pollitem_t items[] = {{router_.handle(), 0, ZMQ_POLLIN, 0}, {nudge_receiver_.handle(), 0, ZMQ_POLLIN, 0}};
        try {
            zmq::poll(items, 2, std::chrono::milliseconds(100));
            if (items[1].revents & ZMQ_POLLIN) {
                zmq::message_t nudge;
                while (nudge_receiver_.recv(nudge, zmq::recv_flags::dontwait)) {
                }
            }
            if (items[0].revents & ZMQ_POLLIN) receive_requests();
            answer_waiting_clients();
            if (std::chrono::steady_clock::now() - last_forget > std::chrono::seconds(1)) {
                forget_idle_clients();
                last_forget = std::chrono::steady_clock::now();
            }
        } catch (const std::exception& e) {
            // One bad exchange must not end streaming for everyone.
            log(LogLevel::Warning, kLog, std::string("stream error: ") + e.what());
        }
    }
}

void StreamPublisher::receive_requests() {
    while (true) {
        std::vector<zmq::message_t> parts;
        if (!zmq::recv_multipart(router_, std::back_inserter(parts), zmq::recv_flags::dontwait)) return;
        if (parts.empty()) continue;
        std::string routing_id = parts[0].to_string();
        if (parts.size() != 2) {
            send_error(routing_id, "a frame request is one message part of 24 bytes (use a DEALER socket)");
            continue;
        }
        FrameRequest request;
        try {
            request = decode_request(
                std::span<const std::byte>(static_cast<const std::byte*>(parts[1].data()), parts[1].size()));
        } catch (const StreamProtocolError& e) {
            log(LogLevel::Warning, kLog, "client " + hex_id(routing_id) + " sent a bad request: " + e.what());
            send_error(routing_id, e.what());
            continue;
        }
        std::lock_guard lock(clients_mutex_);
        auto [it, inserted] = clients_.try_emplace(routing_id);
        Client& client = it->second;
        if (inserted) {
            client.routing_id = routing_id;
            std::lock_guard slot_lock(slot_mutex_);
            client.told_state = slot_.state;
            log(LogLevel::Info, kLog, "stream client " + hex_id(routing_id) + " connected");
        }
        client.waiting = true;
        client.after_index = request.after_stream_index;
        client.mode = request.mode;
        client.last_request_ns = host_now_ns();
    }
}

void StreamPublisher::answer_waiting_clients() {
    Slot slot;
    {
        std::lock_guard lock(slot_mutex_);
        slot = slot_;
    }
    const std::int64_t now = host_now_ns();
    const auto notice_after_ns = std::chrono::duration_cast<std::chrono::nanoseconds>(kStreamNoticeInterval).count();
    std::lock_guard lock(clients_mutex_);
    for (auto it = clients_.begin(); it != clients_.end();) {
        Client& client = it->second;
        bool gone = false;
        if (client.waiting) {
            try {
                const bool newer = slot.newest && (!client.after_index || slot.newest_index > *client.after_index);
                if (newer && client.after_index && client.mode == StreamMode::InOrder) {
                    auto [frame, index] = backlog_frame(*client.after_index + 1);
                    send_frame(client, slot, frame, index, index - *client.after_index - 1);
                } else if (newer) {
                    const std::uint64_t skipped = client.after_index && slot.newest_index > *client.after_index + 1
                                                      ? slot.newest_index - *client.after_index - 1
                                                      : 0;
                    send_frame(client, slot, slot.newest, slot.newest_index, skipped);
                } else if (slot.state != client.told_state ||
                         now - std::max(client.last_request_ns, client.last_reply_ns) >= notice_after_ns)
                    send_notice(client, slot);
            } catch (const zmq::error_t& e) {
                if (e.num() != EHOSTUNREACH) throw;
                gone = true;
            }
        }
        if (gone) {
            log(LogLevel::Info, kLog, "stream client " + hex_id(client.routing_id) + " disconnected");
            skipped_by_forgotten_clients_ += skips_so_far(client, slot);
            it = clients_.erase(it);
        } else {
            ++it;
        }
    }
}

std::pair<std::shared_ptr<const Frame>, std::uint64_t> StreamPublisher::backlog_frame(std::uint64_t index) const {
    std::lock_guard lock(slot_mutex_);
    // The backlog may have moved on since the caller's snapshot; clamp to what it holds now.
    if (index < slot_.oldest_index) index = slot_.oldest_index;
    if (index > slot_.newest_index) index = slot_.newest_index;
    return {backlog_[index - slot_.oldest_index], index};
}

void StreamPublisher::send_frame(Client& client, const Slot& slot, const std::shared_ptr<const Frame>& frame,
                                 std::uint64_t index, std::uint64_t skipped) {
    StreamHeader header;
    header.kind = StreamMessageKind::Frame;
    header.sequence = frame->sequence;
    header.stream_index = index;
    header.device_time_us = frame->device_time_us;
    header.host_time_ns = frame->host_time_ns;
    header.geometry = slot.geometry;
    header.device_state = slot.state;
    header.has_frame = true;
    header.payload_bytes = static_cast<std::uint32_t>(frame->pressure_kpa.size() * sizeof(float));
    header.skipped = skipped;
    header.publish_time_ns = host_now_ns();
    auto header_bytes = encode_header(header);
    zmq::message_t header_message(header_bytes.data(), header_bytes.size());
    zmq::message_t payload = pressure_message(frame);
    if (send_reply(client, header_message, &payload)) {
        client.frames_skipped += header.skipped;
        ++client.frames_sent;
        ++frames_sent_;
    } else {
        // Its queue is full: it is not reading. This frame counts as skipped for it.
        client.frames_skipped += 1 + header.skipped;
    }
    client.last_sent_index = index;
    client.told_state = slot.state;
}

void StreamPublisher::send_notice(Client& client, const Slot& slot) {
    StreamHeader header;
    header.kind = StreamMessageKind::Notice;
    header.geometry = slot.geometry;
    header.device_state = slot.state;
    header.has_frame = slot.newest != nullptr;
    if (slot.newest) {
        header.sequence = slot.newest->sequence;
        header.stream_index = slot.newest_index;
    }
    header.publish_time_ns = host_now_ns();
    auto header_bytes = encode_header(header);
    zmq::message_t header_message(header_bytes.data(), header_bytes.size());
    send_reply(client, header_message, nullptr);
    client.told_state = slot.state;
}

bool StreamPublisher::send_reply(Client& client, zmq::message_t& header, zmq::message_t* payload) {
    client.waiting = false;
    client.last_reply_ns = host_now_ns();
    zmq::message_t id(client.routing_id.data(), client.routing_id.size());
    if (!router_.send(id, zmq::send_flags::sndmore | zmq::send_flags::dontwait)) return false;
    if (!payload) return router_.send(header, zmq::send_flags::dontwait).has_value();
    router_.send(header, zmq::send_flags::sndmore | zmq::send_flags::dontwait);
    return router_.send(*payload, zmq::send_flags::dontwait).has_value();
}

void StreamPublisher::send_error(const std::string& routing_id, const std::string& message) {
    StreamHeader header;
    header.kind = StreamMessageKind::Error;
    header.payload_bytes = static_cast<std::uint32_t>(message.size());
    header.publish_time_ns = host_now_ns();
    auto header_bytes = encode_header(header);
    try {
        zmq::message_t id(routing_id.data(), routing_id.size());
        if (!router_.send(id, zmq::send_flags::sndmore | zmq::send_flags::dontwait)) return;
        router_.send(zmq::message_t(header_bytes.data(), header_bytes.size()),
                     zmq::send_flags::sndmore | zmq::send_flags::dontwait);
        router_.send(zmq::message_t(message.data(), message.size()), zmq::send_flags::dontwait);
    } catch (const zmq::error_t&) {
        // The client is gone; nothing to tell.
    }
}

void StreamPublisher::forget_idle_clients() {
    Slot slot;
    {
        std::lock_guard lock(slot_mutex_);
        slot = slot_;
    }
    const std::int64_t now = host_now_ns();
    const auto forget_ns = std::chrono::duration_cast<std::chrono::nanoseconds>(kStreamForgetClientAfter).count();
    std::lock_guard lock(clients_mutex_);
    for (auto it = clients_.begin(); it != clients_.end();) {
        if (now - it->second.last_request_ns > forget_ns) {
            log(LogLevel::Info, kLog,
                "stream client " + hex_id(it->first) + " forgotten (no request for " +
                    std::to_string(kStreamForgetClientAfter.count()) + " s)");
            skipped_by_forgotten_clients_ += skips_so_far(it->second, slot);
            it = clients_.erase(it);
        } else {
            ++it;
        }
    }
}

std::uint64_t StreamPublisher::frames_skipped() const {
    std::uint64_t total = 0;
    for (const auto& client : clients()) total += client.frames_skipped;
    std::lock_guard lock(clients_mutex_);
    return total + skipped_by_forgotten_clients_;
}

std::vector<StreamClientStatus> StreamPublisher::clients() const {
    Slot slot;
    {
        std::lock_guard lock(slot_mutex_);
        slot = slot_;
    }
    const std::int64_t now = host_now_ns();
    std::vector<StreamClientStatus> out;
    std::lock_guard lock(clients_mutex_);
    for (const auto& [id, client] : clients_) {
        StreamClientStatus status;
        status.id = hex_id(id);
        status.frames_sent = client.frames_sent;
        status.frames_skipped = skips_so_far(client, slot);
        status.waiting = client.waiting;
        status.idle_s = static_cast<double>(now - client.last_request_ns) * 1e-9;
        out.push_back(status);
    }
    return out;
}

}  // namespace plantar::daemon
