// The gathered analysis configuration: one check over every part's settings.
#include "plantar/analysis/config.hpp"

namespace plantar::analysis {

std::string AnalysisConfig::validation_error() const {
    if (auto why = classification.validation_error(); !why.empty()) return "classification." + why;
    return {};
}

}  // namespace plantar::analysis
