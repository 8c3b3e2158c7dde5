#include "session_file.hpp"

#include <algorithm>
#include <chrono>
#include <ctime>
#include <fstream>
#include <thread>

#include "hdf5_types.hpp"
#include "plantar/capture/errors.hpp"
#include "plantar/capture/session/session.hpp"
#include "session_layout.hpp"

#ifndef PLANTAR_VERSION
#define PLANTAR_VERSION "unknown"
#endif

namespace plantar {

double TrialInfo::duration_s() const {
    if (frame_count == 0) return 0.0;
    double span_s = static_cast<double>(last_device_time_us - first_device_time_us) * 1e-6;
    double period_s = header.rate_hz > 0.0 ? 1.0 / header.rate_hz : 0.0;
    return span_s + period_s;
}

}  // namespace plantar

namespace plantar::session_detail {

namespace layout = session_layout;
using Kind = FileFormatError::Kind;

std::string quoted(const std::filesystem::path& path) {
    return "'" + path.string() + "'";
}

std::string utc_now_iso8601() {
    auto now = std::chrono::system_clock::now();
    std::time_t seconds = std::chrono::system_clock::to_time_t(now);
    auto millis = std::chrono::duration_cast<std::chrono::milliseconds>(now.time_since_epoch()).count() % 1000;
    std::tm utc{};
    gmtime_r(&seconds, &utc);
    char text[64];
    std::snprintf(text, sizeof text, "%04d-%02d-%02dT%02d:%02d:%02d.%03dZ", utc.tm_year + 1900, utc.tm_mon + 1,
                  utc.tm_mday, utc.tm_hour, utc.tm_min, utc.tm_sec, static_cast<int>(millis));
    return text;
}

std::string software_name() {
    return std::string("plantar ") + PLANTAR_VERSION;
}

hsize_t pressure_chunk_frames(const PlateGeometry& geometry) {
    constexpr hsize_t kTargetChunkBytes = 256 * 1024;
    hsize_t frame_bytes = static_cast<hsize_t>(geometry.sensor_count()) * sizeof(float);
    return std::clamp<hsize_t>(kTargetChunkBytes / std::max<hsize_t>(frame_bytes, 1), 1, 1024);
}

namespace {

// Another process holds the file: a writer between two trials holds it exclusively for a few
// milliseconds, so a short wait usually resolves it.
bool held_by_another_process(const Hdf5Error& error) {
    return error.stack_mentions("unable to lock") || error.stack_mentions("already open for write") ||
           error.stack_mentions("already open for swmr") || error.stack_mentions("file locking");
}

hid_t try_open(const std::filesystem::path& path, unsigned flags, hid_t fapl) {
    return H5Fopen(path.c_str(), flags, fapl);
}

[[noreturn]] void throw_open_failure(const std::filesystem::path& path, const Hdf5Error& error) {
    std::string detail = error.innermost().empty() ? "" : " (HDF5: " + error.innermost() + ")";
    if (error.stack_mentions("truncated"))
        throw FileFormatError(Kind::Truncated, "session file " + quoted(path) +
                                                   " is truncated: it is shorter than HDF5 says it should be "
                                                   "(an incomplete copy or download?)" + detail);
    if (held_by_another_process(error))
        throw IoError("session file " + quoted(path) +
                      " is in use: another program has it open (a writer, or a reader that locks files), or a "
                      "writer that died left it marked as being written; close the other program, or if none is "
                      "running, clear the mark with `h5clear -s` (frames it flushed are kept)" + detail);
    if (error.stack_mentions("signature"))
        throw FileFormatError(Kind::NotHdf5, "file " + quoted(path) + " is not an HDF5 file" + detail);
    throw FileFormatError(Kind::Corrupt, "session file " + quoted(path) + " could not be opened: its HDF5 "
                                         "structure is damaged" + detail);
}

}  // namespace

Handle open_session_file(const std::filesystem::path& path, OpenMode mode) {
    std::error_code ec;
    if (!std::filesystem::exists(path, ec))
        throw IoError("cannot open session file " + quoted(path) + ": no such file");
    if (std::filesystem::is_directory(path, ec))
        throw IoError("cannot open session file " + quoted(path) + ": it is a directory");
    if (!std::ifstream(path, std::ios::binary).is_open())
        throw IoError("cannot open session file " + quoted(path) + ": permission denied or unreadable");

    Hdf5Lock lock;
    htri_t is_hdf5 = H5Fis_hdf5(path.c_str());
    take_error_stack();
    if (is_hdf5 <= 0)
        throw FileFormatError(Kind::NotHdf5, "file " + quoted(path) +
                                                 " is not an HDF5 file (no HDF5 signature), so not a plantar session");

    Handle fapl = session_file_access();
    if (mode == OpenMode::Read) {
        // Readers take no file lock. HDF5 1.10 keeps a shared lock for as long as a reader has
        // the file open, which would stop the writer from reopening the file between trials
        // (to mark one complete or add the next) while a viewer follows the recording.
        check_status(H5Pset_file_locking(fapl.get(), false, true), "turn off file locking for reading");
    }
    // SWMR read first: it also opens a file a writer is appending to. Files that do not support
    // SWMR (older HDF5 formats, for example made by other tools) open without it.
    std::vector<unsigned> attempts = mode == OpenMode::Read
                                         ? std::vector<unsigned>{H5F_ACC_RDONLY | H5F_ACC_SWMR_READ, H5F_ACC_RDONLY}
                                         : std::vector<unsigned>{H5F_ACC_RDWR};
    constexpr int kLockRetries = 40;
    constexpr auto kLockRetryPause = std::chrono::milliseconds(25);
    std::optional<Hdf5Error> first_failure;
    bool reader_locks = false;
    for (unsigned flags : attempts) {
        for (int attempt = 0;; ++attempt) {
            hid_t file = try_open(path, flags, fapl.get());
            if (file >= 0) return Handle(file, H5Fclose);
            Hdf5Error failure("open " + quoted(path), take_error_stack());
            if (mode == OpenMode::Read && failure.stack_mentions("flag values don't match") && !reader_locks) {
                // This process has the file open already (a writer here: the viewer's tests,
                // a program that records and shows). HDF5 shares that open file and requires
                // the same locking setting; no new lock is taken on a file already open.
                fapl = session_file_access();
                reader_locks = true;
                continue;
            }
            if (held_by_another_process(failure) && attempt < kLockRetries) {
                std::this_thread::sleep_for(kLockRetryPause);
                continue;
            }
            if (!first_failure || failure.stack_mentions("truncated")) first_failure = std::move(failure);
            break;
        }
        if (first_failure && first_failure->stack_mentions("truncated")) break;
    }
    throw_open_failure(path, *first_failure);
}

int check_session_root(hid_t file, const std::filesystem::path& path) {
    std::optional<std::string> format;
    std::optional<std::int64_t> version;
    try {
        format = read_string_attribute(file, layout::kFormat);
        if (format && *format == kSessionFormatName) version = read_integer_attribute(file, layout::kFormatVersion);
    } catch (const Hdf5Error& error) {
        throw FileFormatError(Kind::NotPlantarSession, "file " + quoted(path) +
                                                           " is an HDF5 file but not a plantar session: " + error.what());
    }
    if (!format)
        throw FileFormatError(Kind::NotPlantarSession,
                              "file " + quoted(path) + " is an HDF5 file but not a plantar session (it has no '" +
                                  layout::kFormat + "' attribute saying \"" + kSessionFormatName + "\")");
    if (*format != kSessionFormatName)
        throw FileFormatError(Kind::NotPlantarSession, "file " + quoted(path) + " is an HDF5 file of format \"" +
                                                           *format + "\", not a plantar session");
    if (!version)
        throw FileFormatError(Kind::Corrupt, "session file " + quoted(path) + " has no '" + layout::kFormatVersion +
                                                 "' attribute");
    if (*version > kSessionFormatVersion)
        throw FileFormatError(Kind::UnsupportedVersion,
                              "session file " + quoted(path) + " was written by a newer plantar (format version " +
                                  std::to_string(*version) + "); this plantar reads up to " +
                                  std::to_string(kSessionFormatVersion) + "; update plantar to read it");
    if (*version < 1)
        throw FileFormatError(Kind::Corrupt, "session file " + quoted(path) + " has an invalid format version " +
                                                 std::to_string(*version));
    return static_cast<int>(*version);
}

namespace {

herr_t collect_trial_name(hid_t /*group*/, const char* name, const H5L_info_t* /*info*/, void* out) {
    auto* indices = static_cast<std::vector<int>*>(out);
    std::string text = name;
    if (text.empty() || text.size() > 9 || !std::all_of(text.begin(), text.end(), [](char c) { return c >= '0' && c <= '9'; }))
        return 0;  // not a trial; a reader of version 1 ignores what it does not know
    indices->push_back(std::stoi(text));
    return 0;
}

}  // namespace

std::vector<int> list_trial_indices(hid_t file) {
    std::vector<int> indices;
    if (!link_exists(file, layout::kTrialsGroup)) return indices;
    Handle trials = group_handle(H5Gopen2(file, layout::kTrialsGroup, kDefaultProperties), "open group /trials");
    check_status(H5Literate(trials.get(), H5_INDEX_NAME, H5_ITER_NATIVE, nullptr, collect_trial_name, &indices),
                 "list the trials in /trials");
    std::sort(indices.begin(), indices.end());
    return indices;
}

}  // namespace plantar::session_detail
