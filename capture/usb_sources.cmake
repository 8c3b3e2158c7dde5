set(PLANTAR_USB_SOURCES)  # the USB plate: protocol, frame assembler, libusb driver: capture/src/usb/*.cpp
