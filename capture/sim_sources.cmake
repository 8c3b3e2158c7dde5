set(PLANTAR_SIM_SOURCES)  # the simulated plate: capture/src/sim/*.cpp
