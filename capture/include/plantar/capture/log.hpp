// Levelled logs tagged by component. Library code never prints: it hands messages to the sink
// a program installs (the daemon writes them to stderr and/or a file); with no sink installed,
// messages go nowhere.
#pragma once

#include <cstdio>
#include <functional>
#include <string>
#include <string_view>

namespace plantar {

enum class LogLevel { Debug = 0, Info = 1, Warning = 2, Error = 3 };
std::string_view to_string(LogLevel level);  // "debug", "info", "warning", "error"

using LogSink = std::function<void(LogLevel level, std::string_view component, std::string_view message)>;

// Both are safe to call from any thread; the sink is called with a lock held, one message at a time.
void set_log_sink(LogSink sink);
void set_log_level(LogLevel minimum);
bool log_enabled(LogLevel level);
void log(LogLevel level, std::string_view component, std::string_view message);

// A sink that writes "2026-11-21T06:20:01.123Z warning [usb] plate 0042 unplugged" lines to a
// FILE* (stderr, or a log file the program opened), flushing each line.
LogSink line_log_sink(std::FILE* out);

}  // namespace plantar
