// The stream side of plantard: a ROUTER socket where each client long-polls for "the newest
// frame after index I" or "the next frame after index I" (docs/stream-protocol.md). The capture
// thread only puts the frame in the newest slot and the backlog and nudges the stream thread; a
// client that reads slowly gets the newest frame (or the oldest still in the backlog) when it
// asks again, and the frames in between are counted as skipped for it.
#pragma once

#include <atomic>
#include <chrono>
#include <cstdint>
#include <deque>
#include <map>
#include <memory>
#include <mutex>
#include <string>
#include <thread>
#include <vector>
#include <zmq.hpp>

#include "plantar/capture/daemon/control_protocol.hpp"
#include "plantar/capture/daemon/stream_protocol.hpp"
#include "plantar/capture/frame.hpp"
#include "plantar/capture/live_source.hpp"

namespace plantar::daemon {

// A waiting client gets a Notice after this long without a frame, so it knows the daemon is
// alive and what the device is doing (searching, lost, ended).
inline constexpr std::chrono::milliseconds kStreamNoticeInterval{1000};
// A client that has not asked for anything for this long is forgotten (its skips stay in the
// total). Clients ask at least every kStreamNoticeInterval while they read.
inline constexpr std::chrono::seconds kStreamForgetClientAfter{30};
// Recent frames kept for in-order clients: 512 frames ride out a client's stall of 256 ms at
// 2,000 fps (a scheduling hiccup on a busy machine, a garbage collection in a script) and cost
// 8 MiB on a 64 x 64 plate, 32 MiB on a 256 x 64 walkway. The frames are shared with the
// recorder and the newest slot, not copied.
inline constexpr std::size_t kStreamBacklogFrames = 512;

class StreamPublisher {
public:
    // Binds `endpoint`; throws IoError when it cannot.
    StreamPublisher(zmq::context_t& context, const std::string& endpoint);
    ~StreamPublisher();
    StreamPublisher(const StreamPublisher&) = delete;
    StreamPublisher& operator=(const StreamPublisher&) = delete;

    // Capture thread only: makes `frame` the newest. Never blocks.
    void publish(std::shared_ptr<const Frame> frame, const PlateGeometry& geometry);
    // Capture thread only: the device state changed; waiting clients get a Notice at once.
    void set_device_state(DeviceState state, const PlateGeometry& geometry);

    void stop();

    std::uint64_t frames_published() const { return frames_published_; }
    std::uint64_t frames_sent() const { return frames_sent_; }
    std::uint64_t frames_skipped() const;
    std::vector<StreamClientStatus> clients() const;

private:
    struct Client {
        std::string routing_id;
        bool waiting = false;
        std::optional<std::uint64_t> after_index;  // of the pending request
        StreamMode mode = StreamMode::Newest;      // of the pending request
        std::optional<std::uint64_t> last_sent_index;
        std::uint64_t frames_sent = 0;
        std::uint64_t frames_skipped = 0;
        std::int64_t last_request_ns = 0;
        std::int64_t last_reply_ns = 0;
        DeviceState told_state = DeviceState::Searching;
    };

    // What the capture thread hands over; read by the stream thread under slot_mutex_.
    struct Slot {
        std::shared_ptr<const Frame> newest;
        std::uint64_t newest_index = 0;
        std::uint64_t oldest_index = 0;  // of the oldest frame still in the backlog
        PlateGeometry geometry;
        DeviceState state = DeviceState::Searching;
    };

    void run();
    void nudge();
    void receive_requests();
    void answer_waiting_clients();
    // Sends the frame of stream index `index`, counting `skipped` frames before it for the client.
    void send_frame(Client& client, const Slot& slot, const std::shared_ptr<const Frame>& frame, std::uint64_t index,
                    std::uint64_t skipped);
    // The frame of `index` from the backlog, or the oldest held when it has fallen out.
    std::pair<std::shared_ptr<const Frame>, std::uint64_t> backlog_frame(std::uint64_t index) const;
    void send_notice(Client& client, const Slot& slot);
    void send_error(const std::string& routing_id, const std::string& message);
    // Sends a reply; false when the client's queue is full (it is not reading) or it is gone.
    bool send_reply(Client& client, zmq::message_t& header, zmq::message_t* payload);
    void forget_idle_clients();
    // The client's skips, counting those it will have when it next asks.
    static std::uint64_t skips_so_far(const Client& client, const Slot& slot);

    zmq::socket_t router_;
    zmq::socket_t nudge_sender_;    // capture thread's end
    zmq::socket_t nudge_receiver_;  // stream thread's end

    mutable std::mutex slot_mutex_;
    Slot slot_;
    std::deque<std::shared_ptr<const Frame>> backlog_;  // indexes slot_.oldest_index .. slot_.newest_index

    mutable std::mutex clients_mutex_;  // the stream thread changes clients_; status reads them
    std::map<std::string, Client> clients_;
    std::uint64_t skipped_by_forgotten_clients_ = 0;

    std::atomic<std::uint64_t> frames_published_{0};
    std::atomic<std::uint64_t> frames_sent_{0};
    std::atomic<bool> stopping_{false};
    std::thread thread_;
};

}  // namespace plantar::daemon
