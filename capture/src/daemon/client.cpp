#include "plantar/capture/daemon/client.hpp"

#include <sys/socket.h>
#include <sys/un.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <filesystem>

#include "plantar/capture/errors.hpp"

namespace plantar::daemon {

namespace {

std::string no_daemon_message(const std::string& endpoint, const std::string& why) {
    return "no plantard is running at " + endpoint + " (" + why +
           "): start it with `plantard --source sim` (or --source usb), or name its endpoint with --endpoint";
}

// Why nobody answers at an IPC endpoint, found out at once: no socket file, or a file that a
// daemon left behind (refused). Empty when something listens there.
std::string ipc_endpoint_problem(const std::string& endpoint) {
    const std::string ipc = "ipc://";
    if (endpoint.rfind(ipc, 0) != 0) return {};
    const std::string path = endpoint.substr(ipc.size());
    if (!std::filesystem::exists(path)) return "its socket does not exist";
    sockaddr_un address{};
    if (path.size() >= sizeof address.sun_path) return {};
    address.sun_family = AF_UNIX;
    std::memcpy(address.sun_path, path.c_str(), path.size() + 1);
    int probe = ::socket(AF_UNIX, SOCK_STREAM, 0);
    if (probe < 0) return {};
    int result = ::connect(probe, reinterpret_cast<const sockaddr*>(&address), sizeof address);
    int error = errno;
    ::close(probe);
    if (result != 0 && error == ECONNREFUSED) return "its socket is left over from a daemon that stopped";
    return {};
}

// Waits until `socket` has a message or `limit` passes. A signal (Ctrl-C in `plantar record`,
// which then stops the recording) interrupts poll with EINTR: keep waiting for the rest.
bool readable_within(zmq::socket_t& socket, std::chrono::milliseconds limit) {
    const auto deadline = std::chrono::steady_clock::now() + limit;
    while (true) {
        auto left = std::chrono::duration_cast<std::chrono::milliseconds>(deadline - std::chrono::steady_clock::now());
        if (left.count() < 0) left = std::chrono::milliseconds(0);
        zmq::pollitem_t items[] = {{socket.handle(), 0, ZMQ_POLLIN, 0}};
        try {
            zmq::poll(items, 1, left);
            return (items[0].revents & ZMQ_POLLIN) != 0;
        } catch (const zmq::error_t& e) {
            if (e.num() != EINTR) throw;
            if (std::chrono::steady_clock::now() >= deadline) return false;
        }
    }
}

}  // namespace

DaemonClient::DaemonClient(const std::string& endpoint, std::chrono::milliseconds timeout)
    : endpoints_(resolve_endpoints(endpoint)), timeout_(timeout) {
    reconnect();
}

DaemonClient::~DaemonClient() = default;

void DaemonClient::reconnect() {
    // A REQ socket whose request got no answer cannot send again; a fresh one can.
    socket_ = std::make_unique<zmq::socket_t>(context_, zmq::socket_type::req);
    socket_->set(zmq::sockopt::linger, 0);
    socket_->connect(endpoints_.control);
}

nlohmann::json DaemonClient::request(const nlohmann::json& body, std::optional<std::chrono::milliseconds> timeout) {
    if (auto problem = ipc_endpoint_problem(endpoints_.control); !problem.empty())
        throw IoError(no_daemon_message(endpoints_.control, problem));
    const std::string text = body.dump();
    if (!socket_->send(zmq::buffer(text), zmq::send_flags::dontwait)) {
        reconnect();
        throw IoError(no_daemon_message(endpoints_.control, "cannot send to it"));
    }
    if (!readable_within(*socket_, timeout.value_or(timeout_))) {
        reconnect();
        throw IoError(no_daemon_message(
            endpoints_.control, "no answer within " + std::to_string(timeout.value_or(timeout_).count()) + " ms"));
    }
    zmq::message_t reply;
    (void)socket_->recv(reply, zmq::recv_flags::none);
    try {
        return nlohmann::json::parse(reply.to_string());
    } catch (const nlohmann::json::exception&) {
        throw DaemonRequestError("bad_reply",
                                 "the answer at " + endpoints_.control + " is not JSON: is it a plantard?");
    }
}

nlohmann::json DaemonClient::checked(const nlohmann::json& body, std::optional<std::chrono::milliseconds> timeout) {
    nlohmann::json reply = request(body, timeout);
    if (reply.is_object() && reply.value("protocol_version", kControlProtocolVersion) != kControlProtocolVersion)
        throw DaemonRequestError("bad_reply", "plantard speaks control protocol version " +
                                                  reply["protocol_version"].dump() + "; this plantar speaks version " +
                                                  std::to_string(kControlProtocolVersion) +
                                                  " (update the older of the two)");
    if (!reply.is_object() || !reply.value("ok", false)) {
        std::string message = reply.is_object() ? reply.value("error", std::string("plantard refused the request"))
                                                : std::string("plantard sent an unexpected answer");
        std::string kind = reply.is_object() ? reply.value("error_kind", std::string("refused")) : "bad_reply";
        throw DaemonRequestError(kind, message);
    }
    return reply;
}

DaemonStatus DaemonClient::status() { return status_from_json(status_json()); }

nlohmann::json DaemonClient::status_json() { return checked({{"request", "status"}}); }

RecordingStatus DaemonClient::start_recording(const RecordingRequest& request) {
    // Opening (or appending to) a big file can take longer than a status request.
    return recording_status_from_json(
        checked(to_json(request), std::max(timeout_, std::chrono::milliseconds(10000))).at("recording"));
}

RecordingStatus DaemonClient::stop_recording() {
    return recording_status_from_json(
        checked({{"request", "stop_recording"}}, std::max(timeout_, kStopRecordingTimeout)).at("recording"));
}

nlohmann::json DaemonClient::list_devices() { return checked({{"request", "list_devices"}}); }

void DaemonClient::set_rate(double rate_hz) { checked({{"request", "set_rate"}, {"rate_hz", rate_hz}}); }

}  // namespace plantar::daemon
