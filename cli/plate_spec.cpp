#include "plate_spec.hpp"

#include <charconv>

#include "plantar/capture/errors.hpp"

namespace plantar::cli {

namespace {

[[noreturn]] void refuse(const std::string& text, const std::string& why) {
    throw InvalidArgument("plate '" + text + "': " + why +
                          " (use clinical, walkway, ROWSxCOLS or ROWSxCOLS@PITCH_MM, e.g. 96x48@5)");
}

int parse_count(const std::string& whole, std::string_view part) {
    int value = 0;
    auto [end, ec] = std::from_chars(part.data(), part.data() + part.size(), value);
    if (ec != std::errc() || end != part.data() + part.size()) refuse(whole, "'" + std::string(part) + "' is not a whole number");
    return value;
}

}  // namespace

PlateGeometry parse_plate_spec(const std::string& text) {
    if (text == "clinical") return PlateGeometry::clinical_plate();
    if (text == "walkway") return PlateGeometry::walkway();

    std::string_view spec = text;
    double pitch = PlateGeometry::clinical_plate().pitch_x_mm;
    if (auto at = spec.find('@'); at != std::string_view::npos) {
        std::string pitch_text(spec.substr(at + 1));
        std::size_t used = 0;
        try {
            pitch = std::stod(pitch_text, &used);
        } catch (const std::exception&) {
            refuse(text, "the pitch '" + pitch_text + "' is not a number");
        }
        if (used != pitch_text.size()) refuse(text, "the pitch '" + pitch_text + "' is not a number");
        spec = spec.substr(0, at);
    }
    auto x = spec.find('x');
    if (x == std::string_view::npos) refuse(text, "no 'x' between rows and columns");
    PlateGeometry geometry{parse_count(text, spec.substr(0, x)), parse_count(text, spec.substr(x + 1)), pitch, pitch,
                           pitch * pitch};
    if (auto problem = geometry.validation_error(); !problem.empty()) refuse(text, problem);
    return geometry;
}

}  // namespace plantar::cli
