// The analysis of a trial stored in its session file, beside the frames it came from:
// /trials/NNNN/analysis (docs/session-format.md). capture/ does not know what an analysis is;
// it stores the JSON text the analysis produced and any label images given with it.
#pragma once

#include <cstddef>
#include <cstdint>
#include <filesystem>
#include <optional>
#include <string>
#include <vector>

namespace plantar {

// Label images, one uint8 label per value of a frame (rows x cols, as the trial's pressure),
// for each of `layers` (one per foot contact, in the analysis's contact order).
struct StoredLabelImages {
    std::string name;     // dataset name in the analysis group, e.g. "regions"
    std::string legend;   // what each label means: "0 none, 1 heel, 2 midfoot, 3 forefoot, 4 toes"
    std::size_t layers = 0;
    int rows = 0;
    int cols = 0;
    std::vector<std::uint8_t> labels;  // layers * rows * cols, row-major
};

struct StoredAnalysis {
    std::string json;      // the analysis as JSON text (docs/analysis-json.md)
    std::string software;  // "plantar 0.1.0" that made it; filled in by the reader
    std::string created_utc;  // when it was stored; filled in by the reader
    std::vector<StoredLabelImages> images;
};

// Writes the analysis of trial `trial` into a cleanly closed session, replacing an earlier one.
// The file is never damaged: the change is made in a copy beside it, the copy is checked by
// reading it back as a session, and only then renamed over the original. Throws
// InvalidArgument for a trial that does not exist or a session still being written (or left
// incomplete by a writer that died), FileFormatError for a file that is not a session, IoError
// when the copy cannot be written or renamed.
void store_trial_analysis(const std::filesystem::path& session, int trial, const StoredAnalysis& analysis);

// The stored analysis of a trial, or nothing when none was stored.
std::optional<StoredAnalysis> read_trial_analysis(const std::filesystem::path& session, int trial);

}  // namespace plantar
