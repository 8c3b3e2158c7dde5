// The control channel of plantard: a REP socket on its own thread that turns each JSON request
// into a call on the daemon and each result or error into a JSON reply. A bad request gets an
// error reply naming the problem; nothing a client sends can stop the daemon.
#pragma once

#include <atomic>
#include <functional>
#include <nlohmann/json.hpp>
#include <string>
#include <thread>
#include <zmq.hpp>

namespace plantar::daemon {

class ControlServer {
public:
    // Answers one request (an object with a "request" field). Throws DaemonRequestError or any
    // plantar::Error for an error reply.
    using Handler = std::function<nlohmann::json(const std::string& request, const nlohmann::json& body)>;

    // Binds `endpoint`; throws IoError when it cannot.
    ControlServer(zmq::context_t& context, const std::string& endpoint, Handler handler);
    ~ControlServer();
    ControlServer(const ControlServer&) = delete;
    ControlServer& operator=(const ControlServer&) = delete;

    void stop();

    // The reply to one raw request text: what the thread sends back. Public for unit tests.
    nlohmann::json reply_to(const std::string& text) const;

private:
    void run();

    zmq::socket_t socket_;
    Handler handler_;
    std::atomic<bool> stopping_{false};
    std::thread thread_;
};

}  // namespace plantar::daemon
