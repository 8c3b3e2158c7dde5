// The vendor samples that the validation programs read (../shared/data/vendor-exports, and the
// zipped ones extracted into the build folder by ctest's fixture), and their main: ctest reports
// "Skipped" (exit 77) when the samples are absent. Include after doctest with
// DOCTEST_CONFIG_IMPLEMENT defined.
#pragma once

#include <cstdio>
#include <filesystem>

namespace vendor_samples {

namespace fs = std::filesystem;

inline const fs::path kExports = fs::path(PLANTAR_SOURCE_DIR) / ".." / "shared" / "data" / "vendor-exports";
inline const fs::path kPressuRe = kExports / "pressuRe-extdata";
inline const fs::path kExtracted = PLANTAR_VALIDATION_EXTRACT;

inline int run_tests(int argc, char** argv) {
    if (!fs::is_directory(kExports)) {
        std::printf("SKIPPED: no vendor samples at %s\n", kExports.string().c_str());
        return 77;
    }
    doctest::Context context(argc, argv);
    return context.run();
}

}  // namespace vendor_samples
