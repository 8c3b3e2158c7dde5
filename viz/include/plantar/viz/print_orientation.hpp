// Which way a one-foot trial (an insole, or an export cropped around one foot) is drawn: turned
// in quarter turns so that the print's toes are at the top of the Plate panel, whatever way the
// export's rows run. Always a rotation, never a mirror: a left foot stays a left foot.
// No GUI types: the viewer uses the result as ImageRect::turns, tests check it directly.
#pragma once

#include <optional>

#include "plantar/analysis/pipeline.hpp"
#include "plantar/analysis/sensor_map.hpp"

namespace plantar::viz {

// The heel-to-toe direction of a one-foot trial's prints (a unit vector in plate mm), from its
// analysis: the mean of its steps' footprint axes (heel centre -> second toe); for a trial whose
// steps have no footprint axis, the long axis of each contact's loaded area, pointed the way its
// centre of pressure travels during the stance (heel to toe). Nothing when neither is known
// (no analysis yet, unknown positions, a contact without a COP path).
std::optional<analysis::Point> heel_to_toe_direction(const analysis::TrialAnalysis& analysis,
                                                     const analysis::SensorMap& sensors);

// The quarter turns clockwise (0..3) that make a plate direction point up on screen as nearly as
// possible: 0 for +y, 1 for -x, 2 for -y, 3 for +x.
int quarter_turns_to_point_up(const analysis::Point& direction);

}  // namespace plantar::viz
