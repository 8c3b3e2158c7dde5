#include "plantar/capture/daemon/endpoints.hpp"

#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstdlib>
#include <cstring>
#include <filesystem>

#include "plantar/capture/errors.hpp"

namespace plantar::daemon {

namespace {

constexpr const char* kIpcScheme = "ipc://";
constexpr const char* kTcpScheme = "tcp://";

bool starts_with(const std::string& text, const char* prefix) { return text.rfind(prefix, 0) == 0; }

std::string ipc_folder(const std::string& endpoint) { return endpoint.substr(std::strlen(kIpcScheme)); }

}  // namespace

std::string default_socket_directory() {
    if (const char* runtime = std::getenv("XDG_RUNTIME_DIR"); runtime && *runtime)
        return (std::filesystem::path(runtime) / "plantar").string();
    return "/tmp/plantar-" + std::to_string(getuid());
}

Endpoints resolve_endpoints(const std::string& base_text) {
    std::string base = base_text;
    if (base.empty()) {
        if (const char* from_env = std::getenv("PLANTAR_ENDPOINT"); from_env && *from_env) base = from_env;
    }
    if (base.empty()) base = std::string(kIpcScheme) + default_socket_directory();

    if (starts_with(base, kIpcScheme)) {
        std::string folder = ipc_folder(base);
        while (folder.size() > 1 && folder.back() == '/') folder.pop_back();
        if (folder.empty())
            throw InvalidArgument("endpoint '" + base_text + "' names no folder (use ipc:///some/folder)");
        return {kIpcScheme + folder + "/control", kIpcScheme + folder + "/stream"};
    }
    if (starts_with(base, kTcpScheme)) {
        auto colon = base.rfind(':');
        std::string host = base.substr(std::strlen(kTcpScheme), colon - std::strlen(kTcpScheme));
        std::string port_text = colon == std::string::npos ? "" : base.substr(colon + 1);
        char* end = nullptr;
        long port = port_text.empty() ? 0 : std::strtol(port_text.c_str(), &end, 10);
        if (host.empty() || port_text.empty() || *end != '\0' || port < 1 || port > 65534)
            throw InvalidArgument("endpoint '" + base +
                                  "' is not tcp://HOST:PORT with a port of 1 .. 65534 "
                                  "(the stream uses PORT + 1)");
        return {kTcpScheme + host + ":" + std::to_string(port), kTcpScheme + host + ":" + std::to_string(port + 1)};
    }
    throw InvalidArgument("endpoint '" + base + "' is neither ipc:///FOLDER nor tcp://HOST:PORT");
}

void prepare_endpoint_directory(const Endpoints& endpoints) {
    for (const auto& endpoint : {endpoints.control, endpoints.stream}) {
        if (!starts_with(endpoint, kIpcScheme)) continue;
        auto folder = std::filesystem::path(ipc_folder(endpoint)).parent_path();
        std::error_code error;
        bool created = std::filesystem::create_directories(folder, error);
        if (error) throw IoError("cannot create the socket folder " + folder.string() + ": " + error.message());
        // Only this user may connect: the stream carries a person's pressures, and the control
        // channel can write files as this user. A folder that existed is left as its owner set it.
        if (created && ::chmod(folder.c_str(), S_IRWXU) != 0)
            throw IoError("cannot restrict the socket folder " + folder.string() + ": " + std::strerror(errno));
    }
}

}  // namespace plantar::daemon
