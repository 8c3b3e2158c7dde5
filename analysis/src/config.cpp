// The gathered analysis configuration: one check over every part's settings.
#include "plantar/analysis/config.hpp"

namespace plantar::analysis {

std::string AnalysisConfig::validation_error() const {
    // The parts' own settings are range-checked where they are read (cli/analysis_json_config.cpp);
    // here the relations a range cannot express.
    if (!(footprint.heel_end_fraction < footprint.midfoot_end_fraction))
        return "footprint.midfoot_end_fraction must be above footprint.heel_end_fraction";
    if (!(balance.start_s < balance.end_s)) return "balance.end_s must be after balance.start_s";
    if (auto why = classification.validation_error(); !why.empty()) return "classification." + why;
    return {};
}

}  // namespace plantar::analysis
