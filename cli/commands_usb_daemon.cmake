# Sources of the daemon-facing subcommands (record, status) and of `devices`.
set(PLANTAR_CLI_DAEMON_SOURCES)
set(PLANTAR_CLI_USB_SOURCES)
