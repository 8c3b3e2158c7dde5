#include "plantar/viz/png_file.hpp"

#include <png.h>

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <vector>

namespace plantar::viz {
namespace {

// libpng reports errors by calling back and then longjmp-ing to the setjmp of the writer; the
// message is kept in a plain buffer, and the function that calls setjmp has only trivial locals.
struct PngErrorText {
    char text[256] = {};
};
void on_png_error(png_structp png, png_const_charp message) {
    auto* error = static_cast<PngErrorText*>(png_get_error_ptr(png));
    std::snprintf(error->text, sizeof error->text, "%s", message);
    png_longjmp(png, 1);
}
void on_png_warning(png_structp, png_const_charp) {}

bool write_all(png_structp png, png_infop info, std::FILE* file, const RgbaImage& image) {
    if (setjmp(png_jmpbuf(png))) return false;
    png_init_io(png, file);
    png_set_IHDR(png, info, static_cast<png_uint_32>(image.width), static_cast<png_uint_32>(image.height), 8,
                 PNG_COLOR_TYPE_RGBA, PNG_INTERLACE_NONE, PNG_COMPRESSION_TYPE_DEFAULT, PNG_FILTER_TYPE_DEFAULT);
    png_write_info(png, info);
    for (int y = 0; y < image.height; ++y)
        png_write_row(png, image.pixels.data() + static_cast<std::size_t>(y) * static_cast<std::size_t>(image.width) * 4);
    png_write_end(png, nullptr);
    return true;
}

}  // namespace

std::string write_png(const std::filesystem::path& path, const RgbaImage& image) {
    if (image.width <= 0 || image.height <= 0 ||
        image.pixels.size() != static_cast<std::size_t>(image.width) * static_cast<std::size_t>(image.height) * 4)
        return "cannot write " + path.string() + ": the image is empty or malformed";
    std::FILE* file = std::fopen(path.c_str(), "wb");
    if (file == nullptr) return "cannot create " + path.string() + ": " + std::strerror(errno);
    PngErrorText png_error;
    png_structp png = png_create_write_struct(PNG_LIBPNG_VER_STRING, &png_error, on_png_error, on_png_warning);
    png_infop info = png != nullptr ? png_create_info_struct(png) : nullptr;
    std::string error;
    if (png == nullptr || info == nullptr) {
        error = "cannot write " + path.string() + ": libpng could not start";
    } else {
        if (!write_all(png, info, file, image)) error = "cannot write " + path.string() + ": " + png_error.text;
    }
    png_destroy_write_struct(png != nullptr ? &png : nullptr, info != nullptr ? &info : nullptr);
    if (std::fclose(file) != 0 && error.empty()) error = "cannot write " + path.string() + ": " + std::strerror(errno);
    if (!error.empty()) std::remove(path.c_str());
    return error;
}

}  // namespace plantar::viz
