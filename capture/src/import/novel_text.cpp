#include "novel_text.hpp"

#include <algorithm>
#include <cctype>
#include <charconv>
#include <cmath>
#include <cstdio>
#include <fstream>
#include <iterator>

namespace plantar::import::detail {

TextLines::TextLines(const std::filesystem::path& file, const ImportProgress& progress)
    : name_(file.string()), progress_(progress) {
    std::ifstream in(file, std::ios::binary);
    if (!in) throw IoError("cannot open " + name_ + " for reading");
    data_.assign(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
    if (in.bad()) throw IoError("cannot read " + name_);
}

bool TextLines::next(std::string_view& line) {
    if (pos_ >= data_.size()) return false;
    std::size_t end = data_.find('\n', pos_);
    if (end == std::string::npos) end = data_.size();
    std::size_t stop = end;
    while (stop > pos_ && data_[stop - 1] == '\r') --stop;
    line = std::string_view(data_).substr(pos_, stop - pos_);
    pos_ = end + 1;
    ++line_;
    if (progress_) {
        const double fraction = static_cast<double>(std::min(pos_, data_.size())) / static_cast<double>(data_.size());
        if (fraction - reported_ >= 0.01) {
            reported_ = fraction;
            progress_(fraction);
        }
    }
    return true;
}

void TextLines::fail_at(std::size_t line, const std::string& what) const { throw ImportError(name_, line, what); }

void TextLines::finish() const {
    if (progress_) progress_(1.0);
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

}  // namespace plantar::import::detail
