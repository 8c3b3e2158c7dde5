// `plantar export`: frames and timestamps as CSV that a spreadsheet opens.
#include <charconv>
#include <cmath>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <iostream>

#include "commands.hpp"
#include "plantar/capture/errors.hpp"
#include "plantar/capture/session/session.hpp"
#include "progress_bar.hpp"

namespace plantar::cli {

namespace {

// Spreadsheets stop at 16,384 columns (Excel, LibreOffice 7.4+); a wider table is refused with
// advice rather than written as a file they would cut silently.
constexpr std::size_t kSpreadsheetMaxColumns = 16384;

struct ExportOptions {
    std::string file;
    std::string csv;
    std::vector<int> trials;
    std::string layout = "wide";
    std::optional<double> from_s;
    std::optional<double> to_s;
};

// The shortest text that reads back as the same float, so an export loses nothing.
void append_number(std::string& line, float value) {
    char text[32];
    auto [end, ec] = std::to_chars(text, text + sizeof text, value);
    line.append(text, ec == std::errc() ? end : text);
}

void append_number(std::string& line, double value) {
    char text[32];
    auto [end, ec] = std::to_chars(text, text + sizeof text, value);
    line.append(text, ec == std::errc() ? end : text);
}

void append_number(std::string& line, std::int64_t value) { line += std::to_string(value); }
void append_number(std::string& line, std::uint64_t value) { line += std::to_string(value); }

struct FrameRange {
    std::uint64_t first = 0;
    std::uint64_t count = 0;
};

FrameRange frames_to_export(const SessionReader& session, int trial, const ExportOptions& o) {
    const auto& info = session.trial(trial);
    if (info.frame_count == 0) return {};
    std::uint64_t first = 0, last = info.frame_count - 1;
    auto at = [&](double seconds) {
        return session.frame_index_at(trial, info.first_device_time_us + std::llround(seconds * 1e6));
    };
    if (o.from_s) {
        first = at(*o.from_s);
        // frame_index_at gives the frame at or before the time; --from wants the first at or after.
        if (session.read_frame(trial, first).device_time_us < info.first_device_time_us + std::llround(*o.from_s * 1e6))
            ++first;
    }
    if (o.to_s) last = at(*o.to_s);
    if (first > last || first >= info.frame_count) return {};
    return {first, last - first + 1};
}

void write_csv(const SessionReader& session, const std::vector<int>& trials, const ExportOptions& o, std::ostream& out) {
    bool wide = o.layout == "wide";
    const auto& g0 = session.trial(trials.front()).header.geometry;
    const auto& layout0 = session.trial(trials.front()).header.layout;
    for (int t : trials)
        if (wide && !(session.trial(t).header.geometry == g0 && session.trial(t).header.layout == layout0))
            throw InvalidArgument("trials " + std::to_string(trials.front()) + " and " + std::to_string(t) +
                                  " have different plates; export them one at a time with --trial, or use --layout long");

    // One unit per file: kPa, or raw counts (an uncalibrated import), never both under one header.
    const PressureScale scale = session.trial(trials.front()).header.pressure_scale;
    for (int t : trials)
        if (session.trial(t).header.pressure_scale != scale)
            throw InvalidArgument("trials " + std::to_string(trials.front()) + " and " + std::to_string(t) +
                                  " hold different units (" + to_string(scale) + " and " +
                                  to_string(session.trial(t).header.pressure_scale) +
                                  "); export them one at a time with --trial");
    const std::string unit = scale == PressureScale::RawCounts ? "raw" : "kPa";

    std::string line;
    if (wide) {
        if (g0.sensor_count() + 6 > kSpreadsheetMaxColumns)
            throw InvalidArgument("a " + std::to_string(g0.rows) + " x " + std::to_string(g0.cols) + " plate needs " +
                                  std::to_string(g0.sensor_count() + 6) +
                                  " columns, more than a spreadsheet holds (16384); use --layout long");
        line = "trial,frame,sequence,time_s,device_time_us,host_time_ns";
        if (layout0.has_placed_sensors()) {
            // Sensors without a grid (an insole, a pliance mat): one column per sensor.
            for (int c = 0; c < g0.cols; ++c) line += "," + unit + "_s" + std::to_string(c);
        } else {
            for (int r = 0; r < g0.rows; ++r)
                for (int c = 0; c < g0.cols; ++c) line += "," + unit + "_r" + std::to_string(r) + "_c" + std::to_string(c);
        }
    } else {
        line = "trial,frame,sequence,time_s,device_time_us,row,col,x_mm,y_mm,pressure_" +
               std::string(scale == PressureScale::RawCounts ? "raw" : "kpa");
    }
    out << line << "\n";

    std::uint64_t total = 0;
    std::vector<FrameRange> ranges;
    for (int t : trials) {
        ranges.push_back(frames_to_export(session, t, o));
        total += ranges.back().count;
    }
    ProgressBar progress("exporting", total, "frames");
    std::uint64_t done = 0;
    for (std::size_t k = 0; k < trials.size(); ++k) {
        int t = trials[k];
        const auto& info = session.trial(t);
        const auto& g = info.header.geometry;
        std::uint64_t index = ranges[k].first;
        session.read_frames(t, ranges[k].first, ranges[k].count, [&](const Frame& frame) {
            double time_s = static_cast<double>(frame.device_time_us - info.first_device_time_us) * 1e-6;
            std::string prefix = std::to_string(t) + "," + std::to_string(index) + ",";
            append_number(prefix, frame.sequence);
            prefix += ",";
            append_number(prefix, time_s);
            prefix += ",";
            append_number(prefix, frame.device_time_us);
            if (wide) {
                line = prefix + ",";
                append_number(line, frame.host_time_ns);
                const auto& present = info.header.layout.grid_present;
                for (std::size_t i = 0; i < frame.pressure_kpa.size(); ++i) {
                    line += ',';
                    // A cell without a sensor (Tekscan's 'B') is left empty: it is not a reading of 0.
                    if (present.empty() || present[i] != 0) append_number(line, frame.pressure_kpa[i]);
                }
                out << line << "\n";
            } else {
                // Long layout lists loaded sensors only: a plate is mostly zeros.
                for (int r = 0; r < g.rows; ++r)
                    for (int c = 0; c < g.cols; ++c) {
                        float p = frame.at(g, r, c);
                        if (p <= 0.0f) continue;
                        line = prefix + "," + std::to_string(r) + "," + std::to_string(c) + ",";
                        const auto& sensors = info.header.layout.sensors;
                        // Sensors without a grid sit where the export placed them; where it gave
                        // no places (pedar) x_mm and y_mm are empty, not the placeholders.
                        if (info.header.layout.geometry_known)
                            append_number(line, sensors.empty() ? g.x_mm(c) : sensors[static_cast<std::size_t>(c)].x_mm);
                        line += ',';
                        if (info.header.layout.geometry_known)
                            append_number(line, sensors.empty() ? g.y_mm(r) : sensors[static_cast<std::size_t>(c)].y_mm);
                        line += ',';
                        append_number(line, p);
                        out << line << "\n";
                    }
            }
            ++index;
            progress.update(++done);
            return static_cast<bool>(out);
        });
        if (!out) break;
    }
    progress.finish();
}

void run_export(const ExportOptions& o) {
    SessionReader session(o.file);
    if (session.trial_count() == 0) throw InvalidArgument(o.file + " holds no trials to export");
    std::vector<int> trials = o.trials;
    if (trials.empty())
        for (int i = 0; i < session.trial_count(); ++i) trials.push_back(i);
    for (int t : trials)
        if (t < 0 || t >= session.trial_count())
            throw InvalidArgument(o.file + " has no trial " + std::to_string(t) +
                                  (session.trial_count() == 1
                                       ? std::string(" (it has only trial 0)")
                                       : " (it has trials 0 to " + std::to_string(session.trial_count() - 1) + ")"));

    if (o.csv == "-") {
        write_csv(session, trials, o, std::cout);
        std::cout.flush();
        if (!std::cout) throw IoError("could not write the CSV to standard output");
        return;
    }
    // Written beside the target and renamed when complete: a failed export leaves nothing
    // half-written and keeps any earlier file of that name.
    std::filesystem::path target = o.csv;
    std::filesystem::path partial = target.string() + ".partial";
    {
        std::ofstream out(partial, std::ios::binary | std::ios::trunc);
        if (!out) throw IoError("cannot create " + partial.string() + ": " + std::strerror(errno));
        try {
            write_csv(session, trials, o, out);
        } catch (...) {
            out.close();
            std::filesystem::remove(partial);
            throw;
        }
        out.close();
        if (!out) {
            std::filesystem::remove(partial);
            throw IoError("could not write " + target.string() + " (disk full?)");
        }
    }
    std::filesystem::rename(partial, target);
}

}  // namespace

void add_export_command(CLI::App& app) {
    auto options = std::make_shared<ExportOptions>();
    auto* cmd = app.add_subcommand("export", "Export frames and timestamps of a session as CSV");
    cmd->footer(
        "Layouts:\n"
        "  wide  one row per frame: trial, frame, sequence, time_s, device_time_us, host_time_ns,\n"
        "        then one column per sensor named kPa_r<row>_c<col> (row-major, as stored), or\n"
        "        kPa_s<i> for sensors without a grid (insoles, pliance); a grid cell without a\n"
        "        sensor (an insole outline) is an empty field, not 0\n"
        "  long  one row per loaded sensor per frame: trial, frame, sequence, time_s, device_time_us,\n"
        "        row, col, x_mm, y_mm, pressure_kpa (sensors reading 0 are left out; x_mm, y_mm\n"
        "        are the sensor's centre, from the export for sensors without a grid, and empty\n"
        "        when the export gave no positions (pedar))\n"
        "Pressures are kPa; time_s counts from the trial's first frame. Trials of uncalibrated\n"
        "raw counts (Tekscan UNITS raw) say raw instead: raw_r<row>_c<col>, raw_s<i>, pressure_raw;\n"
        "kPa and raw trials are not exported into one file.\n"
        "Example: plantar export walk.h5 --csv walk.csv --trial 0 --from 1.5 --to 3");
    cmd->add_option("FILE", options->file, "Session file (HDF5)")->required()->check(CLI::ExistingFile);
    cmd->add_option("--csv", options->csv, "CSV file to write, or - for standard output")->required();
    cmd->add_option("--trial", options->trials, "Trial index to export (repeat for several; default: all)");
    cmd->add_option("--layout", options->layout, "wide or long (see below)")
        ->check(CLI::IsMember({"wide", "long"}))
        ->capture_default_str();
    cmd->add_option("--from", options->from_s, "Start time in seconds from the trial's first frame");
    cmd->add_option("--to", options->to_s, "End time in seconds from the trial's first frame (inclusive)");
    cmd->callback([options] { run_export(*options); });
}

}  // namespace plantar::cli
