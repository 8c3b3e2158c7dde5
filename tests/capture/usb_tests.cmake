# USB tests: the pure protocol and frame assembler (doctest), and the libusb driver, `plantar
# devices` and plantard against an emulated plate under umockdev (tests/usb/README.md).
plantar_add_test(test_plate_protocol capture/test_plate_protocol.cpp LIBS plantar_capture)
plantar_add_test(test_frame_assembler capture/test_frame_assembler.cpp LIBS plantar_capture)
