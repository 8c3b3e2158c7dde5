set(PLANTAR_DAEMON_SOURCES)  # the daemon core, stream protocol, recorder, client: capture/src/daemon/*.cpp
