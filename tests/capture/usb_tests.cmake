# USB tests: the pure protocol and frame assembler (doctest), and the libusb driver, `plantar
# devices` and plantard against an emulated plate under umockdev (tests/usb/README.md).
plantar_add_test(test_usb_plate_protocol capture/test_plate_protocol.cpp LIBS plantar_capture)
plantar_add_test(test_usb_frame_assembler capture/test_frame_assembler.cpp LIBS plantar_capture)

# The emulated plate: simulated frames, and a usbmon capture written with the driver's own
# conversation and transfer plan (capture/src/usb/plate_conversation.hpp).
add_library(plantar_usb_test_support STATIC usb/simulated_stream.cpp usb/usbmon_pcap.cpp)
target_link_libraries(plantar_usb_test_support PUBLIC plantar_capture PRIVATE plantar_warnings)
target_include_directories(plantar_usb_test_support PUBLIC usb)
add_executable(usb_capture_writer usb/usb_capture_writer.cpp)
target_link_libraries(usb_capture_writer PRIVATE plantar_usb_test_support plantar_warnings)
target_include_directories(usb_capture_writer PRIVATE ${PROJECT_SOURCE_DIR}/capture/src)
add_executable(usb_plate_replay_check usb/usb_plate_replay_check.cpp)
target_link_libraries(usb_plate_replay_check PRIVATE plantar_usb_test_support plantar_warnings)

find_program(UMOCKDEV_RUN umockdev-run)
if(NOT UMOCKDEV_RUN)
  message(STATUS "umockdev-run not found: the USB driver tests under umockdev are skipped "
                 "(apt-get install umockdev, or scripts/install-deps.sh)")
  return()
endif()

set(PLANTAR_UMOCKDEV_RUNNER ${CMAKE_CURRENT_SOURCE_DIR}/usb/run_under_umockdev.sh)
set(PLANTAR_USB_WORK ${CMAKE_CURRENT_BINARY_DIR}/usb-work)

# plantar_add_umockdev_test(NAME "WRITER OPTIONS" PROGRAM ARGS...): a fresh emulated plate per test.
function(plantar_add_umockdev_test name writer_options)
  separate_arguments(options UNIX_COMMAND "${writer_options}")
  add_test(NAME ${name}
    COMMAND ${PLANTAR_UMOCKDEV_RUNNER} $<TARGET_FILE:usb_capture_writer> ${PLANTAR_USB_WORK}/${name} ${options}
            -- ${ARGN})
  set_tests_properties(${name} PROPERTIES TIMEOUT 120 LABELS usb)
endfunction()

foreach(case IN ITEMS "64 64 500 300" "256 64 1000 200" "2 3 100 50")
  string(REPLACE " " ";" parts "${case}")
  list(GET parts 0 rows)
  list(GET parts 1 cols)
  list(GET parts 2 rate)
  list(GET parts 3 frames)
  set(options "--rows ${rows} --cols ${cols} --rate ${rate} --frames ${frames}")
  separate_arguments(check_options UNIX_COMMAND "${options}")
  plantar_add_umockdev_test(usb_driver_streams_${rows}x${cols} "${options}"
    $<TARGET_FILE:usb_plate_replay_check> ${check_options})
endforeach()
plantar_add_umockdev_test(usb_driver_reports_unplug "--frames 120 --unplug"
  $<TARGET_FILE:usb_plate_replay_check> --frames 120 --unplug)
plantar_add_umockdev_test(usb_driver_follows_replug "--frames 120 --replug 60"
  $<TARGET_FILE:usb_plate_replay_check> --frames 120 --replug 60)

# `plantar devices` lists the emulated plate (one replay per test: a capture is used up once read).
set(devices_plate "--devices-only --serial PLT-DEV-0042 --rows 256 --cols 64 --rate 250")
plantar_add_umockdev_test(usb_devices_lists_the_plate "${devices_plate}"
  ${CMAKE_CURRENT_SOURCE_DIR}/usb/expect_output.sh "bus 1 address 2" "1209:0001" "serial PLT-DEV-0042"
  "firmware sim-1.0" "256x64 sensors at 7.8 x 7.8 mm" "12-bit" "250 Hz (max 2000 Hz)" -- $<TARGET_FILE:plantar> devices)
plantar_add_umockdev_test(usb_devices_json "${devices_plate}"
  ${CMAKE_CURRENT_SOURCE_DIR}/usb/expect_output.sh "\"serial\": \"PLT-DEV-0042\"" "\"usb_id\": \"1209:0001\""
  "\"rows\": 256" "\"cols\": 64" -- $<TARGET_FILE:plantar> devices --json)

# The real plantard on the emulated plate: a client gets every frame bit-exact, a recording
# holds them all; with --unplug the daemon reports the plate lost and closes the recording.
if(NOT TARGET plantard)
  message(STATUS "no plantard target: the USB end-to-end tests with plantard are skipped")
  return()
endif()
add_executable(usb_daemon_e2e_check usb/usb_daemon_e2e_check.cpp)
target_link_libraries(usb_daemon_e2e_check PRIVATE plantar_usb_test_support plantar_warnings)
# The stream is latest-wins: a client that falls a frame period behind skips one. So these run
# alone (RUN_SERIAL) at a modest rate, where a client keeps up even on a busy machine.
set(e2e_plate "--rows 64 --cols 64 --rate 50 --frames 100")
separate_arguments(e2e_options UNIX_COMMAND "${e2e_plate}")
plantar_add_umockdev_test(usb_plantard_streams_and_records "${e2e_plate}"
  $<TARGET_FILE:usb_daemon_e2e_check> ${e2e_options} --plantard $<TARGET_FILE:plantard>
  --out ${PLANTAR_USB_WORK}/usb_plantard_streams_and_records)
plantar_add_umockdev_test(usb_plantard_reports_unplug "${e2e_plate} --unplug"
  $<TARGET_FILE:usb_daemon_e2e_check> ${e2e_options} --unplug --plantard $<TARGET_FILE:plantard>
  --out ${PLANTAR_USB_WORK}/usb_plantard_reports_unplug)
set_tests_properties(usb_plantard_streams_and_records usb_plantard_reports_unplug PROPERTIES RUN_SERIAL TRUE)
