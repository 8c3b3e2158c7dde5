#include <doctest/doctest.h>

#include "plantar/capture/calibration.hpp"
#include "plantar/capture/errors.hpp"
#include "plantar/capture/frame.hpp"
#include "plantar/capture/frame_source.hpp"

using namespace plantar;

TEST_CASE("the default plates are the sizes the design names") {
    auto plate = PlateGeometry::clinical_plate();
    CHECK(plate.rows == 64);
    CHECK(plate.cols == 64);
    CHECK(plate.length_mm() == doctest::Approx(499.2));
    CHECK(plate.validation_error().empty());
    auto walkway = PlateGeometry::walkway();
    CHECK(walkway.rows == 256);
    CHECK(walkway.length_mm() == doctest::Approx(1996.8));
}

TEST_CASE("a plate without sensors or with a zero pitch is explained, not accepted") {
    CHECK(PlateGeometry{0, 64, 5, 5, 25}.validation_error().find("row") != std::string::npos);
    CHECK(PlateGeometry{64, 64, 0, 5, 25}.validation_error().find("pitch") != std::string::npos);
    CHECK(PlateGeometry{64, 64, 5, 5, 0}.validation_error().find("area") != std::string::npos);
}

TEST_CASE("total force is pressure times sensor area") {
    PlateGeometry plate{2, 2, 10, 10, 100};  // 100 mm^2 sensors
    Frame frame(plate);
    frame.pressure_kpa = {100.0f, 0.0f, 0.0f, 50.0f};  // 150 kPa * 100 mm^2 = 15 N
    CHECK(total_force_n(plate, frame) == doctest::Approx(15.0));
    CHECK(frame.at(plate, 1, 1) == 50.0f);
}

TEST_CASE("calibration interpolates the curve, saturates and applies per-sensor gain") {
    Calibration cal({{0, 0}, {1000, 100}, {2000, 400}}, {1.0f, 2.0f});
    CHECK(cal.to_kpa(500, 0) == doctest::Approx(50));
    CHECK(cal.to_kpa(1500, 0) == doctest::Approx(250));
    CHECK(cal.to_kpa(5000, 0) == doctest::Approx(400));  // saturates at the last point
    CHECK(cal.to_kpa(500, 1) == doctest::Approx(100));   // gain 2
    CHECK(cal.to_counts(250) == doctest::Approx(1500));
    std::vector<std::uint16_t> counts{1000, 1000};
    std::vector<float> kpa(2);
    cal.apply(counts, kpa);
    CHECK(kpa[0] == doctest::Approx(100));
    CHECK(kpa[1] == doctest::Approx(200));
}

TEST_CASE("a calibration curve that goes backwards is refused") {
    CHECK_THROWS_AS(Calibration({{0, 0}, {0, 10}}), InvalidArgument);
    CHECK_THROWS_AS(Calibration({{0, 10}, {100, 5}}), InvalidArgument);
    CHECK_THROWS_AS(Calibration({{0, 0}}), InvalidArgument);
}

TEST_CASE("trial and source kinds round-trip through their names") {
    for (auto kind : {TrialKind::Static, TrialKind::Walk, TrialKind::Step})
        CHECK(trial_kind_from_string(to_string(kind)) == kind);
    for (auto kind : {SourceKind::Device, SourceKind::Simulator, SourceKind::Import, SourceKind::Replay})
        CHECK(source_kind_from_string(to_string(kind)) == kind);
    CHECK_FALSE(trial_kind_from_string("jog").has_value());
}
