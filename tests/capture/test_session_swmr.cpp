// Single-writer/multiple-reader behaviour across processes: a reader follows a file while a
// child process writes it, and a writer killed mid-recording leaves its flushed frames.
// HDF5 and fork(): the parent touches no HDF5 file before forking, and the child leaves with
// _exit() so it runs no destructors or atexit handlers of the parent's.
#include <doctest/doctest.h>

#include <csignal>
#include <cstdio>
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

#include "plantar/capture/errors.hpp"
#include "plantar/capture/session/session.hpp"
#include "session_test_support.hpp"

using namespace plantar;
using plantar::test::synthetic_frame;
using plantar::test::TempDir;

namespace {

constexpr std::uint64_t kDone = ~std::uint64_t{0};

void send(int fd, std::uint64_t value) {
    if (::write(fd, &value, sizeof value) != static_cast<ssize_t>(sizeof value)) ::_exit(3);
}

// Blocks for the next value; false at end of file (the other side is gone).
bool receive(int fd, std::uint64_t& value) {
    std::size_t got = 0;
    auto* bytes = reinterpret_cast<char*>(&value);
    while (got < sizeof value) {
        ssize_t n = ::read(fd, bytes + got, sizeof value - got);
        if (n <= 0) return false;
        got += static_cast<std::size_t>(n);
    }
    return true;
}

struct Pipe {
    int read_end = -1;
    int write_end = -1;
    Pipe() {
        int fds[2];
        REQUIRE(::pipe(fds) == 0);
        read_end = fds[0];
        write_end = fds[1];
    }
    ~Pipe() {
        close_read();
        close_write();
    }
    // After fork each side closes the end it does not use, so a reader sees end of file when
    // the other process is gone.
    void close_read() {
        if (read_end >= 0) ::close(read_end);
        read_end = -1;
    }
    void close_write() {
        if (write_end >= 0) ::close(write_end);
        write_end = -1;
    }
};

SessionWriterOptions manual_flushing() {
    SessionWriterOptions options;
    options.flush_interval = std::chrono::hours(1);
    options.flush_every_frames = 0;
    return options;
}

}  // namespace

