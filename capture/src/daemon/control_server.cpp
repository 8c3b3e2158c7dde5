#include "control_server.hpp"

#include <pthread.h>

#include "plantar/capture/daemon/control_protocol.hpp"
#include "plantar/capture/errors.hpp"
#include "plantar/capture/log.hpp"

namespace plantar::daemon {

namespace {

constexpr const char* kLog = "control";

// A request text is shown in logs and errors only up to this length.
constexpr std::size_t kShownRequestChars = 200;

std::string shown(const std::string& text) {
    return text.size() <= kShownRequestChars ? text : text.substr(0, kShownRequestChars) + "...";
}

}  // namespace

ControlServer::ControlServer(zmq::context_t& context, const std::string& endpoint, Handler handler)
    : socket_(context, zmq::socket_type::rep), handler_(std::move(handler)) {
    socket_.set(zmq::sockopt::linger, 0);
    try {
        socket_.bind(endpoint);
    } catch (const zmq::error_t& e) {
        throw IoError("cannot listen for control requests at " + endpoint + ": " + e.what());
    }
    thread_ = std::thread([this] {
        pthread_setname_np(pthread_self(), "plantard-ctl");  // names show in top -H and gdb
        run();
    });
}

ControlServer::~ControlServer() { stop(); }

void ControlServer::stop() {
    if (stopping_.exchange(true)) return;
    if (thread_.joinable()) thread_.join();
}

nlohmann::json ControlServer::reply_to(const std::string& text) const {
    nlohmann::json body;
    try {
        body = nlohmann::json::parse(text);
    } catch (const nlohmann::json::parse_error& e) {
        return error_reply("bad_request", std::string("the request is not valid JSON (") + e.what() + ")");
    }
    if (!body.is_object())
        return error_reply("bad_request",
                           "a request is a JSON object like {\"request\": \"status\"}, not " + shown(body.dump()));
    auto field = body.find("request");
    if (field == body.end() || !field->is_string())
        return error_reply("bad_request",
                           "missing field 'request' (a string: status, start_recording, "
                           "stop_recording, list_devices or set_rate)");
    const std::string request = field->get<std::string>();
    if (auto version = body.find("protocol_version"); version != body.end() && *version != kControlProtocolVersion)
        return error_reply("bad_request", "the request is for control protocol version " + version->dump() +
                                              "; this plantard speaks version " +
                                              std::to_string(kControlProtocolVersion));
    try {
        nlohmann::json reply = handler_(request, body);
        reply["ok"] = true;
        reply["protocol_version"] = kControlProtocolVersion;
        return reply;
    } catch (const DaemonRequestError& e) {
        return error_reply(e.kind, e.what());
    } catch (const InvalidArgument& e) {
        return error_reply("bad_request", e.what());
    } catch (const IoError& e) {
        return error_reply("io", e.what());
    } catch (const FileFormatError& e) {
        return error_reply("io", e.what());
    } catch (const std::exception& e) {
        log(LogLevel::Error, kLog, "request '" + request + "' failed: " + e.what());
        return error_reply("internal", std::string("plantard could not do '") + request + "': " + e.what());
    }
}

void ControlServer::run() {
    while (!stopping_) {
        zmq::pollitem_t items[] = {{socket_.handle(), 0, ZMQ_POLLIN, 0}};
        try {
            zmq::poll(items, 1, std::chrono::milliseconds(100));
            if (!(items[0].revents & ZMQ_POLLIN)) continue;
            zmq::message_t request;
            if (!socket_.recv(request, zmq::recv_flags::dontwait)) continue;
            // A REP socket must answer every request before the next: a request of several
            // parts is read whole and answered with one error.
            bool several_parts = request.more();
            while (request.more()) (void)socket_.recv(request, zmq::recv_flags::none);
            nlohmann::json reply =
                several_parts ? error_reply("bad_request", "a request is one message part holding a JSON object")
                              : reply_to(request.to_string());
            if (!reply.value("ok", false))
                log(LogLevel::Warning, kLog, "refused a request: " + reply.value("error", std::string()));
            // Texts echo what clients sent (file names); invalid UTF-8 must not stop the reply.
            std::string text = reply.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
            socket_.send(zmq::buffer(text), zmq::send_flags::none);
        } catch (const std::exception& e) {
            log(LogLevel::Warning, kLog, std::string("control channel error: ") + e.what());
        }
    }
}

}  // namespace plantar::daemon
