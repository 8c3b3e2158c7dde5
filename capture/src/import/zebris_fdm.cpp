// NOT YET IMPLEMENTED: this format is being written (issue 4); until then it refuses with a clear message.
#include "readers.hpp"

namespace plantar::import::detail {

bool looks_like_zebris_fdm(std::string_view) { return false; }

std::vector<ImportedTrial> read_zebris_fdm(const std::filesystem::path& file, const ImportProgress&) {
    throw ImportError(file.string(), 0, "reading Zebris FDM .txt exports is not implemented yet");
}

}  // namespace plantar::import::detail
