#include "stuck_line_spec.hpp"

#include <charconv>
#include <string_view>

#include "plantar/capture/errors.hpp"

namespace plantar::cli {

namespace {

[[noreturn]] void refuse(const std::string& text, bool column, const std::string& why) {
    throw InvalidArgument(std::string("stuck ") + (column ? "column" : "row") + " '" + text + "': " + why +
                          " (use INDEX[:FIRST-LAST][@KPA][,always], e.g. 20:30-63@60)");
}

int whole_number(const std::string& text, bool column, std::string_view part) {
    int value = 0;
    auto [end, ec] = std::from_chars(part.data(), part.data() + part.size(), value);
    if (part.empty() || ec != std::errc() || end != part.data() + part.size())
        refuse(text, column, "'" + std::string(part) + "' is not a whole number");
    return value;
}

}  // namespace

sim::StuckLine parse_stuck_line_spec(const std::string& text, bool column) {
    sim::StuckLine line;
    line.column = column;
    std::string_view spec = text;
    if (auto comma = spec.find(','); comma != std::string_view::npos) {
        if (spec.substr(comma + 1) != "always") refuse(text, column, "only ',always' may follow a comma");
        line.only_when_loaded = false;
        spec = spec.substr(0, comma);
    }
    if (auto at = spec.find('@'); at != std::string_view::npos) {
        const std::string kpa_text(spec.substr(at + 1));
        std::size_t used = 0;
        try {
            line.kpa = std::stod(kpa_text, &used);
        } catch (const std::exception&) {
            refuse(text, column, "the pressure '" + kpa_text + "' is not a number");
        }
        if (used != kpa_text.size()) refuse(text, column, "the pressure '" + kpa_text + "' is not a number");
        spec = spec.substr(0, at);
    }
    if (auto colon = spec.find(':'); colon != std::string_view::npos) {
        const std::string_view range = spec.substr(colon + 1);
        const auto dash = range.find('-');
        if (dash == std::string_view::npos) refuse(text, column, "no '-' between the first and last sensor");
        line.first = whole_number(text, column, range.substr(0, dash));
        line.last = dash + 1 == range.size() ? -1 : whole_number(text, column, range.substr(dash + 1));
        spec = spec.substr(0, colon);
    }
    line.index = whole_number(text, column, spec);
    return line;
}

}  // namespace plantar::cli
