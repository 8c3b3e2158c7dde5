# End-to-end tests of the plantar command
