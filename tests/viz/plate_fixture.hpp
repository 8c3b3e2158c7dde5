// A plate geometry for the viewer's unit tests: rows x cols sensors at the given pitch, each
// sensor as large as its cell.
#pragma once

#include "plantar/capture/frame.hpp"

namespace plantar::viz::test {

inline PlateGeometry plate(int rows, int cols, double pitch_x, double pitch_y) {
    PlateGeometry g;
    g.rows = rows;
    g.cols = cols;
    g.pitch_x_mm = pitch_x;
    g.pitch_y_mm = pitch_y;
    g.sensor_area_mm2 = pitch_x * pitch_y;
    return g;
}
inline PlateGeometry plate(int rows, int cols, double pitch) { return plate(rows, cols, pitch, pitch); }

}  // namespace plantar::viz::test
