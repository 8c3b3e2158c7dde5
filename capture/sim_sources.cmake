# The simulated plate (capture/src/sim/): foot model, loading, placement, layout, the
# FrameSource, and its ground-truth JSON.
set(PLANTAR_SIM_SOURCES
  src/sim/config.cpp
  src/sim/foot_model.cpp
  src/sim/loading.cpp
  src/sim/footprint.cpp
  src/sim/layout.cpp
  src/sim/simulated_plate.cpp
  src/sim/stuck_lines.cpp
  src/sim/truth_json.cpp
)
