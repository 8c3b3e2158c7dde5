# The USB plate (docs/usb-protocol.md): the pure protocol and frame assembler, and the libusb
# driver, the only code that includes libusb.
set(PLANTAR_USB_SOURCES
  src/usb/plate_protocol.cpp
  src/usb/frame_assembler.cpp
  src/usb/plate_conversation.cpp
  src/usb/libusb_plate.cpp
  src/usb/plate_listing.cpp
  src/usb/usb_plate_source.cpp
  src/usb/usb_plate_event_loop.cpp
)
