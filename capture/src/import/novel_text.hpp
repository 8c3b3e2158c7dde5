// Line-by-line reading of the Novel text exports (emed .lst, pedar and pliance .asc): the whole
// file in memory, lines numbered from 1, progress as the fraction of bytes read (at most every
// 1 %), and errors that name the file and the line.
#pragma once

#include <cstddef>
#include <filesystem>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "plantar/capture/import/vendor_export.hpp"
#include "text_lines.hpp"

namespace plantar::import::detail {

class TextLines {
public:
    TextLines(const std::filesystem::path& file, const ImportProgress& progress);

    // The next line without its end (LF, CRLF or CR-LF); false at the end of the file.
    bool next(std::string_view& line);
    std::size_t line_number() const { return line_; }
    const std::string& file_name() const { return name_; }
    bool empty() const { return data_.empty(); }

    [[noreturn]] void fail(const std::string& what) const { fail_at(line_, what); }
    [[noreturn]] void fail_at(std::size_t line, const std::string& what) const;
    void finish() const;  // reports 1.0

private:
    std::string name_;
    std::string data_;
    std::size_t pos_ = 0;
    std::size_t line_ = 0;
    const ImportProgress& progress_;
    double reported_ = 0.0;
};

// Splits at runs of spaces and tabs.
std::vector<std::string_view> split_fields(std::string_view line);
// Numbers and whitespace as every text importer reads them (text_lines.hpp).
using textio::parse_number;
using textio::trim;
// The number that follows `key` in `line` (after optional spaces), or nothing.
std::optional<double> number_after(std::string_view line, std::string_view key);
std::string format_number(double value);

}  // namespace plantar::import::detail
