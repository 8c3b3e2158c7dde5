// The analysis as JSON: the configuration file a clinic edits (`plantar analyze --config`,
// `--print-config`) and the result of `plantar analyze --json` / `--store`. The shapes are
// documented in docs/analysis-json.md. analysis/ itself has no I/O and no JSON; this is its
// only translation.
#pragma once

#include <filesystem>
#include <nlohmann/json.hpp>

#include "plantar/analysis/config.hpp"
#include "plantar/analysis/pipeline.hpp"

namespace plantar::cli {

// The configuration with every field, units in the key names ("max_step_time_s").
nlohmann::json config_to_json(const analysis::AnalysisConfig& config);
// Starts from the defaults and applies the keys given. Throws InvalidArgument naming the key
// for an unknown key, a value of the wrong type or a value out of range.
analysis::AnalysisConfig config_from_json(const nlohmann::json& json);
// Reads a configuration file (JSON). Throws IoError when it cannot be read, InvalidArgument
// when it is not JSON or config_from_json refuses it; messages name the file.
analysis::AnalysisConfig read_config_file(const std::filesystem::path& path);

// Every value of a trial's analysis, with the configuration it was made with. Values that
// could not be computed are null.
nlohmann::json trial_analysis_json(const analysis::TrialAnalysis& analysis, const analysis::AnalysisConfig& config);

}  // namespace plantar::cli
