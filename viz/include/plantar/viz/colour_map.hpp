// The colour map of pressure images: a ramp that is uniform in CIELAB, computed from the CIE
// formulas (once, into a table of 4001 entries that colour_map() looks up). Lightness L* rises linearly from kLightnessLow to kLightnessHigh while the hue
// turns from blue-violet through teal and green to yellow at constant chroma, so equal steps of
// pressure are equal colour differences (Delta E*ab) wherever the chroma fits the sRGB gamut (in
// the teal part sRGB cannot show C* 40 and the chroma is lowered, keeping L* exact: steps then
// differ by up to a factor 1.5, tested), and the map reads correctly in grey and for red-green
// colour-blind viewers, because lightness alone orders it.
// Sources: CIELAB and its inverse, CIE 15:2004 "Colorimetry" section 8.2.1; XYZ -> sRGB matrix and
// transfer function, IEC 61966-2-1:1999 (sRGB); D65 white point (0.95047, 1, 1.08883).
#pragma once

#include <cstdint>

namespace plantar::viz {

struct Rgba8 {
    std::uint8_t r = 0, g = 0, b = 0, a = 255;
    bool operator==(const Rgba8&) const = default;
};

// Unloaded sensors and holes in the grid: a dark grey darker than any colour of the map.
inline constexpr Rgba8 kBackground{24, 24, 28, 255};

inline constexpr double kLightnessLow = 38.0;   // L* of the lowest pressure shown
inline constexpr double kLightnessHigh = 92.0;  // L* of the top of the scale
inline constexpr double kHueLowDeg = 290.0;     // CIELAB hue angle h_ab: blue-violet
inline constexpr double kHueHighDeg = 100.0;    // yellow
inline constexpr double kChroma = 40.0;         // C*ab, reduced where sRGB cannot show it

struct Lab {
    double l = 0.0, a = 0.0, b = 0.0;
};

// The map at t in [0, 1] (clamped; NaN gives the bottom colour), to the nearest 1/4000.
Rgba8 colour_map(double t);
// The CIELAB target of the map at t, before fitting into sRGB.
Lab colour_map_lab(double t);

// CIE conversions, D65, 8-bit sRGB. lab_to_srgb reports whether the colour was in gamut (it is
// clamped otherwise).
bool lab_to_srgb(const Lab& lab, Rgba8& out);
Lab srgb_to_lab(const Rgba8& colour);

}  // namespace plantar::viz
