// The analysis configuration file a clinic edits: the printed defaults read back as the same
// configuration, a changed threshold is used, and unknown keys, wrong types and out-of-range
// values are refused with a message naming the key.
#include <doctest/doctest.h>

#include <cmath>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <string>
#include <unistd.h>

#include "analysis_json.hpp"
#include "plantar/capture/errors.hpp"

using namespace plantar;
using nlohmann::json;

namespace {

std::string refusal_of(const json& j) {
    try {
        cli::config_from_json(j);
    } catch (const InvalidArgument& e) {
        return e.what();
    }
    return {};
}

}  // namespace

TEST_CASE("the printed defaults read back as the defaults") {
    const analysis::AnalysisConfig defaults;
    const json printed = cli::config_to_json(defaults);
    CHECK(printed["classification"]["arch_index_high_arch_max"].get<double>() == doctest::Approx(0.21));
    CHECK(printed["classification"]["cpei_reference_mean_pct"].get<double>() == doctest::Approx(22.74));
    CHECK(printed["footprint"]["axis_method"] == "heel-to-second-toe");
    CHECK(printed["cpei"]["endpoints"] == "song");
    CHECK(printed["balance"]["end_s"].is_null());  // to the end of the trial
    CHECK(printed["contacts"]["threshold_raw_counts"].is_null());  // not set: a fraction of the highest value
    CHECK(printed["gait"].contains("max_step_time_s"));
    // Through text, as a clinic's file would be.
    const auto back = cli::config_from_json(json::parse(printed.dump(2)));
    CHECK(cli::config_to_json(back) == printed);
}

TEST_CASE("a changed threshold is read and only it changes") {
    const json j = json::parse(R"({"classification": {"arch_index_flat_min": 0.28, "min_complete_steps": 5}})");
    const auto config = cli::config_from_json(j);
    CHECK(config.classification.arch_index_flat_min == doctest::Approx(0.28));
    CHECK(config.classification.min_complete_steps == 5);
    CHECK(config.classification.arch_index_high_arch_max == doctest::Approx(0.21));
}

TEST_CASE("other parts' settings: enums by name, null for no limit, ranges checked") {
    const auto config = cli::config_from_json(json::parse(
        R"({"footprint": {"axis_method": "cop-path"}, "balance": {"start_s": 2, "end_s": null}, "contacts": {"threshold_kpa": 12}})"));
    CHECK(config.footprint.axis_method == analysis::AxisMethod::CopPath);
    CHECK(config.balance.start_s == doctest::Approx(2.0));
    CHECK(std::isinf(config.balance.end_s));
    CHECK(config.contacts.threshold_kpa == doctest::Approx(12.0));
    const auto robust = cli::config_from_json(json::parse(R"({"cpei": {"endpoints": "robust", "stance_load_fraction": 0}})"));
    CHECK(robust.cpei.endpoints == analysis::CpeiEndpoints::Robust);
    CHECK(robust.cpei.stance_load_fraction == 0.0);
    CHECK(refusal_of(json::parse(R"({"cpei": {"endpoints": "medial"}})")).find("'cpei.endpoints'") != std::string::npos);
    CHECK(refusal_of(json::parse(R"({"cpei": {"stance_load_fraction": 0.9}})")).find("'cpei.stance_load_fraction'") !=
          std::string::npos);
    CHECK(refusal_of(json::parse(R"({"contacts": {"threshold_kpa": -3}})")).find("'contacts.threshold_kpa'") != std::string::npos);
    CHECK(refusal_of(json::parse(R"({"balance": {"start_s": 5, "end_s": 4}})")).find("balance.end_s") != std::string::npos);
    CHECK(refusal_of(json::parse(R"({"footprint": {"heel_end_fraction": 0.6, "midfoot_end_fraction": 0.5}})"))
              .find("footprint.midfoot_end_fraction") != std::string::npos);
}

TEST_CASE("unknown keys, wrong types and out-of-range values are refused naming the key") {
    CHECK(refusal_of(json::parse(R"({"clasification": {}})")).find("'clasification'") != std::string::npos);
    CHECK(refusal_of(json::parse(R"({"classification": {"arch_index_flat": 0.3}})"))
              .find("'classification.arch_index_flat'") != std::string::npos);
    CHECK(refusal_of(json::parse(R"({"classification": {"cpei_z_cutoff": "one"}})"))
              .find("classification.cpei_z_cutoff") != std::string::npos);
    CHECK(refusal_of(json::parse(R"({"classification": {"min_complete_steps": 2.5}})"))
              .find("classification.min_complete_steps") != std::string::npos);
    CHECK(refusal_of(json::parse(R"({"classification": {"cpei_reference_sd_pct": -1}})"))
              .find("classification.cpei_reference_sd_pct") != std::string::npos);
    CHECK(refusal_of(json::parse(R"({"classification": {"arch_index_flat_min": 0.2}})"))
              .find("classification.arch_index_flat_min") != std::string::npos);
    CHECK(refusal_of(json::parse(R"([1, 2])")).find("object") != std::string::npos);
}

TEST_CASE("a configuration file that is not JSON is refused naming the file") {
    const auto path = std::filesystem::temp_directory_path() / ("plantar-config-" + std::to_string(getpid()) + ".json");
    {
        std::ofstream out(path);
        out << "{ classification: 1 ";
    }
    std::string message;
    try {
        cli::read_config_file(path);
    } catch (const InvalidArgument& e) {
        message = e.what();
    }
    std::filesystem::remove(path);
    CHECK(message.find(path.string()) != std::string::npos);
    CHECK(message.find("not JSON") != std::string::npos);
    CHECK_THROWS_AS(cli::read_config_file(path), IoError);
}
