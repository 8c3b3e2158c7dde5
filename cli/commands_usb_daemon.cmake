# Sources of the daemon-facing subcommands (record, status) and of `devices`.
set(PLANTAR_CLI_DAEMON_SOURCES record_command.cpp status_command.cpp)
set(PLANTAR_CLI_USB_SOURCES devices_command.cpp)
