// Stuck sensor lines (a simulated plate flaw) as a person types them on the command line.
#pragma once

#include <string>

#include "plantar/capture/sim/simulated_plate.hpp"

namespace plantar::cli {

// "INDEX[:FIRST-LAST][@KPA][,always]": the column (or row) INDEX stuck at KPA (default 40) on
// sensors FIRST..LAST along it (default the whole line; "FIRST-" runs to the end), only in
// frames where the line carries load unless ",always" (a shorted line). For example
// "20:30-63@60" or "5@25,always". Throws InvalidArgument naming the problem and the form.
sim::StuckLine parse_stuck_line_spec(const std::string& text, bool column);

}  // namespace plantar::cli
