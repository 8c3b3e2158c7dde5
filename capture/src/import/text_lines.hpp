// Private helpers of every text importer (Tekscan ASCII, XSENSOR .csv, Zebris FDM .txt, Novel
// emed .lst and pedar/pliance .asc, RSscan): the one line reader over the whole file that knows
// its line number and reports progress, number parsing that says what was wrong, and the
// pressure units we convert to kPa.
#pragma once

#include <cstddef>
#include <filesystem>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "plantar/capture/import/vendor_export.hpp"

namespace plantar::import::detail::textio {

class TextLines {
public:
    // Reads the whole file (IoError when it cannot; ImportError at line 0 when it is empty, saying
    // "the file is empty" and then, in brackets, `expected` when given). Lines end in LF, CRLF
    // or CR-CR-LF; the CRs are dropped. A UTF-8 byte order mark before the first line is skipped.
    TextLines(const std::filesystem::path& file, const ImportProgress& progress, std::string_view expected = {});

    // The next line, or nullopt at the end of the file.
    std::optional<std::string_view> next();
    // The same for loops that keep the last line read: sets `line` and returns true, or returns
    // false at the end of the file (leaving `line` as it was).
    bool next(std::string_view& line);
    // The next line that is not blank (blank: only spaces, tabs and `blank_chars`).
    std::optional<std::string_view> next_nonblank(std::string_view blank_chars = "");
    // Steps back one line (only once after each next()).
    void unread();

    std::size_t line_number() const { return line_; }  // of the line last returned (1-based)
    const std::string& file_name() const { return name_; }
    std::string_view head(std::size_t max_bytes) const;

    // Throws ImportError naming the file, the current line and what was expected.
    [[noreturn]] void fail(const std::string& what) const;
    [[noreturn]] void fail_at(std::size_t line, const std::string& what) const;
    // Reports 1.0 to the progress callback.
    void finish();

private:
    void report();
    std::string name_;
    std::string text_;
    std::size_t pos_ = 0;
    std::size_t prev_pos_ = 0;
    std::size_t line_ = 0;
    bool can_unread_ = false;
    const ImportProgress& progress_;
    std::size_t next_report_ = 0;
};

// The text importers' one place for whitespace and numbers (the Novel and RSscan readers use
// these too): trim drops spaces, tabs, CR, form and vertical feeds by default.
std::string_view trim(std::string_view s, std::string_view chars = " \t\f\v\r");
bool starts_with_nocase(std::string_view s, std::string_view prefix);
bool equals_nocase(std::string_view a, std::string_view b);
// Splits on `sep` into `out` (cleared first); fields keep their spaces.
void split(std::string_view s, char sep, std::vector<std::string_view>& out);
// Splits at runs of spaces and tabs (no empty fields).
std::vector<std::string_view> split_fields(std::string_view line);
// The number that follows `key` in `line` (after optional spaces), or nothing.
std::optional<double> number_after(std::string_view line, std::string_view key);
// A number for a message, as printf's %g writes it.
std::string format_number(double value);
// A whole field as a number (spaces around it allowed); nullopt when it is not one.
std::optional<double> parse_number(std::string_view field);
// As parse_number, but throws through `lines` with "expected <what>, found '<field>'".
double require_number(const TextLines& lines, std::string_view field, const std::string& what);

// kPa per one of `unit` (kPa, MPa, Pa, N/cm^2, N/cm2, mmHg, psi, bar, kg/cm2; any case);
// nullopt for anything else (including Tekscan's "raw").
std::optional<double> kpa_per_unit(std::string_view unit);
// mm per one of `unit` (mm, millimeters, cm, centimeters, in, inches, m); nullopt otherwise.
std::optional<double> mm_per_unit(std::string_view unit);
// mm^2 per one of `unit` (mm2, mm^2, cm2, cm^2, in2, sq in, m2); nullopt otherwise.
std::optional<double> mm2_per_unit(std::string_view unit);

// A number followed by a unit ("5.08 mm", "0.127 centimeters"): value and unit text.
struct Quantity {
    double value = 0.0;
    std::string_view unit;
};
std::optional<Quantity> parse_quantity(std::string_view text);

}  // namespace plantar::import::detail::textio
