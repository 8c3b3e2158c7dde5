// `plantar import`: vendor exports (emed, footscan/RSscan, Tekscan, Zebris, XSENSOR, pedar,
// pliance) into a plantar session, one trial per export (two for a pair of insoles).
#include <filesystem>
#include <iostream>
#include <optional>

#include "commands.hpp"
#include "plantar/capture/errors.hpp"
#include "plantar/capture/import/vendor_export.hpp"
#include "plantar/capture/session/session.hpp"
#include "progress_bar.hpp"
#include "session_summary.hpp"

namespace plantar::cli {

namespace {

struct ImportOptions {
    std::vector<std::string> files;
    std::string output;
    std::string format;  // empty: detect from content
    std::string subject = "IMPORT-0001";
    std::optional<std::string> kind;
    bool append = false;
    bool force = false;
};

std::vector<import::ImportedTrial> read_all(const ImportOptions& o) {
    std::optional<import::ExportFormat> format;
    if (!o.format.empty()) {
        format = import::export_format_from_string(o.format);
        if (!format) {
            std::string known;
            for (auto f : import::all_export_formats()) known += (known.empty() ? "" : ", ") + import::to_string(f);
            throw InvalidArgument("unknown format '" + o.format + "' (use one of: " + known + ")");
        }
    }
    std::optional<TrialKind> kind;
    if (o.kind) {
        kind = trial_kind_from_string(*o.kind);
        if (!kind) throw InvalidArgument("unknown trial kind '" + *o.kind + "' (use static, walk or step)");
    }
    // Every export is read (and so checked) before anything is written: one bad file refuses
    // the whole import and leaves the session as it was.
    std::vector<import::ImportedTrial> trials;
    for (std::size_t i = 0; i < o.files.size(); ++i) {
        ProgressBar progress("reading " + std::filesystem::path(o.files[i]).filename().string(), 100, "%");
        auto read = import::read_export(o.files[i], format, [&](double fraction) {
            progress.update(static_cast<std::uint64_t>(fraction * 100.0));
        });
        progress.finish();
        for (auto& trial : read) {
            if (kind) trial.header.kind = *kind;
            trials.push_back(std::move(trial));
        }
    }
    return trials;
}

void write_trials(SessionWriter& writer, std::vector<import::ImportedTrial>& trials) {
    std::uint64_t total = 0;
    for (const auto& t : trials) total += t.frames.size();
    ProgressBar progress("writing", total, "frames");
    std::uint64_t done = 0;
    for (auto& trial : trials) {
        writer.begin_trial(trial.header);
        for (const auto& frame : trial.frames) {
            writer.write(frame);
            progress.update(++done);
        }
        writer.end_trial();
    }
    writer.close();
    progress.finish();
}

void run_import(const ImportOptions& o) {
    const std::filesystem::path output = o.output;
    if (!o.append && std::filesystem::exists(output) && !o.force)
        throw IoError(output.string() + " exists; use --force to replace it or --append to add the trials to it");
    auto trials = read_all(o);

    if (o.append) {
        auto writer = SessionWriter::append(output);
        write_trials(writer, trials);
    } else {
        // Written beside the target and renamed when complete, as `plantar simulate` does.
        const std::filesystem::path partial = output.string() + ".partial";
        try {
            Subject subject;
            subject.id = o.subject;
            SessionWriterOptions options;
            options.overwrite = true;
            auto writer = SessionWriter::create(partial, subject, options);
            write_trials(writer, trials);
        } catch (...) {
            std::error_code ignored;
            std::filesystem::remove(partial, ignored);
            throw;
        }
        std::filesystem::rename(partial, output);
    }
    print_session_summary(SessionReader(output), std::cout);
}

}  // namespace

void add_import_command(CLI::App& app) {
    auto options = std::make_shared<ImportOptions>();
    std::string formats;
    for (auto f : import::all_export_formats()) formats += (formats.empty() ? "" : ", ") + import::to_string(f);
    auto* cmd = app.add_subcommand("import", "Turn vendor exports into a plantar session, one trial per export");
    cmd->footer("Formats (detected from the content; docs/import-formats.md): " + formats +
                "\nExample: plantar import walk1.lst walk2.lst --subject P-017 -o P-017.h5");
    cmd->add_option("FILE", options->files, "Export files, in trial order")->required()->check(CLI::ExistingFile);
    cmd->add_option("-o,--output", options->output, "Session file (HDF5) to write")->required();
    cmd->add_option("--format", options->format, "Read every file as this format instead of detecting it");
    cmd->add_option("--subject", options->subject, "Pseudonymous subject id of a new session")->capture_default_str();
    cmd->add_option("--kind", options->kind, "Trial kind of every imported trial: static, walk or step "
                                             "(default: the reader's guess from the export)");
    cmd->add_flag("--append", options->append, "Add the trials to an existing session");
    cmd->add_flag("-f,--force", options->force, "Replace the output file if it exists");
    cmd->callback([options] { run_import(*options); });
}

}  // namespace plantar::cli
