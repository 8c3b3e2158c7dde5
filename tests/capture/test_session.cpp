// The HDF5 session store: what is written reads back exactly, random access, replay, and the
// writer's refusals.
#include <doctest/doctest.h>

#include <fstream>

#include "plantar/capture/errors.hpp"
#include "plantar/capture/session/session.hpp"
#include "session_test_support.hpp"

using namespace plantar;
using plantar::test::synthetic_frame;
using plantar::test::TempDir;
using plantar::test::trial_header;

namespace {

void check_frames_exact(const SessionReader& reader, int trial, const PlateGeometry& g, std::uint64_t count,
                        std::uint64_t salt) {
    REQUIRE(reader.trial(trial).frame_count == count);
    std::uint64_t seen = 0;
    reader.read_frames(trial, 0, count, [&](const Frame& frame) {
        CHECK(frame == synthetic_frame(g, seen, salt));
        ++seen;
        return true;
    });
    CHECK(seen == count);
}

}  // namespace

TEST_CASE("a session with several trials on different plates reads back bit-exact") {
    TempDir dir;
    auto path = dir.file("session.h5");

    Subject subject;
    subject.id = "P-0042";
    subject.body_mass_kg = 71.5;
    subject.height_cm = 178.25;
    subject.birth_year = 1984;
    subject.sex = "f";
    subject.notes = "left hallux valgus; ü ✓";

    PlateGeometry odd{3, 5, 5.0, 6.5, 30.0};
    TrialHeader clinical = trial_header(PlateGeometry::clinical_plate(), TrialKind::Static);
    std::vector<float> gain(clinical.geometry.sensor_count());
    for (std::size_t i = 0; i < gain.size(); ++i) gain[i] = 0.9f + static_cast<float>(i % 7) * 0.03f;
    clinical.calibration = Calibration({{0, 0}, {100, 12.5}, {4095, 900}}, gain);
    clinical.ground_truth_json = R"({"steps":[{"foot":"left","t_us":12345}]})";
    clinical.notes = "barefoot";
    clinical.started_utc = "2026-01-02T03:04:05.678Z";
    TrialHeader walkway = trial_header(PlateGeometry::walkway(), TrialKind::Walk);
    walkway.calibration = Calibration::linear(1023, 600.0);
    walkway.source = {SourceKind::Device, "plate SN 1234", "firmware 2.1"};
    TrialHeader small = trial_header(odd, TrialKind::Step);
    small.rate_hz = 250.0;

    {
        auto writer = SessionWriter::create(path, subject);
        test::write_trial(writer, clinical, 37, 1);   // not a multiple of the chunk
        test::write_trial(writer, walkway, 10, 2);
        test::write_trial(writer, small, 1000, 3);
        writer.close();
    }

    SessionReader reader(path);
    CHECK(reader.format_version() == kSessionFormatVersion);
    CHECK(reader.software().rfind("plantar ", 0) == 0);
    CHECK(reader.created_utc().size() >= 20);
    CHECK(reader.subject() == subject);
    REQUIRE(reader.trial_count() == 3);

    const TrialInfo& first = reader.trial(0);
    CHECK(first.index == 0);
    CHECK(first.complete);
    CHECK(!first.ended_utc.empty());
    CHECK(first.header.kind == TrialKind::Static);
    CHECK(first.header.source.kind == SourceKind::Simulator);
    CHECK(first.header.source.name == "synthetic plate");
    CHECK(first.header.source.details == "deterministic test frames");
    CHECK(first.header.geometry == clinical.geometry);
    CHECK(first.header.rate_hz == 100.0);
    CHECK(first.header.started_utc == "2026-01-02T03:04:05.678Z");
    CHECK(first.header.notes == "barefoot");
    CHECK(first.header.ground_truth_json == clinical.ground_truth_json);
    REQUIRE(first.header.calibration.has_value());
    CHECK(*first.header.calibration == *clinical.calibration);
    CHECK(first.first_device_time_us == 17);
    CHECK(first.last_device_time_us == 17 + 36 * 10000);
    CHECK(first.duration_s() == doctest::Approx(0.37));
    check_frames_exact(reader, 0, clinical.geometry, 37, 1);

    const TrialInfo& second = reader.trial(1);
    CHECK(second.header.kind == TrialKind::Walk);
    CHECK(second.header.source.kind == SourceKind::Device);
    CHECK(second.header.source.details == "firmware 2.1");
    CHECK(second.header.geometry == PlateGeometry::walkway());
    CHECK(second.header.calibration == walkway.calibration);
    CHECK(second.header.ground_truth_json.empty());
    CHECK(!second.header.started_utc.empty());  // filled in by the writer
    check_frames_exact(reader, 1, walkway.geometry, 10, 2);

    const TrialInfo& third = reader.trial(2);
    CHECK(third.header.kind == TrialKind::Step);
    CHECK(third.header.geometry == odd);
    CHECK(third.header.rate_hz == 250.0);
    CHECK(!third.header.calibration.has_value());
    check_frames_exact(reader, 2, odd, 1000, 3);
}

