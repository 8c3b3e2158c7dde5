# The daemon core, stream and control protocol, recorder, paced sources and client library.
set(PLANTAR_DAEMON_SOURCES
  src/daemon/endpoints.cpp
  src/daemon/stream_protocol.cpp
  src/daemon/control_protocol.cpp
  src/daemon/paced_source.cpp
  src/daemon/sources.cpp
  src/daemon/usb_source.cpp
  src/daemon/recorder.cpp
  src/daemon/stream_publisher.cpp
  src/daemon/control_server.cpp
  src/daemon/daemon.cpp
  src/daemon/client.cpp
  src/daemon/frame_stream.cpp
)
