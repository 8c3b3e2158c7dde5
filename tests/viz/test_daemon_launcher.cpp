// plantar-view --live's daemon launcher: which plantard it picks, and that a program it started
// is stopped (and reaped) when the viewer lets go of it; a program that exits at once is reported
// with its exit code and log. Real processes, no daemon needed.
#include <doctest/doctest.h>

#include <signal.h>
#include <stdlib.h>

#include <algorithm>
#include <filesystem>

#include "plantar/viz/daemon_launcher.hpp"

using namespace plantar::viz;

namespace {

// Sets an environment variable for one test and restores it after.
class ScopedEnv {
public:
    ScopedEnv(const char* name, const char* value) : name_(name) {
        if (const char* old = std::getenv(name)) old_ = old;
        ::setenv(name, value, 1);
    }
    ~ScopedEnv() {
        if (old_.empty())
            ::unsetenv(name_);
        else
            ::setenv(name_, old_.c_str(), 1);
    }

private:
    const char* name_;
    std::string old_;
};

std::filesystem::path log_file(const char* name) {
    return std::filesystem::temp_directory_path() / (std::string("plantar-launcher-test-") + std::to_string(::getpid()) + name);
}

}  // namespace

TEST_CASE("$PLANTARD names the plantard to start; the walk runs on a 256x64 walkway at the endpoint asked for") {
    ScopedEnv env("PLANTARD", "/bin/true");
    std::string searched;
    const auto found = find_plantard(searched);
    REQUIRE(found);
    CHECK(*found == "/bin/true");
    const auto arguments = simulated_walk_arguments("ipc:///tmp/x");
    CHECK(std::find(arguments.begin(), arguments.end(), "256x64") != arguments.end());
    CHECK(std::find(arguments.begin(), arguments.end(), "walk") != arguments.end());
    CHECK(std::find(arguments.begin(), arguments.end(), "ipc:///tmp/x") != arguments.end());
    const auto default_endpoint = simulated_walk_arguments("");
    CHECK(std::find(default_endpoint.begin(), default_endpoint.end(), "--endpoint") == default_endpoint.end());
}

TEST_CASE("a started program runs until the launcher is dropped, which stops it") {
    pid_t pid = 0;
    const auto log = log_file("-sleep.log");
    {
        StartedDaemon started("/bin/sleep", {"30"}, log);
        pid = started.pid();
        std::string why;
        CHECK(started.running(why));
        CHECK(::kill(pid, 0) == 0);
    }
    CHECK(::kill(pid, 0) == -1);  // stopped and reaped: no such process
    std::filesystem::remove(log);
}

TEST_CASE("a program that exits at once is reported with its exit code and its log") {
    const auto log = log_file("-false.log");
    StartedDaemon started("/bin/false", {}, log);
    const std::string problem = started.wait_until_answering("ipc:///nonexistent-plantar-test", std::chrono::seconds(10));
    CHECK(problem.find("exited with code 1") != std::string::npos);
    CHECK(problem.find(log.string()) != std::string::npos);
    std::filesystem::remove(log);
}
