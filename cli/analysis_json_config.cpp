// The analysis configuration as JSON. One table per section names each field's JSON key (with
// its unit), so printing the defaults and reading a clinic's file use the same names, and an
// unknown key is refused instead of being silently ignored.
#include <cmath>
#include <cstdio>
#include <fstream>
#include <limits>
#include <optional>
#include <sstream>
#include <string>
#include <variant>
#include <vector>

#include "analysis_json.hpp"
#include "plantar/capture/errors.hpp"

namespace plantar::cli {

namespace {

using namespace plantar::analysis;
using json = nlohmann::json;

constexpr double kInf = std::numeric_limits<double>::infinity();

template <class Config>
struct Field {
    const char* key;  // the JSON key, with the unit in its name where there is one
    std::variant<double Config::*, int Config::*, std::size_t Config::*, bool Config::*, AxisMethod Config::*,
                 CpeiEndpoints Config::*>
        member;
    double min = -kInf;  // allowed range, inclusive (relations between fields: validation_error)
    double max = kInf;
    std::optional<double> null_means;  // the value JSON null stands for (NaN: "not set", inf: "no limit")

    template <class Member>
    Field(const char* k, Member m, double lo = -kInf, double hi = kInf, std::optional<double> null = std::nullopt)
        : key(k), member(m), min(lo), max(hi), null_means(null) {}
};

const std::vector<Field<ClassificationConfig>>& classification_fields() {
    using C = ClassificationConfig;
    static const std::vector<Field<C>> fields{
        {"arch_index_high_arch_max", &C::arch_index_high_arch_max},
        {"arch_index_flat_min", &C::arch_index_flat_min},
        {"arch_index_borderline", &C::arch_index_borderline},
        {"chippaux_smirak_high_arch_below_pct", &C::chippaux_smirak_high_arch_below_pct},
        {"chippaux_smirak_flat_above_pct", &C::chippaux_smirak_flat_above_pct},
        {"chippaux_smirak_borderline_pct", &C::chippaux_smirak_borderline_pct},
        {"cpei_reference_mean_pct", &C::cpei_reference_mean_pct},
        {"cpei_reference_sd_pct", &C::cpei_reference_sd_pct},
        {"cpei_z_cutoff", &C::cpei_z_cutoff},
        {"cpei_borderline_z", &C::cpei_borderline_z},
        {"min_complete_steps", &C::min_complete_steps},
        {"min_agreeing_fraction", &C::min_agreeing_fraction},
    };
    return fields;
}

const std::vector<Field<ContactConfig>>& contact_fields() {
    using C = ContactConfig;
    static const std::vector<Field<C>> fields{
        {"threshold_kpa", &C::threshold_kpa, 0.0, 10000.0},
        {"threshold_raw_counts", &C::threshold_raw, 0.0, 1e9, std::numeric_limits<double>::quiet_NaN()},
        {"threshold_raw_fraction", &C::threshold_raw_fraction, 0.0, 1.0},
        {"min_sensors", &C::min_sensors, 1, 100000},
        {"min_area_mm2", &C::min_area_mm2, 0.0, 1e6},
        {"merge_gap_mm", &C::merge_gap_mm, 0.0, 500.0},
        {"island_join_s", &C::island_join_s, 0.0, 10.0},
        {"max_foot_length_mm", &C::max_foot_length_mm, 50.0, 1000.0},
        {"end_gap_s", &C::end_gap_s, 0.0, 10.0},
        {"max_width_to_length", &C::max_width_to_length, 0.1, 10.0},
        {"recording_cut_load_fraction", &C::recording_cut_load_fraction, 0.0, 1.0},
        {"max_foot_width_mm", &C::max_foot_width_mm, 20.0, 1000.0},
        {"max_island_gap_mm", &C::max_island_gap_mm, 0.0, 1000.0},
        {"recording_cut_load_fraction", &C::recording_cut_load_fraction, 0.0, 1.0},
    };
    return fields;
}

const std::vector<Field<FootprintConfig>>& footprint_fields() {
    using C = FootprintConfig;
    static const std::vector<Field<C>> fields{
        {"axis_method", &C::axis_method},
        {"heel_end_fraction", &C::heel_end_fraction, 0.05, 0.9},
        {"midfoot_end_fraction", &C::midfoot_end_fraction, 0.1, 0.95},
        {"toe_valley_ratio", &C::toe_valley_ratio, 0.0, 1.0},
        {"toe_search_start_fraction", &C::toe_search_start_fraction, 0.3, 1.0},
        {"toe_min_rise_fraction", &C::toe_min_rise_fraction, 0.0, 1.0},
        {"heel_centre_fraction", &C::heel_centre_fraction, 0.01, 0.5},
        {"forefoot_centre_from_fraction", &C::forefoot_centre_from_fraction, 0.3, 1.0},
        {"forefoot_centre_to_fraction", &C::forefoot_centre_to_fraction, 0.3, 1.0},
        {"min_sensors", &C::min_sensors, 1, 100000},
        {"edge_coverage_correction", &C::edge_coverage_correction},
        {"min_length_to_width", &C::min_length_to_width, 0.0, 10.0},
        {"detail_min_sensors_across_forefoot", &C::detail_min_sensors_across_forefoot, 0.0, 1000.0},
        {"hallux_width_fraction", &C::hallux_width_fraction, 0.05, 0.95},
    };
    return fields;
}

const std::vector<Field<CpeiConfig>>& cpei_fields() {
    using C = CpeiConfig;
    static const std::vector<Field<C>> fields{
        {"line_fraction_of_length", &C::line_fraction_of_length, 0.1, 0.95},
        {"endpoints", &C::endpoints},
        {"stance_load_fraction", &C::stance_load_fraction, 0.0, 0.5},
        {"endpoint_window_fraction", &C::endpoint_window_fraction, 0.0, 0.45},
        {"endpoint_min_load_fraction", &C::endpoint_min_load_fraction, 0.0, 1.0},
        {"min_cop_points", &C::min_cop_points, 2, 1e6},
        {"min_heel_to_toe_share", &C::min_heel_to_toe_share, 0.0, 1.0},
        {"allow_incomplete_contact", &C::allow_incomplete_contact},
    };
    return fields;
}

const std::vector<Field<GaitConfig>>& gait_fields() {
    using C = GaitConfig;
    static const std::vector<Field<C>> fields{
        {"loaded_above_kpa", &C::loaded_above, 0.0, 10000.0},
        {"max_step_time_s", &C::max_step_time_s, 0.1, 60.0},
    };
    return fields;
}

const std::vector<Field<BalanceConfig>>& balance_fields() {
    using C = BalanceConfig;
    static const std::vector<Field<C>> fields{
        {"start_s", &C::start_s, 0.0, 1e7},
        {"end_s", &C::end_s, 0.0, kInf, kInf},
        {"lowpass_hz", &C::lowpass_hz, 0.0, 1000.0},
    };
    return fields;
}

// The JSON names of each choice of an enum setting.
template <class Enum>
struct Choice {
    const char* key;
    Enum value;
};
const std::vector<Choice<AxisMethod>>& choices(AxisMethod) {
    static const std::vector<Choice<AxisMethod>> all{{"heel-to-second-toe", AxisMethod::HeelToSecondToe},
                                                     {"cop-path", AxisMethod::CopPath}};
    return all;
}
const std::vector<Choice<CpeiEndpoints>>& choices(CpeiEndpoints) {
    static const std::vector<Choice<CpeiEndpoints>> all{{"song", CpeiEndpoints::Song}, {"robust", CpeiEndpoints::Robust}};
    return all;
}

template <class Enum>
std::string choice_key(Enum value) {
    for (const auto& choice : choices(value))
        if (choice.value == value) return choice.key;
    return {};
}

template <class Config>
json section_to_json(const Config& config, const std::vector<Field<Config>>& fields) {
    json j = json::object();
    for (const auto& field : fields)
        std::visit(
            [&](auto member) {
                using T = std::remove_cvref_t<decltype(config.*member)>;
                if constexpr (std::is_enum_v<T>)
                    j[field.key] = choice_key(config.*member);
                else if constexpr (std::is_same_v<T, double>)
                    j[field.key] = std::isfinite(config.*member) ? json(config.*member) : json(nullptr);
                else
                    j[field.key] = config.*member;
            },
            field.member);
    return j;
}

template <class Config>
void section_from_json(const json& j, const std::string& section, Config& config, const std::vector<Field<Config>>& fields) {
    if (!j.is_object()) throw InvalidArgument("configuration key '" + section + "' must be an object of settings");
    for (const auto& [key, value] : j.items()) {
        const std::string name = "'" + section + "." + key + "'";
        const Field<Config>* field = nullptr;
        for (const auto& f : fields)
            if (key == f.key) field = &f;
        if (field == nullptr) throw InvalidArgument("unknown configuration key " + name);
        auto check_range = [&](double v) {
            if (v < field->min || v > field->max) {
                char range[96];
                std::snprintf(range, sizeof range, " must be from %g to %g", field->min, field->max);
                throw InvalidArgument("configuration key " + name + range);
            }
        };
        std::visit(
            [&](auto member) {
                using T = std::remove_cvref_t<decltype(config.*member)>;
                if constexpr (std::is_same_v<T, bool>) {
                    if (!value.is_boolean()) throw InvalidArgument("configuration key " + name + " must be true or false");
                    config.*member = value.template get<bool>();
                } else if constexpr (std::is_enum_v<T>) {
                    const std::string text = value.is_string() ? value.template get<std::string>() : "";
                    std::string names;
                    for (const auto& choice : choices(T{})) {
                        if (text == choice.key) {
                            config.*member = choice.value;
                            return;
                        }
                        names += std::string(names.empty() ? "" : " or ") + "\"" + choice.key + "\"";
                    }
                    throw InvalidArgument("configuration key " + name + " must be " + names);
                } else if constexpr (std::is_same_v<T, double>) {
                    if (value.is_null() && field->null_means) {
                        config.*member = *field->null_means;
                        return;
                    }
                    if (!value.is_number() || !std::isfinite(value.template get<double>()))
                        throw InvalidArgument("configuration key " + name + " must be a number" +
                                              (field->null_means ? " (or null)" : ""));
                    check_range(value.template get<double>());
                    config.*member = value.template get<double>();
                } else {
                    if (!value.is_number_integer())
                        throw InvalidArgument("configuration key " + name + " must be a whole number");
                    check_range(value.template get<double>());
                    config.*member = value.template get<T>();
                }
            },
            field->member);
    }
}

}  // namespace

json config_to_json(const AnalysisConfig& config) {
    json j;
    j["contacts"] = section_to_json(config.contacts, contact_fields());
    j["footprint"] = section_to_json(config.footprint, footprint_fields());
    j["cpei"] = section_to_json(config.cpei, cpei_fields());
    j["gait"] = section_to_json(config.gait, gait_fields());
    j["balance"] = section_to_json(config.balance, balance_fields());
    j["classification"] = section_to_json(config.classification, classification_fields());
    return j;
}

AnalysisConfig config_from_json(const json& j) {
    if (!j.is_object()) throw InvalidArgument("the configuration must be a JSON object of sections");
    AnalysisConfig config;
    for (const auto& [section, value] : j.items()) {
        if (section == "contacts") section_from_json(value, section, config.contacts, contact_fields());
        else if (section == "footprint") section_from_json(value, section, config.footprint, footprint_fields());
        else if (section == "cpei") section_from_json(value, section, config.cpei, cpei_fields());
        else if (section == "gait") section_from_json(value, section, config.gait, gait_fields());
        else if (section == "balance") section_from_json(value, section, config.balance, balance_fields());
        else if (section == "classification")
            section_from_json(value, section, config.classification, classification_fields());
        else
            throw InvalidArgument("unknown configuration key '" + section + "'");
    }
    // Range checks name the field as "section.field", which is also its key in the file.
    if (auto why = config.validation_error(); !why.empty()) {
        const auto space = why.find(' ');
        throw InvalidArgument("configuration key '" + why.substr(0, space) + "'" + why.substr(space));
    }
    return config;
}

AnalysisConfig read_config_file(const std::filesystem::path& path) {
    std::ifstream in(path);
    if (!in) throw IoError("cannot read the configuration file " + path.string());
    std::stringstream text;
    text << in.rdbuf();
    json j;
    try {
        j = json::parse(text.str());
    } catch (const json::parse_error& e) {
        throw InvalidArgument(path.string() + " is not JSON: " + e.what());
    }
    try {
        return config_from_json(j);
    } catch (const InvalidArgument& e) {
        throw InvalidArgument(path.string() + ": " + e.what());
    }
}

}  // namespace plantar::cli