TEST_CASE("a subject given only an id reads back without the optional fields") {
    TempDir dir;
    auto path = dir.file("minimal.h5");
    SessionWriter::create(path, test::test_subject()).close();
    SessionReader reader(path);
    CHECK(reader.subject() == test::test_subject());
    CHECK(!reader.subject().body_mass_kg);
    CHECK(!reader.subject().birth_year);
    CHECK(reader.trial_count() == 0);
}

TEST_CASE("append adds a trial to an existing session and keeps the trials before it") {
    TempDir dir;
    auto path = dir.file("session.h5");
    auto g = PlateGeometry::clinical_plate();
    {
        auto writer = SessionWriter::create(path, test::test_subject());
        test::write_trial(writer, trial_header(g), 20, 1);
    }
    {
        auto writer = SessionWriter::append(path);
        CHECK(writer.begin_trial(trial_header(g, TrialKind::Step)) == 1);
        for (std::uint64_t i = 0; i < 5; ++i) writer.write(synthetic_frame(g, i, 2));
        CHECK(writer.frames_in_trial() == 5);
        writer.end_trial();
        writer.close();
    }
    SessionReader reader(path);
    REQUIRE(reader.trial_count() == 2);
    CHECK(reader.trial(1).index == 1);
    CHECK(reader.trial(1).header.kind == TrialKind::Step);
    check_frames_exact(reader, 0, g, 20, 1);
    check_frames_exact(reader, 1, g, 5, 2);
}

