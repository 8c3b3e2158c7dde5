// Import speed per vendor format: MB/s of source file read into trials, and the time to import
// every sample in ../shared/data/vendor-exports, against reading the same bytes into memory
// (the baseline, measured in the same run). Zipped samples must be extracted first; pass the
// folder holding them with --unzipped (the tests extract them into the build folder).
//
//   bench_import [--data ../shared/data/vendor-exports] [--unzipped DIR] [--repeat 3]
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <string>
#include <vector>

#include "plantar/capture/import/vendor_export.hpp"

using namespace plantar;
namespace fs = std::filesystem;
using Clock = std::chrono::steady_clock;

namespace {

double seconds_since(Clock::time_point start) { return std::chrono::duration<double>(Clock::now() - start).count(); }

double read_bytes_seconds(const fs::path& file) {
    auto start = Clock::now();
    std::ifstream in(file, std::ios::binary);
    std::string bytes((std::istreambuf_iterator<char>(in)), {});
    return bytes.empty() ? 0.0 : seconds_since(start);
}

}  // namespace

int main(int argc, char** argv) {
    fs::path data = "../shared/data/vendor-exports";
    std::vector<fs::path> folders;
    int repeat = 3;
    for (int i = 1; i + 1 < argc; i += 2) {
        std::string key = argv[i], value = argv[i + 1];
        if (key == "--data") data = value;
        else if (key == "--unzipped") folders.push_back(value);
        else if (key == "--repeat") repeat = std::max(1, std::stoi(value));
        else { std::fprintf(stderr, "unknown option %s\n", key.c_str()); return 2; }
    }
    if (!fs::exists(data)) {
        std::fprintf(stderr, "no samples at %s (give --data)\n", data.c_str());
        return 1;
    }
    folders.insert(folders.begin(), data / "pressuRe-extdata");
    std::vector<fs::path> files;
    for (const auto& folder : folders)
        if (fs::exists(folder))
            for (const auto& entry : fs::recursive_directory_iterator(folder))
                if (entry.is_regular_file() && entry.path().extension() != ".md" && entry.path().extension() != ".zip" &&
                    entry.path().filename().string().rfind("LICENSE", 0) != 0)
                    files.push_back(entry.path());
    std::sort(files.begin(), files.end());

    std::printf("%-44s %-13s %8s %8s %10s %10s %8s\n", "file", "format", "MB", "frames", "MB/s", "read MB/s", "ratio");
    double total_s = 0;
    for (const auto& file : files) {
        std::string format = "?";
        std::size_t frames = 0;
        double best = 1e30;
        try {
            format = import::to_string(import::detect_export_format(file));
            for (int r = 0; r < repeat; ++r) {
                auto start = Clock::now();
                auto trials = import::read_export(file);
                best = std::min(best, seconds_since(start));
                frames = 0;
                for (const auto& t : trials) frames += t.frames.size();
            }
        } catch (const std::exception& error) {
            std::printf("%-44s not imported: %s\n", file.filename().c_str(), error.what());
            continue;
        }
        double baseline = 1e30;
        for (int r = 0; r < repeat; ++r) baseline = std::min(baseline, read_bytes_seconds(file));
        double mb = static_cast<double>(fs::file_size(file)) / 1e6;
        total_s += best;
        std::printf("%-44s %-13s %8.2f %8zu %10.1f %10.0f %7.3fx\n", file.filename().c_str(), format.c_str(), mb, frames,
                    mb / best, mb / baseline, baseline / best);
    }
    std::printf("time to import every sample once: %.3f s\n", total_s);
    std::printf("(ratio: import speed over plain reading of the same bytes into memory)\n");
    return 0;
}
