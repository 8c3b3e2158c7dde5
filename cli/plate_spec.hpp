// Plate geometries as a person types them on the command line.
#pragma once

#include <string>

#include "plantar/capture/frame.hpp"

namespace plantar::cli {

// "clinical" (64 x 64 at 7.8 mm), "walkway" (256 x 64 at 7.8 mm), "ROWSxCOLS" (7.8 mm pitch)
// or "ROWSxCOLS@PITCH" (square sensors of PITCH mm). Throws InvalidArgument with the accepted
// forms when the text is none of these.
PlateGeometry parse_plate_spec(const std::string& text);

}  // namespace plantar::cli
