// NOT YET IMPLEMENTED: this format is being written (issue 4); until then it refuses with a clear message.
#include "readers.hpp"

namespace plantar::import::detail {

bool looks_like_rsscan_ascii(std::string_view) { return false; }

std::vector<ImportedTrial> read_rsscan_ascii(const std::filesystem::path& file, const ImportProgress&) {
    throw ImportError(file.string(), 0, "reading RSscan roll-off ASCII exports is not implemented yet");
}

}  // namespace plantar::import::detail
