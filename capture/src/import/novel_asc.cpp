// NOT YET IMPLEMENTED: this format is being written (issue 4); until then it refuses with a clear message.
#include "readers.hpp"

namespace plantar::import::detail {

bool looks_like_pedar_asc(std::string_view) { return false; }

std::vector<ImportedTrial> read_pedar_asc(const std::filesystem::path& file, const ImportProgress&) {
    throw ImportError(file.string(), 0, "reading Novel pedar .asc exports is not implemented yet");
}

bool looks_like_pliance_asc(std::string_view) { return false; }

std::vector<ImportedTrial> read_pliance_asc(const std::filesystem::path& file, const ImportProgress&) {
    throw ImportError(file.string(), 0, "reading Novel pliance .asc exports is not implemented yet");
}

}  // namespace plantar::import::detail