TEST_CASE("a reader following a file while it is written sees new frames as they are flushed") {
    TempDir dir;
    auto path = dir.file("live.h5");
    auto g = PlateGeometry::clinical_plate();
    constexpr int kFlushes = 6;
    constexpr std::uint64_t kFramesPerFlush = 23;
    Pipe progress;  // child -> parent: frames flushed so far
    Pipe go_on;     // parent -> child: the parent has looked; write more

    pid_t child = ::fork();
    REQUIRE(child >= 0);
    if (child == 0) {
        progress.close_read();
        go_on.close_write();
        int status = 0;
        try {
            auto writer = SessionWriter::create(path, test::test_subject(), manual_flushing());
            writer.begin_trial(test::trial_header(g));
            std::uint64_t written = 0;
            std::uint64_t ack = 0;
            for (int flush = 0; flush < kFlushes; ++flush) {
                for (std::uint64_t i = 0; i < kFramesPerFlush; ++i) writer.write(synthetic_frame(g, written++));
                writer.flush();
                send(progress.write_end, writer.frames_flushed());
                if (!receive(go_on.read_end, ack)) ::_exit(4);
            }
            writer.end_trial();
            writer.close();
            send(progress.write_end, kDone);
        } catch (const std::exception& error) {
            std::fprintf(stderr, "writer child: %s\n", error.what());
            status = 1;
        }
        ::_exit(status);
    }
    progress.close_write();
    go_on.close_read();

    std::optional<SessionReader> reader;
    std::vector<std::uint64_t> counts_seen;
    std::uint64_t flushed = 0;
    while (receive(progress.read_end, flushed) && flushed != kDone) {
        if (!reader) {
            reader.emplace(path);
        } else {
            CHECK(reader->refresh());
        }
        REQUIRE(reader->trial_count() == 1);
        const TrialInfo& trial = reader->trial(0);
        CHECK(trial.frame_count == flushed);  // the child waits for us, so exactly what it flushed
        CHECK(!trial.complete);
        counts_seen.push_back(trial.frame_count);
        // The newest frames, which arrived since the last look, are exact.
        std::uint64_t first = trial.frame_count - kFramesPerFlush;
        reader->read_frames(0, first, kFramesPerFlush, [&](const Frame& frame) {
            CHECK(frame == synthetic_frame(g, first++));
            return true;
        });
        CHECK(reader->frame_index_at(0, 1'000'000'000) == trial.frame_count - 1);
        send(go_on.write_end, 1);
    }
    int status = -1;
    REQUIRE(::waitpid(child, &status, 0) == child);
    CHECK(WIFEXITED(status));
    CHECK(WEXITSTATUS(status) == 0);
    CHECK(flushed == kDone);

    REQUIRE(counts_seen.size() == kFlushes);
    for (std::size_t i = 0; i < counts_seen.size(); ++i) CHECK(counts_seen[i] == (i + 1) * kFramesPerFlush);

    REQUIRE(reader);
    CHECK(reader->refresh());
    CHECK(reader->trial(0).complete);
    CHECK(reader->trial(0).frame_count == kFlushes * kFramesPerFlush);
    CHECK(!reader->refresh());  // nothing changed since
}

TEST_CASE("a writer killed mid-recording leaves a file holding every frame up to its last flush") {
    TempDir dir;
    auto path = dir.file("killed.h5");
    auto g = PlateGeometry::clinical_plate();
    Pipe progress;  // child -> parent: frames durable after each flush

    pid_t child = ::fork();
    REQUIRE(child >= 0);
    if (child == 0) {
        progress.close_read();
        try {
            SessionWriterOptions options;
            options.flush_every_frames = 25;
            options.flush_interval = std::chrono::hours(1);
            auto writer = SessionWriter::create(path, test::test_subject(), options);
            writer.begin_trial(test::trial_header(g));
            std::uint64_t reported = 0;
            for (std::uint64_t i = 0; i < 100000; ++i) {
                writer.write(synthetic_frame(g, i));
                if (writer.frames_flushed() != reported) {
                    reported = writer.frames_flushed();
                    send(progress.write_end, reported);
                }
            }
        } catch (...) {
            ::_exit(1);
        }
        ::_exit(2);  // never got killed
    }

    progress.close_write();
    std::uint64_t durable = 0;
    std::uint64_t value = 0;
    for (int flushes = 0; flushes < 6 && receive(progress.read_end, value); ++flushes) durable = value;
    ::kill(child, SIGKILL);
    int status = 0;
    REQUIRE(::waitpid(child, &status, 0) == child);
    REQUIRE(WIFSIGNALED(status));
    REQUIRE(durable >= 150);
    while (receive(progress.read_end, value)) durable = value;  // flushes reported before the kill landed

    SessionReader reader(path);
    REQUIRE(reader.trial_count() == 1);
    const TrialInfo& trial = reader.trial(0);
    CHECK(!trial.complete);
    CHECK(trial.ended_utc.empty());
    CHECK(trial.frame_count >= durable);
    std::uint64_t index = 0;
    reader.read_frames(0, 0, trial.frame_count, [&](const Frame& frame) {
        CHECK(frame == synthetic_frame(g, index));
        ++index;
        return true;
    });
    CHECK(index == trial.frame_count);
}

TEST_CASE("a writer that runs out of space throws IoError and keeps what it flushed before") {
    TempDir dir;
    auto path = dir.file("full.h5");
    auto g = PlateGeometry::clinical_plate();
    Pipe progress;

    pid_t child = ::fork();
    REQUIRE(child >= 0);
    if (child == 0) {
        progress.close_read();
        // A file size limit plays the full disk: writes past it fail with EFBIG.
        std::signal(SIGXFSZ, SIG_IGN);
        rlimit limit{};
        limit.rlim_cur = limit.rlim_max = 2 * 1024 * 1024;
        if (::setrlimit(RLIMIT_FSIZE, &limit) != 0) ::_exit(5);
        int status = 2;
        try {
            SessionWriterOptions options;
            options.flush_every_frames = 10;
            options.deflate_level = 0;  // 16 KiB a frame: the limit is reached soon
            auto writer = SessionWriter::create(path, test::test_subject(), options);
            writer.begin_trial(test::trial_header(g));
            for (std::uint64_t i = 0; i < 100000; ++i) {
                writer.write(synthetic_frame(g, i));
                if (writer.frames_flushed() > 0 && writer.frames_flushed() % 10 == 0 && writer.frames_in_trial() % 10 == 0)
                    send(progress.write_end, writer.frames_flushed());
            }
        } catch (const IoError& error) {
            std::string message = error.what();
            status = message.find("full.h5") != std::string::npos ? 0 : 3;
        } catch (...) {
            status = 4;
        }
        ::_exit(status);
    }
    progress.close_write();
    std::uint64_t durable = 0;
    std::uint64_t value = 0;
    while (receive(progress.read_end, value)) durable = value;
    int status = -1;
    REQUIRE(::waitpid(child, &status, 0) == child);
    REQUIRE(WIFEXITED(status));
    CHECK(WEXITSTATUS(status) == 0);
    CHECK(durable >= 50);

    SessionReader reader(path);
    REQUIRE(reader.trial_count() == 1);
    CHECK(!reader.trial(0).complete);
    CHECK(reader.trial(0).frame_count >= durable);
    std::uint64_t index = 0;
    reader.read_frames(0, 0, reader.trial(0).frame_count, [&](const Frame& frame) {
        CHECK(frame == synthetic_frame(g, index++));
        return true;
    });
}

TEST_CASE("a reader following a session sees a trial completed and the next trial begun") {
    TempDir dir;
    auto path = dir.file("two-trials.h5");
    auto clinical = PlateGeometry::clinical_plate();
    auto walkway = PlateGeometry::walkway();
    Pipe progress;  // child -> parent: the step it has reached
    Pipe go_on;     // parent -> child: the parent has looked

    pid_t child = ::fork();
    REQUIRE(child >= 0);
    if (child == 0) {
        progress.close_read();
        go_on.close_write();
        int status = 0;
        try {
            std::uint64_t ack = 0;
            auto step = [&](std::uint64_t reached) {
                send(progress.write_end, reached);
                if (!receive(go_on.read_end, ack)) ::_exit(4);
            };
            auto writer = SessionWriter::create(path, test::test_subject(), manual_flushing());
            writer.begin_trial(test::trial_header(clinical));
            for (std::uint64_t i = 0; i < 30; ++i) writer.write(synthetic_frame(clinical, i));
            writer.flush();
            step(1);
            writer.end_trial();
            step(2);
            writer.begin_trial(test::trial_header(walkway, TrialKind::Static));
            for (std::uint64_t i = 0; i < 12; ++i) writer.write(synthetic_frame(walkway, i, 5));
            writer.flush();
            step(3);
            writer.close();
            step(kDone);
        } catch (const std::exception& error) {
            std::fprintf(stderr, "writer child: %s\n", error.what());
            status = 1;
        }
        ::_exit(status);
    }
    progress.close_write();
    go_on.close_read();

    std::optional<SessionReader> reader;
    std::uint64_t step = 0;
    while (receive(progress.read_end, step)) {
        if (!reader) {
            reader.emplace(path);
        } else {
            CHECK(reader->refresh());
        }
        if (step == 1) {
            REQUIRE(reader->trial_count() == 1);
            CHECK(reader->trial(0).frame_count == 30);
            CHECK(!reader->trial(0).complete);
        } else if (step == 2) {
            REQUIRE(reader->trial_count() == 1);
            CHECK(reader->trial(0).complete);
            CHECK(!reader->trial(0).ended_utc.empty());
        } else if (step == 3) {
            REQUIRE(reader->trial_count() == 2);
            CHECK(reader->trial(1).header.geometry == walkway);
            CHECK(reader->trial(1).frame_count == 12);
            CHECK(!reader->trial(1).complete);
            CHECK(reader->read_frame(1, 11) == synthetic_frame(walkway, 11, 5));
        } else {
            REQUIRE(step == kDone);
            CHECK(reader->trial(1).complete);
            CHECK(reader->read_frame(0, 29) == synthetic_frame(clinical, 29));
        }
        send(go_on.write_end, 1);
    }
    int status = -1;
    REQUIRE(::waitpid(child, &status, 0) == child);
    CHECK(WIFEXITED(status));
    CHECK(WEXITSTATUS(status) == 0);
    CHECK(step == kDone);
}
