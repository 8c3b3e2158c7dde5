// Writing an RGBA image as a PNG file with libpng (screenshots of the viewer).
#pragma once

#include <filesystem>
#include <string>

#include "plantar/viz/heatmap.hpp"

namespace plantar::viz {

// Writes `image` (8-bit RGBA, top row first). Returns an empty string on success, else what went
// wrong in one line ("cannot create /x/y.png: No such file or directory").
std::string write_png(const std::filesystem::path& path, const RgbaImage& image);

}  // namespace plantar::viz
