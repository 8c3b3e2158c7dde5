# Simulated plate tests
plantar_add_test(test_simulator capture/test_simulator.cpp LIBS plantar_capture)
