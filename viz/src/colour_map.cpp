#include "plantar/viz/colour_map.hpp"

#include <algorithm>
#include <array>
#include <cmath>
#include <numbers>

namespace plantar::viz {
namespace {

constexpr double kWhiteX = 0.95047, kWhiteY = 1.0, kWhiteZ = 1.08883;  // D65
constexpr double kEpsilon = 216.0 / 24389.0;  // CIE 15:2004: (6/29)^3
constexpr double kKappa = 24389.0 / 27.0;     // (29/3)^3

double lab_f_inverse(double t) {
    const double t3 = t * t * t;
    return t3 > kEpsilon ? t3 : (116.0 * t - 16.0) / kKappa;
}
double lab_f(double r) { return r > kEpsilon ? std::cbrt(r) : (kKappa * r + 16.0) / 116.0; }

// IEC 61966-2-1 transfer function (linear light -> encoded) and its inverse.
double srgb_encode(double c) { return c <= 0.0031308 ? 12.92 * c : 1.055 * std::pow(c, 1.0 / 2.4) - 0.055; }
double srgb_decode(double v) { return v <= 0.04045 ? v / 12.92 : std::pow((v + 0.055) / 1.055, 2.4); }

std::uint8_t to_byte(double v) {
    return static_cast<std::uint8_t>(std::lround(std::clamp(v, 0.0, 1.0) * 255.0));
}

}  // namespace

bool lab_to_srgb(const Lab& lab, Rgba8& out) {
    const double fy = (lab.l + 16.0) / 116.0;
    const double fx = fy + lab.a / 500.0;
    const double fz = fy - lab.b / 200.0;
    const double x = kWhiteX * lab_f_inverse(fx);
    const double y = kWhiteY * (lab.l > kKappa * kEpsilon ? fy * fy * fy : lab.l / kKappa);
    const double z = kWhiteZ * lab_f_inverse(fz);
    const double r = 3.2406 * x - 1.5372 * y - 0.4986 * z;
    const double g = -0.9689 * x + 1.8758 * y + 0.0415 * z;
    const double b = 0.0557 * x - 0.2040 * y + 1.0570 * z;
    const double tolerance = 1e-9;
    const bool in_gamut = std::min({r, g, b}) >= -tolerance && std::max({r, g, b}) <= 1.0 + tolerance;
    out = Rgba8{to_byte(srgb_encode(std::clamp(r, 0.0, 1.0))), to_byte(srgb_encode(std::clamp(g, 0.0, 1.0))),
                to_byte(srgb_encode(std::clamp(b, 0.0, 1.0))), 255};
    return in_gamut;
}

Lab srgb_to_lab(const Rgba8& colour) {
    const double r = srgb_decode(colour.r / 255.0), g = srgb_decode(colour.g / 255.0), b = srgb_decode(colour.b / 255.0);
    const double x = 0.4124 * r + 0.3576 * g + 0.1805 * b;
    const double y = 0.2126 * r + 0.7152 * g + 0.0722 * b;
    const double z = 0.0193 * r + 0.1192 * g + 0.9505 * b;
    const double fx = lab_f(x / kWhiteX), fy = lab_f(y / kWhiteY), fz = lab_f(z / kWhiteZ);
    return Lab{116.0 * fy - 16.0, 500.0 * (fx - fy), 200.0 * (fy - fz)};
}

Lab colour_map_lab(double t) {
    if (!(t >= 0.0)) t = 0.0;  // also NaN
    t = std::min(t, 1.0);
    const double l = kLightnessLow + (kLightnessHigh - kLightnessLow) * t;
    const double hue = (kHueLowDeg + (kHueHighDeg - kHueLowDeg) * t) * std::numbers::pi / 180.0;
    return Lab{l, kChroma * std::cos(hue), kChroma * std::sin(hue)};
}

namespace {

// The map at t = i / kTableSteps. A heatmap colours a million pixels per frame at 1920x1080; the
// CIE conversion with its gamut bisection costs microseconds each, a table lookup nothing. 4000
// steps are 0.014 L* apart, far below what 8-bit sRGB can show, and put every multiple of 1/4000
// (0.25, 0.35, 0.5, ...) exactly on an entry.
constexpr int kTableSteps = 4000;

Rgba8 colour_map_computed(double t) {
    const Lab target = colour_map_lab(t);
    Rgba8 out;
    if (lab_to_srgb(target, out)) return out;
    // Out of gamut: keep L* and hue, lower the chroma to the largest that sRGB shows (bisection),
    // so lightness stays exactly on its ramp.
    double inside = 0.0, outside = 1.0;
    for (int i = 0; i < 30; ++i) {
        const double mid = 0.5 * (inside + outside);
        Rgba8 candidate;
        if (lab_to_srgb(Lab{target.l, target.a * mid, target.b * mid}, candidate)) inside = mid; else outside = mid;
    }
    lab_to_srgb(Lab{target.l, target.a * inside, target.b * inside}, out);
    return out;
}

const std::array<Rgba8, kTableSteps + 1>& colour_table() {
    static const std::array<Rgba8, kTableSteps + 1> table = [] {
        std::array<Rgba8, kTableSteps + 1> entries;
        for (int i = 0; i <= kTableSteps; ++i) entries[static_cast<std::size_t>(i)] = colour_map_computed(static_cast<double>(i) / kTableSteps);
        return entries;
    }();
    return table;
}

}  // namespace

Rgba8 colour_map(double t) {
    if (!(t >= 0.0)) t = 0.0;  // also NaN
    t = std::min(t, 1.0);
    return colour_table()[static_cast<std::size_t>(std::lround(t * kTableSteps))];
}

}  // namespace plantar::viz
