#include "plantar/viz/daemon_launcher.hpp"

#include <fcntl.h>
#include <pthread.h>
#include <signal.h>
#include <sys/prctl.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cerrno>
#include <cstdlib>
#include <cstring>
#include <sstream>
#include <thread>

#include "plantar/capture/daemon/client.hpp"
#include "plantar/capture/errors.hpp"

namespace plantar::viz {
namespace {

bool executable(const std::filesystem::path& path) {
    std::error_code ignored;
    return std::filesystem::is_regular_file(path, ignored) && ::access(path.c_str(), X_OK) == 0;
}

std::filesystem::path this_program_folder() {
    std::error_code error;
    const auto exe = std::filesystem::read_symlink("/proc/self/exe", error);
    return error ? std::filesystem::path() : exe.parent_path();
}

}  // namespace

std::optional<std::filesystem::path> find_plantard(std::string& searched) {
    std::vector<std::filesystem::path> candidates;
    if (const char* env = std::getenv("PLANTARD"); env && *env) candidates.emplace_back(env);
    if (const auto here = this_program_folder(); !here.empty()) {
        candidates.push_back(here.parent_path() / "capture" / "plantard");  // build tree: <build>/viz/plantar-view
        candidates.push_back(here / "plantard");                            // installed side by side
    }
    searched.clear();
    for (const auto& candidate : candidates) {
        if (executable(candidate)) return std::filesystem::absolute(candidate);
        searched += (searched.empty() ? "" : ", ") + candidate.string();
    }
    if (const char* path = std::getenv("PATH")) {
        std::stringstream folders(path);
        for (std::string folder; std::getline(folders, folder, ':');)
            if (!folder.empty() && executable(std::filesystem::path(folder) / "plantard"))
                return std::filesystem::path(folder) / "plantard";
    }
    searched += (searched.empty() ? "" : ", ") + std::string("PATH");
    return std::nullopt;
}

std::vector<std::string> simulated_walk_arguments(const std::string& endpoint) {
    std::vector<std::string> arguments = {"--source", "sim", "--scenario", "walk", "--plate", "256x64"};
    if (!endpoint.empty()) {
        arguments.push_back("--endpoint");
        arguments.push_back(endpoint);
    }
    return arguments;
}

std::filesystem::path started_daemon_log_file() {
    const char* runtime = std::getenv("XDG_RUNTIME_DIR");
    std::filesystem::path folder = runtime && *runtime ? runtime : "/tmp";
    return folder / ("plantard-from-plantar-view-" + std::to_string(::getpid()) + ".log");
}

StartedDaemon::StartedDaemon(const std::filesystem::path& program, const std::vector<std::string>& arguments,
                             const std::filesystem::path& log_file)
    : log_file_(log_file) {
    const int log = ::open(log_file.c_str(), O_WRONLY | O_CREAT | O_APPEND | O_CLOEXEC, 0600);
    if (log < 0) throw IoError("cannot open the log file " + log_file.string() + " for plantard: " + std::strerror(errno));
    std::vector<std::string> argv_text = {program.string()};
    argv_text.insert(argv_text.end(), arguments.begin(), arguments.end());
    std::vector<char*> argv;
    for (auto& text : argv_text) argv.push_back(text.data());
    argv.push_back(nullptr);
    const pid_t parent = ::getpid();
    // Signals wait until the child has put back the default handlers: a SIGTERM that comes
    // before exec must end it, not run this program's handlers in the copy.
    sigset_t all, previous;
    sigfillset(&all);
    ::pthread_sigmask(SIG_SETMASK, &all, &previous);
    pid_ = ::fork();
    if (pid_ == 0) {
        // The child: only async-signal-safe calls until exec.
        for (int signal_number : {SIGTERM, SIGINT, SIGHUP, SIGQUIT, SIGPIPE}) ::signal(signal_number, SIG_DFL);
        ::pthread_sigmask(SIG_SETMASK, &previous, nullptr);
        ::prctl(PR_SET_PDEATHSIG, SIGTERM);
        if (::getppid() != parent) ::_exit(127);  // the viewer died before prctl took effect
        ::dup2(log, STDOUT_FILENO);
        ::dup2(log, STDERR_FILENO);
        const int null = ::open("/dev/null", O_RDONLY);
        if (null >= 0) ::dup2(null, STDIN_FILENO);
        ::setpgid(0, 0);  // Ctrl-C in the viewer's terminal reaches the viewer, which stops it cleanly
        ::execv(argv[0], argv.data());
        ::_exit(127);
    }
    const int fork_errno = errno;
    ::pthread_sigmask(SIG_SETMASK, &previous, nullptr);
    ::close(log);
    if (pid_ < 0) throw IoError(std::string("cannot start plantard: ") + std::strerror(fork_errno));
}

bool StartedDaemon::running(std::string& why) {
    if (reaped_) return false;
    int status = 0;
    const pid_t done = ::waitpid(pid_, &status, WNOHANG);
    if (done == 0) return true;
    reaped_ = true;
    if (done < 0)
        why = "cannot be waited for";
    else if (WIFEXITED(status))
        why = "exited with code " + std::to_string(WEXITSTATUS(status));
    else if (WIFSIGNALED(status))
        why = "was killed by signal " + std::to_string(WTERMSIG(status));
    return false;
}

std::string StartedDaemon::wait_until_answering(const std::string& endpoint, std::chrono::milliseconds limit) {
    const auto end = std::chrono::steady_clock::now() + limit;
    daemon::DaemonClient client(endpoint, std::chrono::milliseconds(300));
    std::string why, problem;
    while (std::chrono::steady_clock::now() < end) {
        if (!running(why)) return "the plantard it started " + why + " (its log: " + log_file_.string() + ")";
        try {
            client.status();
            return {};
        } catch (const std::exception& e) {
            problem = e.what();
        }
        std::this_thread::sleep_for(std::chrono::milliseconds(100));
    }
    return "the plantard it started does not answer after " + std::to_string(limit.count() / 1000) + " s (" + problem +
           "; its log: " + log_file_.string() + ")";
}

StartedDaemon::~StartedDaemon() {
    if (pid_ <= 0 || reaped_) return;
    ::kill(pid_, SIGTERM);
    // plantard closes a recording in progress before it exits: give it time, then insist.
    for (int waited_ms = 0; waited_ms < 10000; waited_ms += 20) {
        if (::waitpid(pid_, nullptr, WNOHANG) != 0) return;
        std::this_thread::sleep_for(std::chrono::milliseconds(20));
    }
    ::kill(pid_, SIGKILL);
    ::waitpid(pid_, nullptr, 0);
}

}  // namespace plantar::viz
