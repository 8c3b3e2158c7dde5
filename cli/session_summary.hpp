// What `plantar info` prints about a session, shared with `plantar simulate`, which prints the
// same summary of the file it has just written.
#pragma once

#include <nlohmann/json.hpp>
#include <ostream>

#include "plantar/capture/frame.hpp"
#include "plantar/capture/session/session.hpp"

namespace plantar::cli {

void print_session_summary(const SessionReader& session, std::ostream& out);
nlohmann::json session_summary_json(const SessionReader& session);

// "64 x 64 sensors, 7.8 x 7.8 mm pitch (499 x 499 mm)"
std::string describe_plate(const PlateGeometry& geometry);

}  // namespace plantar::cli
