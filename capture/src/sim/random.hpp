// The simulator's random numbers. The algorithms are fixed here (not taken from <random>,
// whose distributions differ between standard libraries) so that a seed gives the same
// frames on every platform and compiler.
#pragma once

#include <array>
#include <cmath>
#include <cstdint>
#include <numbers>

namespace plantar::sim::detail {

// SplitMix64 (Steele, Lea & Flood 2014): turns one 64-bit seed into well-mixed seeds for the
// independent streams below.
class SplitMix64 {
public:
    explicit SplitMix64(std::uint64_t seed) : state_(seed) {}
    std::uint64_t next() {
        state_ += 0x9E3779B97F4A7C15ull;
        std::uint64_t z = state_;
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ull;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBull;
        return z ^ (z >> 31);
    }

private:
    std::uint64_t state_;
};

// xoshiro256** (Blackman & Vigna 2018): fast, good statistical quality, 256-bit state.
class Random {
public:
    // `stream` separates independent uses of one seed (layout, noise, dead sensors, sway) so
    // that changing one of them does not shift the numbers of another.
    Random(std::uint64_t seed, std::uint64_t stream) {
        SplitMix64 mixer(seed ^ (stream * 0xD1B54A32D192ED03ull));
        for (auto& word : state_) word = mixer.next();
    }

    std::uint64_t next_u64() {
        const std::uint64_t result = rotl(state_[1] * 5, 7) * 9;
        const std::uint64_t shifted = state_[1] << 17;
        state_[2] ^= state_[0];
        state_[3] ^= state_[1];
        state_[1] ^= state_[2];
        state_[0] ^= state_[3];
        state_[2] ^= shifted;
        state_[3] = rotl(state_[3], 45);
        return result;
    }

    // Uniform in [0, 1) with 53 random bits.
    double uniform() { return static_cast<double>(next_u64() >> 11) * 0x1.0p-53; }
    double uniform(double low, double high) { return low + (high - low) * uniform(); }

    // Standard normal by the polar form of the Box-Muller transform (Marsaglia): no sine or
    // cosine, about twice as fast; the second value of each pair is kept for the next call.
    double normal() {
        if (has_spare_) {
            has_spare_ = false;
            return spare_;
        }
        double x = 0.0, y = 0.0, radius2 = 0.0;
        do {
            x = 2.0 * uniform() - 1.0;
            y = 2.0 * uniform() - 1.0;
            radius2 = x * x + y * y;
        } while (radius2 >= 1.0 || radius2 == 0.0);
        const double scale = std::sqrt(-2.0 * std::log(radius2) / radius2);
        spare_ = y * scale;
        has_spare_ = true;
        return x * scale;
    }

private:
    static std::uint64_t rotl(std::uint64_t x, int k) { return (x << k) | (x >> (64 - k)); }

    std::array<std::uint64_t, 4> state_{};
    double spare_ = 0.0;
    bool has_spare_ = false;
};

// A smooth, band-limited random signal with unit RMS: a sum of a few sinusoids with random
// frequencies in [low_hz, high_hz] and random phases. Used for postural sway and the slow
// left/right asymmetry of standing, which real COP traces show as slow wandering, not jitter.
class BandLimitedSignal {
public:
    static constexpr int component_count = 6;

    BandLimitedSignal() = default;
    BandLimitedSignal(Random& random, double low_hz, double high_hz) {
        for (auto& component : components_) {
            component.angular_hz = 2.0 * std::numbers::pi * random.uniform(low_hz, high_hz);
            component.phase = 2.0 * std::numbers::pi * random.uniform();
        }
    }

    double at(double time_s) const {
        double sum = 0.0;
        for (const auto& component : components_) sum += std::sin(component.angular_hz * time_s + component.phase);
        return sum * std::sqrt(2.0 / component_count);  // each sinusoid has RMS 1/sqrt(2)
    }

private:
    struct Component {
        double angular_hz = 0.0;
        double phase = 0.0;
    };
    std::array<Component, component_count> components_{};
};

}  // namespace plantar::sim::detail
