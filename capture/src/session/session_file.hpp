// What the writer and the reader share: opening an existing session file with every failure
// turned into the public error it means, the root checks, and small formatting helpers.
#pragma once

#include <cstdint>
#include <filesystem>
#include <string>

#include "hdf5_handles.hpp"
#include "plantar/capture/frame.hpp"

namespace plantar::session_detail {

enum class OpenMode {
    Read,   // SWMR read when the file allows it (a file being written, or left by a dead writer)
    Write,  // read-write, not SWMR: to add a trial or to mark one complete
};

// Opens `path`, or throws: IoError (missing, unreadable, held by another writer),
// FileFormatError NotHdf5 / Truncated / Corrupt. Does not look at the root attributes.
Handle open_session_file(const std::filesystem::path& path, OpenMode mode);

// Checks `format` and `format_version` of an open file and returns the version; throws
// FileFormatError NotPlantarSession / UnsupportedVersion naming the file.
int check_session_root(hid_t file, const std::filesystem::path& path);

// The indices of /trials/NNNN in ascending order; throws Hdf5Error.
std::vector<int> list_trial_indices(hid_t file);

// 'path' quoted for messages.
std::string quoted(const std::filesystem::path& path);
// Now as ISO 8601 UTC with milliseconds, e.g. 2026-11-21T05:47:18.123Z.
std::string utc_now_iso8601();
// "plantar 0.1.0": what the `software` root attribute says.
std::string software_name();

// Frames per pressure chunk: about 256 KiB of float32 per chunk (at least 1, at most 1024).
hsize_t pressure_chunk_frames(const PlateGeometry& geometry);
// Elements per chunk of the one-value-per-frame datasets (32 KiB of 8-byte values).
inline constexpr hsize_t kPerFrameChunk = 4096;

}  // namespace plantar::session_detail
