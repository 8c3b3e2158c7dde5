#include "plantar/capture/log.hpp"

#include <atomic>
#include <chrono>
#include <ctime>
#include <mutex>

namespace plantar {

namespace {

// The one process-wide logging state: a program configures it once at start-up.
struct LogState {
    std::mutex mutex;
    LogSink sink;
    std::atomic<int> minimum{static_cast<int>(LogLevel::Info)};
};

LogState& state() {
    static LogState instance;
    return instance;
}

std::string utc_now() {
    auto now = std::chrono::system_clock::now();
    auto seconds = std::chrono::system_clock::to_time_t(now);
    auto millis = std::chrono::duration_cast<std::chrono::milliseconds>(now.time_since_epoch()).count() % 1000;
    std::tm parts{};
    gmtime_r(&seconds, &parts);
    char text[96];  // room for any int the format could print
    std::snprintf(text, sizeof text, "%04d-%02d-%02dT%02d:%02d:%02d.%03dZ", parts.tm_year + 1900, parts.tm_mon + 1,
                  parts.tm_mday, parts.tm_hour, parts.tm_min, parts.tm_sec, static_cast<int>(millis));
    return text;
}

}  // namespace

std::string_view to_string(LogLevel level) {
    switch (level) {
        case LogLevel::Debug: return "debug";
        case LogLevel::Info: return "info";
        case LogLevel::Warning: return "warning";
        case LogLevel::Error: return "error";
    }
    return "unknown";
}

void set_log_sink(LogSink sink) {
    std::lock_guard lock(state().mutex);
    state().sink = std::move(sink);
}

void set_log_level(LogLevel minimum) { state().minimum = static_cast<int>(minimum); }

bool log_enabled(LogLevel level) { return static_cast<int>(level) >= state().minimum.load(); }

void log(LogLevel level, std::string_view component, std::string_view message) {
    if (!log_enabled(level)) return;
    std::lock_guard lock(state().mutex);
    if (state().sink) state().sink(level, component, message);
}

LogSink line_log_sink(std::FILE* out) {
    return [out](LogLevel level, std::string_view component, std::string_view message) {
        std::fprintf(out, "%s %s [%.*s] %.*s\n", utc_now().c_str(), std::string(to_string(level)).c_str(),
                     static_cast<int>(component.size()), component.data(), static_cast<int>(message.size()),
                     message.data());
        std::fflush(out);
    };
}

}  // namespace plantar
