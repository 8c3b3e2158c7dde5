// NOT YET IMPLEMENTED: this format is being written (issue 4); until then it refuses with a clear message.
#include "readers.hpp"

namespace plantar::import::detail {

bool looks_like_emed_lst(std::string_view) { return false; }

std::vector<ImportedTrial> read_emed_lst(const std::filesystem::path& file, const ImportProgress&) {
    throw ImportError(file.string(), 0, "reading Novel emed .lst exports is not implemented yet");
}

}  // namespace plantar::import::detail
