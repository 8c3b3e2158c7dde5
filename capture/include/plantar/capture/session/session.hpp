// HDF5 session files: one file is one session (a subject and several trials). The layout is
// the contract in docs/session-format.md. Frames are appended as they arrive and flushed
// regularly in HDF5's single-writer/multiple-reader (SWMR) mode, so a reader can follow a file
// being written and a writer that dies leaves everything up to its last flush readable.
#pragma once

#include <chrono>
#include <cstdint>
#include <filesystem>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "plantar/capture/calibration.hpp"
#include "plantar/capture/frame_source.hpp"
#include "plantar/capture/sensor_layout.hpp"

namespace plantar {

inline constexpr const char* kSessionFormatName = "plantar-session";
inline constexpr int kSessionFormatVersion = 3;

// Pseudonymous by design: `id` is the only required field; nothing else identifies a person.
struct Subject {
    std::string id;
    std::optional<double> body_mass_kg;
    std::optional<double> height_cm;
    std::optional<int> birth_year;
    std::string sex;    // free text as the clinic records it; empty when unknown
    std::string notes;
    bool operator==(const Subject&) const = default;
};

// What is known about a trial when it begins.
struct TrialHeader {
    TrialKind kind = TrialKind::Walk;
    SourceDescription source;
    PlateGeometry geometry;
    double rate_hz = 0.0;
    std::optional<Calibration> calibration;  // the plate's counts -> kPa curve, when it has one
    std::string started_utc;                 // ISO 8601; filled in by the writer when empty
    std::string notes;
    std::string ground_truth_json;           // the simulator's truth; empty for other sources
    // Sensors that are not every cell of the grid (capture/include/plantar/capture/sensor_layout.hpp).
    SensorLayout layout;
    // Imports: the unit the export stored (pressures here are kPa unless pressure_scale says raw
    // counts), and every assumption made to read it ("row pitch 7.62 mm inferred from foot
    // length"), one per entry.
    std::string original_unit;
    std::vector<std::string> assumptions;
    // kPa, or uncalibrated counts kept as the export had them (frame.hpp, PressureScale).
    PressureScale pressure_scale = PressureScale::Kilopascal;
};

// A trial as stored.
struct TrialInfo {
    int index = 0;
    TrialHeader header;
    std::uint64_t frame_count = 0;
    bool complete = false;     // false when the writer never closed the trial (it died, or is still writing)
    std::string ended_utc;     // empty when not complete
    std::int64_t first_device_time_us = 0;
    std::int64_t last_device_time_us = 0;
    double duration_s() const;  // from the device timestamps, plus one frame period
};

struct SessionWriterOptions {
    // Frames are made durable at least this often (and at least every flush_every_frames).
    std::chrono::milliseconds flush_interval{250};
    std::uint32_t flush_every_frames = 500;
    int deflate_level = 4;     // 0 = off .. 9
    bool overwrite = false;    // create(): replace an existing file instead of refusing
};

class SessionWriter {
public:
    // Creates a new session file. Throws IoError when the file exists (unless overwrite) or
    // cannot be created.
    static SessionWriter create(const std::filesystem::path& path, const Subject& subject,
                                SessionWriterOptions options = {});
    // Opens an existing, cleanly closed session to add trials. Throws FileFormatError for
    // anything that is not a readable plantar session of a supported version.
    static SessionWriter append(const std::filesystem::path& path, SessionWriterOptions options = {});

    SessionWriter(SessionWriter&&) noexcept;
    SessionWriter& operator=(SessionWriter&&) noexcept;
    ~SessionWriter();  // ends an open trial and closes the file; never throws

    // Starts a new trial and returns its index. Only one trial is open at a time.
    int begin_trial(const TrialHeader& header);
    // Appends a frame to the open trial. The frame must have the trial's geometry.
    void write(const Frame& frame);
    // Makes every frame written so far durable and visible to readers.
    void flush();
    // Flushes and marks the open trial complete.
    void end_trial();
    // Ends any open trial and closes the file; further calls throw.
    void close();

    std::uint64_t frames_in_trial() const;   // written to the open trial so far
    std::uint64_t frames_flushed() const;    // of those, durable on disk
    const std::filesystem::path& path() const;

private:
    struct Impl;
    explicit SessionWriter(std::unique_ptr<Impl> impl);
    std::unique_ptr<Impl> impl_;
};

// One stored trial replayed as a FrameSource (SessionReader::replay). Beyond the frames, geometry
// and rate of any source it gives the trial's header, so a consumer of a replay knows what the
// frames are: its sensor layout (holes, placed sensors, unknown geometry) and its pressure scale
// (kPa or raw counts), which a plain FrameSource cannot say.
class TrialReplaySource : public FrameSource {
public:
    virtual const TrialHeader& header() const = 0;
    virtual int trial_index() const = 0;  // the trial's index in its session
};

class SessionReader {
public:
    // Opens a session for reading; a file still being written (or left by a writer that died)
    // opens too, with its unfinished trial marked incomplete. Throws FileFormatError naming the
    // problem for a file that is not HDF5, not a plantar session, of a newer format version,
    // truncated or corrupt; IoError when it cannot be read at all.
    explicit SessionReader(const std::filesystem::path& path);
    SessionReader(SessionReader&&) noexcept;
    SessionReader& operator=(SessionReader&&) noexcept;
    ~SessionReader();

    const std::filesystem::path& path() const;
    int format_version() const;
    const std::string& created_utc() const;
    const std::string& software() const;   // "plantar 0.1.0" that wrote it
    const Subject& subject() const;
    int trial_count() const;
    const TrialInfo& trial(int index) const;  // throws InvalidArgument when out of range

    // Random access. Throws InvalidArgument out of range, FileFormatError when the data is corrupt.
    Frame read_frame(int trial, std::uint64_t index) const;
    // Reads frames [first, first + count) in order and hands each to `sink`; efficient for
    // sequential work (export, analysis). Stops early when sink returns false.
    void read_frames(int trial, std::uint64_t first, std::uint64_t count,
                     const std::function<bool(const Frame&)>& sink) const;
    // The index of the last frame whose device time is at or before `device_time_us`
    // (the first frame for earlier times). Throws InvalidArgument for an empty trial.
    std::uint64_t frame_index_at(int trial, std::int64_t device_time_us) const;
    // The device timestamps of frames [first, first + count) (microseconds), without the
    // pressures: what a viewer needs to place a long trial on a timeline. Throws as read_frame.
    std::vector<std::int64_t> read_device_times(int trial, std::uint64_t first, std::uint64_t count) const;
    // Frames per stored chunk of the trial's pressures: reads aligned to it decompress each chunk once.
    std::uint64_t frames_per_chunk(int trial) const;

    // Follows a file that is being written: picks up new frames and new trials. Returns true
    // when anything changed. It reopens the file, so references from trial() are invalidated.
    bool refresh();

    // A FrameSource replaying one trial from the start (as fast as the consumer reads); its
    // header() is the trial's header.
    std::unique_ptr<TrialReplaySource> replay(int trial) const;

private:
    struct Impl;
    std::unique_ptr<Impl> impl_;
};

}  // namespace plantar
