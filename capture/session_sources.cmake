set(PLANTAR_SESSION_SOURCES)  # the HDF5 session store: capture/src/session/*.cpp
