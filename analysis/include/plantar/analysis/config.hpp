// Every setting of the analysis in one place: each part's configuration, gathered so that a
// clinic can change them in one file (`plantar analyze --config FILE`, `--print-config`). The
// JSON form lives in cli/ (analysis/ stays free of I/O); docs/methods.md names every field.
#pragma once

#include <string>

#include "plantar/analysis/balance.hpp"
#include "plantar/analysis/classification.hpp"
#include "plantar/analysis/contacts.hpp"
#include "plantar/analysis/cpei.hpp"
#include "plantar/analysis/footprint.hpp"
#include "plantar/analysis/gait.hpp"

namespace plantar::analysis {

struct AnalysisConfig {
    ContactConfig contacts;              // section 1 of docs/methods.md
    FootprintConfig footprint;           // sections 2 to 5
    CpeiConfig cpei;                     // section 6
    GaitConfig gait;                     // section 7 (its max_step_time_s also groups passes, section 2)
    BalanceConfig balance;               // section 8
    ClassificationConfig classification; // section 9

    // Empty when usable, else the first problem, naming the section and the field.
    std::string validation_error() const;
};

}  // namespace plantar::analysis
