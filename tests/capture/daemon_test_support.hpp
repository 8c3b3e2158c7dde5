// Shared pieces of the daemon tests: private endpoints and folders, sources that run fast, and
// stream clients that read on their own thread.
#pragma once

#include <unistd.h>

#include <atomic>
#include <chrono>
#include <filesystem>
#include <functional>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

#include "plantar/capture/daemon/client.hpp"
#include "plantar/capture/daemon/daemon.hpp"
#include "plantar/capture/daemon/sources.hpp"
#include "plantar/capture/session/session.hpp"

namespace plantar::daemon::test {

// A folder of its own for each test, removed at the end.
class TestFolder {
public:
    TestFolder() {
        static std::atomic<int> counter{0};
        path_ = std::filesystem::temp_directory_path() /
                ("plantar-daemon-test-" + std::to_string(getpid()) + "-" + std::to_string(counter++));
        std::filesystem::remove_all(path_);
        std::filesystem::create_directories(path_);
    }
    ~TestFolder() {
        std::error_code ignored;
        std::filesystem::remove_all(path_, ignored);
    }
    const std::filesystem::path& path() const { return path_; }
    std::filesystem::path file(const std::string& name) const { return path_ / name; }
    // The daemon's sockets live in the test's folder, so tests never meet a real plantard.
    std::string endpoint() const { return "ipc://" + (path_ / "sockets").string(); }

private:
    std::filesystem::path path_;
};

inline sim::SimulationConfig simulation(double rate_hz, double seconds,
                                        PlateGeometry geometry = PlateGeometry::clinical_plate()) {
    sim::SimulationConfig config;
    config.scenario = sim::Scenario::Walk;
    config.geometry = geometry;
    config.rate_hz = rate_hz;
    config.duration_s = seconds;
    config.seed = 7;
    return config;
}

inline DaemonOptions options_for(const TestFolder& folder) {
    DaemonOptions options;
    options.endpoints = resolve_endpoints(folder.endpoint());
    options.version = "test";
    return options;
}

inline RecordingRequest recording_to(const std::filesystem::path& file) {
    RecordingRequest request;
    request.file = file.string();
    request.subject.id = "T-0001";
    request.kind = TrialKind::Walk;
    return request;
}

// Waits (polling) until `condition` holds or `limit` passes; returns whether it held. Tests use
// it to wait for something that must happen, never to assert how fast.
inline bool eventually(const std::function<bool()>& condition,
                       std::chrono::milliseconds limit = std::chrono::seconds(30)) {
    const auto end = std::chrono::steady_clock::now() + limit;
    while (std::chrono::steady_clock::now() < end) {
        if (condition()) return true;
        std::this_thread::sleep_for(std::chrono::milliseconds(1));
    }
    return condition();
}

// A stream client reading as fast as it can on its own thread, keeping what it saw.
class ReadingClient {
public:
    explicit ReadingClient(const std::string& endpoint, StreamMode mode = StreamMode::Newest)
        : stream_(endpoint, mode) {
        thread_ = std::thread([this] {
            while (!stream_.stopped()) {
                auto frame = stream_.next_within(std::chrono::milliseconds(100));
                if (!frame) continue;
                auto timing = stream_.last_timing();
                std::lock_guard lock(mutex_);
                sequences_.push_back(frame->sequence);
                indexes_.push_back(timing.stream_index);
            }
        });
    }
    ~ReadingClient() { stop(); }
    void stop() {
        stream_.stop();
        if (thread_.joinable()) thread_.join();
    }
    std::vector<std::uint64_t> sequences() const {
        std::lock_guard lock(mutex_);
        return sequences_;
    }
    std::vector<std::uint64_t> indexes() const {
        std::lock_guard lock(mutex_);
        return indexes_;
    }
    std::uint64_t skipped() const { return stream_.frames_skipped(); }

private:
    DaemonFrameStream stream_;
    mutable std::mutex mutex_;
    std::vector<std::uint64_t> sequences_;
    std::vector<std::uint64_t> indexes_;
    std::thread thread_;
};

// The sequence numbers stored in a trial, in file order.
inline std::vector<std::uint64_t> recorded_sequences(const std::filesystem::path& file, int trial = 0) {
    SessionReader reader(file);
    std::vector<std::uint64_t> sequences;
    reader.read_frames(trial, 0, reader.trial(trial).frame_count, [&](const Frame& frame) {
        sequences.push_back(frame.sequence);
        return true;
    });
    return sequences;
}

inline bool strictly_increasing(const std::vector<std::uint64_t>& values) {
    for (std::size_t i = 1; i < values.size(); ++i)
        if (values[i] <= values[i - 1]) return false;
    return true;
}

inline bool consecutive_from(const std::vector<std::uint64_t>& values, std::uint64_t first) {
    for (std::size_t i = 0; i < values.size(); ++i)
        if (values[i] != first + i) return false;
    return true;
}

}  // namespace plantar::daemon::test
