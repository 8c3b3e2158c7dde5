// Where a plantard listens: a control endpoint (JSON requests) and a stream endpoint (frames).
// Both are local by default, so a plate's pressures never leave the machine unless asked to.
#pragma once

#include <string>

namespace plantar::daemon {

struct Endpoints {
    std::string control;  // "ipc:///run/user/1000/plantar/control" or "tcp://127.0.0.1:5555"
    std::string stream;   // "ipc:///run/user/1000/plantar/stream" or "tcp://127.0.0.1:5556"
    bool operator==(const Endpoints&) const = default;
};

// The folder of the default IPC sockets: $XDG_RUNTIME_DIR/plantar, or /tmp/plantar-UID when the
// runtime directory is not set (a session without systemd-logind, a container).
std::string default_socket_directory();

// The endpoints named by `base`, as `plantard --endpoint` and the clients take it:
//   ""                      the default: ipc://<default_socket_directory()>/{control,stream}
//   "ipc:///some/dir"       ipc:///some/dir/control and ipc:///some/dir/stream
//   "tcp://HOST:PORT"       control on tcp://HOST:PORT, stream on tcp://HOST:PORT+1
// An empty base also honours the PLANTAR_ENDPOINT environment variable. Throws InvalidArgument
// for anything else, saying which forms work.
Endpoints resolve_endpoints(const std::string& base = {});

// For an IPC endpoint, creates its folder (mode 0700: only this user may connect). Throws
// IoError when it cannot. Does nothing for TCP.
void prepare_endpoint_directory(const Endpoints& endpoints);

}  // namespace plantar::daemon
