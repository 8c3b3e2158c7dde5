// Every setting of the analysis in one place: each part's configuration, gathered so that a
// clinic can change them in one file (`plantar analyze --config FILE`, `--print-config`). The
// JSON form lives in cli/ (analysis/ stays free of I/O); docs/methods.md names every field.
#pragma once

#include <string>

#include "plantar/analysis/classification.hpp"

namespace plantar::analysis {

struct AnalysisConfig {
    ClassificationConfig classification;

    // Empty when usable, else the first problem, naming the section and the field.
    std::string validation_error() const;
};

}  // namespace plantar::analysis
