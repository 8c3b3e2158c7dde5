// The analysis configuration as JSON. One table per section names each field's JSON key (with
// its unit), so printing the defaults and reading a clinic's file use the same names, and an
// unknown key is refused instead of being silently ignored.
#include <cmath>
#include <fstream>
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

template <class Config>
struct Field {
    const char* key;  // the JSON key, with the unit in its name where there is one
    std::variant<double Config::*, int Config::*, std::size_t Config::*, bool Config::*> member;
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

template <class Config>
json section_to_json(const Config& config, const std::vector<Field<Config>>& fields) {
    json j = json::object();
    for (const auto& field : fields)
        std::visit([&](auto member) { j[field.key] = config.*member; }, field.member);
    return j;
}

template <class Config>
void section_from_json(const json& j, const std::string& section, Config& config, const std::vector<Field<Config>>& fields) {
    if (!j.is_object()) throw InvalidArgument("configuration key '" + section + "' must be an object of settings");
    for (const auto& [key, value] : j.items()) {
        const std::string name = section + "." + key;
        const Field<Config>* field = nullptr;
        for (const auto& f : fields)
            if (key == f.key) field = &f;
        if (field == nullptr) throw InvalidArgument("unknown configuration key '" + name + "'");
        std::visit(
            [&](auto member) {
                using T = std::remove_reference_t<decltype(config.*member)>;
                if constexpr (std::is_same_v<T, bool>) {
                    if (!value.is_boolean()) throw InvalidArgument("configuration key '" + name + "' must be true or false");
                    config.*member = value.template get<bool>();
                } else if constexpr (std::is_same_v<T, double>) {
                    if (!value.is_number() || !std::isfinite(value.template get<double>()))
                        throw InvalidArgument("configuration key '" + name + "' must be a number");
                    config.*member = value.template get<double>();
                } else {
                    if (!value.is_number_integer() || (std::is_unsigned_v<T> && value.template get<long long>() < 0))
                        throw InvalidArgument("configuration key '" + name + "' must be a whole number" +
                                              (std::is_unsigned_v<T> ? " of at least 0" : ""));
                    config.*member = value.template get<T>();
                }
            },
            field->member);
    }
}

}  // namespace

json config_to_json(const AnalysisConfig& config) {
    json j;
    j["classification"] = section_to_json(config.classification, classification_fields());
    return j;
}

AnalysisConfig config_from_json(const json& j) {
    if (!j.is_object()) throw InvalidArgument("the configuration must be a JSON object of sections");
    AnalysisConfig config;
    for (const auto& [section, value] : j.items()) {
        if (section == "classification")
            section_from_json(value, section, config.classification, classification_fields());
        else
            throw InvalidArgument("unknown configuration key '" + section + "'");
    }
    // Range checks name the field as "section.field", which is also its key in the file.
    if (auto why = config.validation_error(); !why.empty()) throw InvalidArgument("configuration key " + why);
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
