// /trials/NNNN/analysis: written into a copy of the session and renamed over it, so a failure
// at any point (disk full, a crash) leaves the original as it was. HDF5 does not reclaim the
// space of a replaced group, so a file that is stored into many times grows a little each time.
#include "plantar/capture/session/session_analysis.hpp"

#include <system_error>

#include "hdf5_handles.hpp"
#include "plantar/capture/errors.hpp"
#include "plantar/capture/session/session.hpp"
#include "session_file.hpp"
#include "session_layout.hpp"

namespace plantar {

namespace {

using namespace session_detail;

constexpr const char* kAnalysisGroup = "analysis";
constexpr const char* kAnalysisJson = "analysis_json";
constexpr const char* kAnalysisSoftware = "software";
constexpr const char* kAnalysisCreatedUtc = "created_utc";
constexpr const char* kLegend = "legend";

void check_session_and_trial(const std::filesystem::path& path, int trial) {
    SessionReader reader(path);
    reader.trial(trial);  // throws InvalidArgument naming the trials there are
    for (int t = 0; t < reader.trial_count(); ++t)
        if (!reader.trial(t).complete)
            throw InvalidArgument(path.string() + " is still being written (or its writer stopped before closing trial " +
                                  std::to_string(t) + "): the analysis can be stored only in a closed session");
}

void write_label_images(hid_t group, const StoredLabelImages& images) {
    const std::size_t expected = images.layers * static_cast<std::size_t>(images.rows) * static_cast<std::size_t>(images.cols);
    if (images.labels.size() != expected || images.layers == 0)
        throw InvalidArgument("label images '" + images.name + "' hold " + std::to_string(images.labels.size()) +
                              " labels, expected " + std::to_string(expected));
    const hsize_t dims[3] = {images.layers, static_cast<hsize_t>(images.rows), static_cast<hsize_t>(images.cols)};
    Handle space = space_handle(H5Screate_simple(3, dims, nullptr), "create the label image space");
    Handle dcpl = plist_handle(H5Pcreate(dataset_create_class()), "create label image properties");
    const hsize_t chunk[3] = {1, dims[1], dims[2]};
    check_status(H5Pset_chunk(dcpl.get(), 3, chunk), "chunk the label images");
    check_status(H5Pset_deflate(dcpl.get(), 4), "compress the label images");
    Handle dataset = dataset_handle(H5Dcreate2(group, images.name.c_str(), file_uint8(), space.get(), kDefaultProperties,
                                               dcpl.get(), kDefaultProperties),
                                    "create the label images " + images.name);
    check_status(H5Dwrite(dataset.get(), native_uint8(), kAllOfSpace, kAllOfSpace, kDefaultProperties, images.labels.data()),
                 "write the label images " + images.name);
    write_string_attribute(dataset.get(), kLegend, images.legend);
}

void write_analysis_group(const std::filesystem::path& copy, int trial, const StoredAnalysis& analysis) {
    Hdf5Lock lock;
    Handle file = open_session_file(copy, OpenMode::Write);
    Handle trial_group = group_handle(H5Gopen2(file.get(), session_layout::trial_path(trial).c_str(), kDefaultProperties),
                                      "open the trial group");
    if (link_exists(trial_group.get(), kAnalysisGroup))
        check_status(H5Ldelete(trial_group.get(), kAnalysisGroup, kDefaultProperties), "remove the earlier analysis");
    Handle group = group_handle(
        H5Gcreate2(trial_group.get(), kAnalysisGroup, kDefaultProperties, kDefaultProperties, kDefaultProperties),
        "create the analysis group");
    write_string_attribute(group.get(), kAnalysisJson, analysis.json);
    write_string_attribute(group.get(), kAnalysisSoftware, software_name());
    write_string_attribute(group.get(), kAnalysisCreatedUtc, session_detail::utc_now_iso8601());
    for (const auto& images : analysis.images) write_label_images(group.get(), images);
    group.close("close the analysis group");
    trial_group.close("close the trial group");
    file.close("close the session copy");
}

}  // namespace

void store_trial_analysis(const std::filesystem::path& session, int trial, const StoredAnalysis& analysis) {
    check_session_and_trial(session, trial);
    const std::filesystem::path copy = session.string() + ".analysis-partial";
    std::error_code ec;
    if (!std::filesystem::copy_file(session, copy, std::filesystem::copy_options::overwrite_existing, ec) || ec)
        throw IoError("cannot copy " + session.string() + " to store the analysis: " + ec.message());
    try {
        try {
            write_analysis_group(copy, trial, analysis);
        } catch (const Hdf5Error& e) {
            throw IoError("cannot write the analysis into " + copy.string() + ": " + e.what() +
                          (e.innermost().empty() ? "" : " (" + e.innermost() + ")"));
        }
        // The copy must still be a readable session with the analysis in it before it replaces the original.
        SessionReader check(copy);
        check.trial(trial);
        if (!read_trial_analysis(copy, trial)) throw IoError("the analysis did not read back from " + copy.string());
    } catch (...) {
        std::filesystem::remove(copy, ec);
        throw;
    }
    std::filesystem::rename(copy, session, ec);
    if (ec) {
        std::filesystem::remove(copy, ec);
        throw IoError("cannot replace " + session.string() + " with the copy holding the analysis: " + ec.message());
    }
}

std::optional<StoredAnalysis> read_trial_analysis(const std::filesystem::path& session, int trial) {
    SessionReader(session).trial(trial);  // a session, and the trial is there (the reader is closed again)
    Hdf5Lock lock;
    try {
        Handle file = open_session_file(session, OpenMode::Read);
        Handle trial_group = group_handle(H5Gopen2(file.get(), session_layout::trial_path(trial).c_str(), kDefaultProperties),
                                          "open the trial group");
        if (!link_exists(trial_group.get(), kAnalysisGroup)) return std::nullopt;
        Handle group = group_handle(H5Gopen2(trial_group.get(), kAnalysisGroup, kDefaultProperties), "open the analysis group");
        StoredAnalysis stored;
        stored.json = read_string_attribute(group.get(), kAnalysisJson).value_or("");
        stored.software = read_string_attribute(group.get(), kAnalysisSoftware).value_or("");
        stored.created_utc = read_string_attribute(group.get(), kAnalysisCreatedUtc).value_or("");
        return stored;
    } catch (const Hdf5Error& e) {
        throw FileFormatError(FileFormatError::Kind::Corrupt,
                              "cannot read the analysis of trial " + std::to_string(trial) + " in " + session.string() + ": " + e.what());
    }
}

}  // namespace plantar
