// The Curves panel: total and per-region force over time with the steps marked; a static
// trial's COP sway with its 95 % ellipse.
#include "viewer_panels.hpp"

namespace plantar::viz {

void draw_curves_panel(const TrialView&, ViewState&, float, float, float, float) {}

}  // namespace plantar::viz