TEST_CASE("frames are found by index and by device time") {
    TempDir dir;
    auto path = dir.file("session.h5");
    PlateGeometry g{8, 6, 7.8, 7.8, 60.0};
    {
        auto writer = SessionWriter::create(path, test::test_subject());
        test::write_trial(writer, trial_header(g), 300);
    }
    SessionReader reader(path);
    CHECK(reader.read_frame(0, 0) == synthetic_frame(g, 0));
    CHECK(reader.read_frame(0, 299) == synthetic_frame(g, 299));
    CHECK(reader.read_frame(0, 123) == synthetic_frame(g, 123));
    CHECK_THROWS_AS(reader.read_frame(0, 300), InvalidArgument);
    CHECK_THROWS_AS(reader.read_frame(1, 0), InvalidArgument);
    CHECK_THROWS_AS(reader.trial(-1), InvalidArgument);

    // Frame i is at 17 + 10000 i microseconds.
    CHECK(reader.frame_index_at(0, -1'000'000) == 0);   // before the first frame
    CHECK(reader.frame_index_at(0, 16) == 0);
    CHECK(reader.frame_index_at(0, 17) == 0);             // exactly the first
    CHECK(reader.frame_index_at(0, 17 + 10000 * 42) == 42);  // exactly a frame
    CHECK(reader.frame_index_at(0, 17 + 10000 * 42 + 9999) == 42);  // between two frames
    CHECK(reader.frame_index_at(0, 17 + 10000 * 299) == 299);      // the last
    CHECK(reader.frame_index_at(0, 1'000'000'000) == 299);         // after the last
}

TEST_CASE("read_frames delivers a range in order and stops when the sink says so") {
    TempDir dir;
    auto path = dir.file("session.h5");
    auto g = PlateGeometry::clinical_plate();
    {
        auto writer = SessionWriter::create(path, test::test_subject());
        test::write_trial(writer, trial_header(g), 100);
    }
    SessionReader reader(path);
    std::vector<std::uint64_t> sequences;
    reader.read_frames(0, 13, 40, [&](const Frame& frame) {
        CHECK(frame == synthetic_frame(g, 13 + sequences.size()));
        sequences.push_back(frame.sequence);
        return true;
    });
    REQUIRE(sequences.size() == 40);
    CHECK(sequences.front() == 1013);
    CHECK(sequences.back() == 1052);

    int delivered = 0;
    reader.read_frames(0, 0, 100, [&](const Frame&) { return ++delivered < 5; });
    CHECK(delivered == 5);
    CHECK_THROWS_AS(reader.read_frames(0, 90, 11, [](const Frame&) { return true; }), InvalidArgument);
}

TEST_CASE("replay delivers a trial's frames in order with its geometry and rate") {
    TempDir dir;
    auto path = dir.file("session.h5");
    PlateGeometry g{16, 12, 7.8, 7.8, 60.0};
    auto header = trial_header(g);
    header.rate_hz = 200.0;
    {
        auto writer = SessionWriter::create(path, test::test_subject());
        test::write_trial(writer, header, 150);
    }
    std::unique_ptr<FrameSource> source;
    {
        SessionReader reader(path);
        source = reader.replay(0);
    }  // the source outlives the reader that made it
    CHECK(source->geometry() == g);
    CHECK(source->nominal_rate_hz() == 200.0);
    CHECK(source->description().kind == SourceKind::Replay);
    CHECK(source->expected_frame_count() == 150);
    std::uint64_t count = 0;
    while (auto frame = source->next()) {
        CHECK(*frame == synthetic_frame(g, count));
        ++count;
    }
    CHECK(count == 150);
    CHECK(!source->next());
}

TEST_CASE("the writer refuses a frame with the wrong number of sensors") {
    TempDir dir;
    auto writer = SessionWriter::create(dir.file("s.h5"), test::test_subject());
    auto g = PlateGeometry::clinical_plate();
    writer.begin_trial(trial_header(g));
    Frame wrong(PlateGeometry::walkway());
    CHECK_THROWS_AS(writer.write(wrong), InvalidArgument);
    writer.write(synthetic_frame(g, 0));
    CHECK(writer.frames_in_trial() == 1);
}

TEST_CASE("the writer refuses to begin a trial with an unusable header or while one is open") {
    TempDir dir;
    auto writer = SessionWriter::create(dir.file("s.h5"), test::test_subject());
    auto header = trial_header(PlateGeometry::clinical_plate());
    header.rate_hz = 0.0;
    CHECK_THROWS_AS(writer.begin_trial(header), InvalidArgument);
    header.rate_hz = 100.0;
    header.geometry.rows = 0;
    CHECK_THROWS_AS(writer.begin_trial(header), InvalidArgument);
    header.geometry = PlateGeometry::clinical_plate();
    CHECK(writer.begin_trial(header) == 0);
    CHECK_THROWS_AS(writer.begin_trial(header), InvalidArgument);
    writer.end_trial();
    CHECK(writer.begin_trial(header) == 1);
    writer.close();
    CHECK_THROWS_AS(writer.write(Frame(header.geometry)), InvalidArgument);
}

TEST_CASE("create refuses to overwrite an existing file unless asked to") {
    TempDir dir;
    auto path = dir.file("exists.h5");
    std::ofstream(path) << "precious";
    CHECK_THROWS_AS(SessionWriter::create(path, test::test_subject()), IoError);
    CHECK(std::filesystem::file_size(path) == 8);
    SessionWriterOptions options;
    options.overwrite = true;
    SessionWriter::create(path, test::test_subject(), options).close();
    CHECK(SessionReader(path).subject().id == "P-0042");
    CHECK_THROWS_AS(SessionWriter::create(dir.file("no/such/folder.h5"), test::test_subject()), IoError);
}

TEST_CASE("append refuses a file that is not a plantar session") {
    TempDir dir;
    auto text = dir.file("notes.txt");
    std::ofstream(text) << "not a session\n";
    CHECK_THROWS_AS(SessionWriter::append(text), FileFormatError);
    CHECK_THROWS_AS(SessionWriter::append(dir.file("missing.h5")), IoError);
}

TEST_CASE("a writer destroyed without close leaves a complete, readable file") {
    TempDir dir;
    auto path = dir.file("session.h5");
    auto g = PlateGeometry::clinical_plate();
    {
        auto writer = SessionWriter::create(path, test::test_subject());
        writer.begin_trial(trial_header(g));
        for (std::uint64_t i = 0; i < 45; ++i) writer.write(synthetic_frame(g, i));
    }
    SessionReader reader(path);
    REQUIRE(reader.trial_count() == 1);
    CHECK(reader.trial(0).complete);
    check_frames_exact(reader, 0, g, 45, 0);
}

TEST_CASE("a writer moved from keeps writing the same trial") {
    TempDir dir;
    auto path = dir.file("session.h5");
    auto g = PlateGeometry::clinical_plate();
    {
        auto first = SessionWriter::create(path, test::test_subject());
        first.begin_trial(trial_header(g));
        first.write(synthetic_frame(g, 0));
        SessionWriter second = std::move(first);
        second.write(synthetic_frame(g, 1));
        CHECK(second.frames_in_trial() == 2);
    }
    SessionReader reader(path);
    check_frames_exact(reader, 0, g, 2, 0);
}
