# USB tests (assembler unit tests; driver and plantard under umockdev)
