#include "text_lines.hpp"

#include <algorithm>
#include <cctype>
#include <charconv>
#include <cmath>
#include <cstdio>
#include <fstream>
#include <iterator>

namespace plantar::import::detail::textio {

TextLines::TextLines(const std::filesystem::path& file, const ImportProgress& progress, std::string_view expected)
    : name_(file.string()), progress_(progress) {
    std::ifstream in(file, std::ios::binary);
    if (!in) throw IoError("cannot open " + name_ + " for reading");
    text_.assign(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
    if (in.bad()) throw IoError("cannot read " + name_);
    if (text_.empty())
        throw ImportError(name_, 0, "the file is empty" + (expected.empty() ? std::string() : " (" + std::string(expected) + ")"));
    // A UTF-8 byte order mark is not part of the first line.
    if (text_.size() >= 3 && text_.compare(0, 3, "\xEF\xBB\xBF") == 0) pos_ = 3;
}

void TextLines::report() {
    if (!progress_ || pos_ < next_report_) return;
    const std::size_t step = std::max<std::size_t>(text_.size() / 100, 1);
    next_report_ = pos_ + step;
    progress_(static_cast<double>(pos_) / static_cast<double>(text_.size()));
}

std::optional<std::string_view> TextLines::next() {
    if (pos_ >= text_.size()) {
        can_unread_ = false;
        return std::nullopt;
    }
    prev_pos_ = pos_;
    can_unread_ = true;
    const std::size_t end = text_.find('\n', pos_);
    const std::size_t stop = end == std::string::npos ? text_.size() : end;
    std::string_view line(text_.data() + pos_, stop - pos_);
    while (!line.empty() && line.back() == '\r') line.remove_suffix(1);
    pos_ = end == std::string::npos ? text_.size() : end + 1;
    ++line_;
    report();
    return line;
}

bool TextLines::next(std::string_view& line) {
    const auto read = next();
    if (read) line = *read;
    return read.has_value();
}

std::optional<std::string_view> TextLines::next_nonblank(std::string_view blank_chars) {
    const std::string chars = std::string(" \t") + std::string(blank_chars);
    while (auto line = next())
        if (line->find_first_not_of(chars) != std::string_view::npos) return line;
    return std::nullopt;
}

void TextLines::unread() {
    if (!can_unread_) throw InvalidArgument("TextLines::unread without a line to give back");
    pos_ = prev_pos_;
    --line_;
    can_unread_ = false;
}

std::string_view TextLines::head(std::size_t max_bytes) const {
    return std::string_view(text_).substr(0, max_bytes);
}

void TextLines::fail(const std::string& what) const { throw ImportError(name_, line_, what); }
void TextLines::fail_at(std::size_t line, const std::string& what) const { throw ImportError(name_, line, what); }

void TextLines::finish() {
    if (progress_) progress_(1.0);
}

std::string_view trim(std::string_view s, std::string_view chars) {
    const auto first = s.find_first_not_of(chars);
    if (first == std::string_view::npos) return {};
    const auto last = s.find_last_not_of(chars);
    return s.substr(first, last - first + 1);
}

namespace {
char lower(char c) { return static_cast<char>(std::tolower(static_cast<unsigned char>(c))); }
}  // namespace

bool starts_with_nocase(std::string_view s, std::string_view prefix) {
    return s.size() >= prefix.size() && equals_nocase(s.substr(0, prefix.size()), prefix);
}

bool equals_nocase(std::string_view a, std::string_view b) {
    return a.size() == b.size() && std::equal(a.begin(), a.end(), b.begin(), [](char x, char y) { return lower(x) == lower(y); });
}

void split(std::string_view s, char sep, std::vector<std::string_view>& out) {
    out.clear();
    std::size_t start = 0;
    while (true) {
        const auto at = s.find(sep, start);
        if (at == std::string_view::npos) {
            out.push_back(s.substr(start));
            return;
        }
        out.push_back(s.substr(start, at - start));
        start = at + 1;
    }
}

std::optional<double> parse_number(std::string_view field) {
    field = trim(field);
    if (field.empty()) return std::nullopt;
    if (field.front() == '+') field.remove_prefix(1);
    double value = 0.0;
    const auto [end, ec] = std::from_chars(field.data(), field.data() + field.size(), value);
    if (ec != std::errc() || end != field.data() + field.size() || !std::isfinite(value)) return std::nullopt;
    return value;
}

double require_number(const TextLines& lines, std::string_view field, const std::string& what) {
    const auto value = parse_number(field);
    if (!value) lines.fail("expected " + what + ", found '" + std::string(trim(field).substr(0, 40)) + "'");
    return *value;
}

std::vector<std::string_view> split_fields(std::string_view line) {
    std::vector<std::string_view> fields;
    std::size_t i = 0;
    while (i < line.size()) {
        while (i < line.size() && (line[i] == ' ' || line[i] == '\t')) ++i;
        if (i >= line.size()) break;
        std::size_t j = i;
        while (j < line.size() && line[j] != ' ' && line[j] != '\t') ++j;
        fields.push_back(line.substr(i, j - i));
        i = j;
    }
    return fields;
}

std::optional<double> number_after(std::string_view line, std::string_view key) {
    const auto at = line.find(key);
    if (at == std::string_view::npos) return std::nullopt;
    std::string_view rest = line.substr(at + key.size());
    while (!rest.empty() && (rest.front() == ' ' || rest.front() == '\t')) rest.remove_prefix(1);
    std::size_t n = 0;
    while (n < rest.size() && (std::isdigit(static_cast<unsigned char>(rest[n])) || rest[n] == '.' || rest[n] == '-')) ++n;
    return parse_number(rest.substr(0, n));
}

std::string format_number(double value) {
    char text[64];
    std::snprintf(text, sizeof text, "%g", value);
    return text;
}

namespace {
struct UnitFactor {
    const char* name;
    double factor;
};

std::string squeeze(std::string_view unit) {
    std::string out;
    for (char c : trim(unit, " \t\r.")) {
        if (c == ' ' || c == '^' || c == '_') continue;
        out.push_back(lower(c));
    }
    // "cm²" in UTF-8 or Latin-1.
    for (const std::string sq : {"\xC2\xB2", "\xB2"}) {
        const auto at = out.find(sq);
        if (at != std::string::npos) out.replace(at, sq.size(), "2");
    }
    return out;
}

std::optional<double> lookup(std::string_view unit, std::initializer_list<UnitFactor> table) {
    const std::string key = squeeze(unit);
    for (const auto& entry : table)
        if (key == entry.name) return entry.factor;
    return std::nullopt;
}
}  // namespace

std::optional<double> kpa_per_unit(std::string_view unit) {
    return lookup(unit, {{"kpa", 1.0}, {"mpa", 1000.0}, {"pa", 0.001}, {"n/cm2", 10.0}, {"mmhg", 0.133322},
                         {"psi", 6.894757}, {"bar", 100.0}, {"kg/cm2", 98.0665}, {"kgf/cm2", 98.0665}});
}

std::optional<double> mm_per_unit(std::string_view unit) {
    return lookup(unit, {{"mm", 1.0}, {"millimeters", 1.0}, {"millimetres", 1.0}, {"cm", 10.0}, {"centimeters", 10.0},
                         {"centimetres", 10.0}, {"in", 25.4}, {"inch", 25.4}, {"inches", 25.4}, {"m", 1000.0}});
}

std::optional<double> mm2_per_unit(std::string_view unit) {
    return lookup(unit, {{"mm2", 1.0}, {"sqmm", 1.0}, {"cm2", 100.0}, {"sqcm", 100.0}, {"in2", 645.16},
                         {"sqin", 645.16}, {"m2", 1.0e6}});
}

std::optional<Quantity> parse_quantity(std::string_view text) {
    text = trim(text);
    const auto space = text.find_first_of(" \t");
    const auto value = parse_number(text.substr(0, space));
    if (!value) return std::nullopt;
    return Quantity{*value, space == std::string_view::npos ? std::string_view() : trim(text.substr(space))};
}

}  // namespace plantar::import::detail::textio
