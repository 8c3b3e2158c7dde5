// plantar-view --live starts plantard on the simulated plate when no daemon answers, so the
// first command of the README shows a moving walk; and stops it again when the viewer exits. A
// daemon that was already running is never touched. No GUI types.
#pragma once

#include <sys/types.h>

#include <chrono>
#include <filesystem>
#include <optional>
#include <string>
#include <vector>

namespace plantar::viz {

// Where plantard is: $PLANTARD, else next to this program in its build tree
// (<build>/viz/plantar-view -> <build>/capture/plantard) or its install folder (bin/), else
// PATH. nullopt when none of them has it; `searched` then lists where it looked.
std::optional<std::filesystem::path> find_plantard(std::string& searched);

// The arguments for a simulated walk on a 2 m walkway, several steps of each foot on screen.
std::vector<std::string> simulated_walk_arguments(const std::string& endpoint);

// A plantard this viewer started. The destructor stops it (SIGTERM, then waits; SIGKILL if it
// has not exited after 10 s). It also dies with the viewer (PR_SET_PDEATHSIG), so a crashed
// viewer leaves no daemon behind.
class StartedDaemon {
public:
    // Starts `program` with `arguments`, its stdout and stderr appended to `log_file`. Throws
    // plantar::IoError when it cannot be started.
    StartedDaemon(const std::filesystem::path& program, const std::vector<std::string>& arguments,
                  const std::filesystem::path& log_file);
    ~StartedDaemon();
    StartedDaemon(const StartedDaemon&) = delete;
    StartedDaemon& operator=(const StartedDaemon&) = delete;

    pid_t pid() const { return pid_; }
    const std::filesystem::path& log_file() const { return log_file_; }
    // Whether it is still running; when not, `why` says how it ended ("exited with code 1").
    bool running(std::string& why);
    // Waits until a status request answers, it exits, or `limit` passes. Empty when it answers,
    // else one line saying why not (naming the log).
    std::string wait_until_answering(const std::string& endpoint, std::chrono::milliseconds limit);

private:
    pid_t pid_ = -1;
    bool reaped_ = false;
    std::filesystem::path log_file_;
};

// Where the log of a started daemon goes: $XDG_RUNTIME_DIR (or /tmp)/plantard-from-plantar-view-<pid>.log.
std::filesystem::path started_daemon_log_file();

}  // namespace plantar::viz
