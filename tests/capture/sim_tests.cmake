# Simulated plate tests: plantar_add_test(test_simulator ...)
