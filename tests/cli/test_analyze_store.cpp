// Storing a trial's analysis in its session: it reads back, a second store replaces the first,
// the frames and the rest of the file are untouched, and a session still being written or a
// trial that is not there is refused without changing the file.
#include <doctest/doctest.h>

#include <filesystem>
#include <fstream>
#include <iterator>

#include "../capture/session_test_support.hpp"
#include "plantar/capture/errors.hpp"
#include "plantar/capture/session/session_analysis.hpp"

using namespace plantar;

namespace {

Subject subject(const std::string& id) {
    Subject s;
    s.id = id;
    return s;
}

std::filesystem::path two_trial_session(const test::TempDir& dir) {
    const auto path = dir.file("s.h5");
    const PlateGeometry g{8, 6, 7.8, 7.8, 60.0};
    auto writer = SessionWriter::create(path, subject("P-1"));
    for (int t = 0; t < 2; ++t) {
        writer.begin_trial(test::trial_header(g));
        for (std::uint64_t i = 0; i < 20; ++i) writer.write(test::synthetic_frame(g, i, static_cast<std::uint64_t>(t)));
        writer.end_trial();
    }
    writer.close();
    return path;
}

std::string bytes_of(const std::filesystem::path& path) {
    std::ifstream in(path, std::ios::binary);
    return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
}

StoredAnalysis analysis_with_regions(const std::string& json, std::uint8_t label) {
    StoredAnalysis a;
    a.json = json;
    StoredLabelImages regions;
    regions.name = "regions";
    regions.legend = "0 none, 1 heel, 2 midfoot, 3 forefoot, 4 toes";
    regions.layers = 2;
    regions.rows = 8;
    regions.cols = 6;
    regions.labels.assign(2 * 8 * 6, label);
    a.images.push_back(regions);
    return a;
}

}  // namespace

TEST_CASE("a stored analysis reads back, and a second store replaces the first") {
    test::TempDir dir;
    const auto path = two_trial_session(dir);
    CHECK_FALSE(read_trial_analysis(path, 1).has_value());
    store_trial_analysis(path, 1, analysis_with_regions(R"({"first": true})", 1));
    auto stored = read_trial_analysis(path, 1);
    REQUIRE(stored.has_value());
    CHECK(stored->json == R"({"first": true})");
    CHECK(stored->software.rfind("plantar ", 0) == 0);
    CHECK_FALSE(stored->created_utc.empty());
    CHECK_FALSE(read_trial_analysis(path, 0).has_value());

    store_trial_analysis(path, 1, analysis_with_regions(R"({"second": true})", 3));
    stored = read_trial_analysis(path, 1);
    REQUIRE(stored.has_value());
    CHECK(stored->json == R"({"second": true})");

    // The frames are as they were written, and no partial copy is left beside the file.
    SessionReader reader(path);
    CHECK(reader.trial_count() == 2);
    CHECK(reader.trial(1).frame_count == 20);
    const PlateGeometry g{8, 6, 7.8, 7.8, 60.0};
    CHECK(reader.read_frame(1, 7).pressure_kpa == test::synthetic_frame(g, 7, 1).pressure_kpa);
    CHECK_FALSE(std::filesystem::exists(path.string() + ".analysis-partial"));
}

TEST_CASE("a trial that is not there is refused and the file is unchanged") {
    test::TempDir dir;
    const auto path = two_trial_session(dir);
    const std::string before = bytes_of(path);
    CHECK_THROWS_AS(store_trial_analysis(path, 2, analysis_with_regions("{}", 1)), InvalidArgument);
    CHECK(bytes_of(path) == before);
}

TEST_CASE("label images of the wrong size are refused and the file is unchanged") {
    test::TempDir dir;
    const auto path = two_trial_session(dir);
    const std::string before = bytes_of(path);
    auto bad = analysis_with_regions("{}", 1);
    bad.images[0].labels.pop_back();
    CHECK_THROWS_AS(store_trial_analysis(path, 0, bad), InvalidArgument);
    CHECK(bytes_of(path) == before);
    CHECK_FALSE(std::filesystem::exists(path.string() + ".analysis-partial"));
}

TEST_CASE("a session still being written is refused") {
    test::TempDir dir;
    const auto path = dir.file("open.h5");
    const PlateGeometry g{8, 6, 7.8, 7.8, 60.0};
    auto writer = SessionWriter::create(path, subject("P-2"));
    writer.begin_trial(test::trial_header(g));
    for (std::uint64_t i = 0; i < 5; ++i) writer.write(test::synthetic_frame(g, i));
    writer.flush();
    std::string message;
    try {
        store_trial_analysis(path, 0, analysis_with_regions("{}", 1));
    } catch (const Error& e) {
        // In this process HDF5 reports the file as in use; another process sees an open trial.
        message = e.what();
    }
    CHECK(message.find("being written") != std::string::npos);
    writer.close();
}

TEST_CASE("a file that is not a session is refused") {
    test::TempDir dir;
    const auto path = dir.file("not.h5");
    std::ofstream(path) << "hello";
    CHECK_THROWS_AS(store_trial_analysis(path, 0, analysis_with_regions("{}", 1)), FileFormatError);
}
