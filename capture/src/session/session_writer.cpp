// SessionWriter: one trial at a time in SWMR-write mode. Between trials the file is closed, so
// it is a complete, ordinary HDF5 file whenever no trial is open:
//   begin_trial: open read-write (no SWMR), create the trial group, its attributes and empty
//                datasets, then H5Fstart_swmr_write (SWMR forbids creating objects later);
//   write/flush: frames are buffered in memory and appended (extend + hyperslab write) only
//                when flushing, immediately followed by H5Fflush, so readers and a crash see
//                whole flushes;
//   end_trial:   flush, close the file (which ends SWMR mode), reopen it read-write without
//                SWMR, set complete = 1 and ended_utc, close.
#include <array>
#include <cmath>

#include "hdf5_types.hpp"
#include "plantar/capture/errors.hpp"
#include "plantar/capture/session/session.hpp"
#include "session_file.hpp"
#include "session_layout.hpp"
#include "session_sensor_layout.hpp"
#include "session_trial.hpp"

namespace plantar {

using namespace session_detail;
namespace layout = session_layout;

namespace {

struct OpenTrial {
    int index = 0;
    PlateGeometry geometry;
    Handle file;
    Handle group;
    FrameDatasets datasets;
    std::uint64_t frames_in_file = 0;  // appended to the datasets (and flushed: see flush())
    // Frames received but not yet in the file, column by column.
    std::vector<float> pressure;
    std::vector<std::uint64_t> sequence;
    std::vector<std::int64_t> device_time_us;
    std::vector<std::int64_t> host_time_ns;
    std::chrono::steady_clock::time_point last_flush;

    std::uint64_t buffered() const { return sequence.size(); }
};

void validate_header(const TrialHeader& header) {
    std::string geometry_problem = header.geometry.validation_error();
    if (!geometry_problem.empty()) throw InvalidArgument("cannot begin a trial: " + geometry_problem);
    if (!(header.rate_hz > 0.0) || !std::isfinite(header.rate_hz))
        throw InvalidArgument("cannot begin a trial: the frame rate must be a positive number of Hz");
    if (header.calibration && !header.calibration->sensor_gain().empty() &&
        header.calibration->sensor_gain().size() != header.geometry.sensor_count())
        throw InvalidArgument("cannot begin a trial: the calibration has " +
                              std::to_string(header.calibration->sensor_gain().size()) +
                              " sensor gains but the plate has " + std::to_string(header.geometry.sensor_count()) +
                              " sensors");
    if (header.pressure_scale == PressureScale::RawCounts && header.calibration)
        throw InvalidArgument("cannot begin a trial: a trial in raw counts has no calibration applied, so it cannot "
                              "carry a calibration curve (give kPa with the curve, or raw counts without one)");
    std::string layout_problem = sensor_layout_problem(header.layout, header.geometry);
    if (!layout_problem.empty()) throw InvalidArgument("cannot begin a trial: " + layout_problem);
}

// Appends `count` frames of `data` at frame `first` of a per-frame dataset.
void append_rows(hid_t dataset, hid_t memory_type, hsize_t first, hsize_t count, const FrameShape& frame_shape,
                 const void* data, const std::string& what) {
    RowBlock block = row_block(first, count, frame_shape);
    std::array<hsize_t, 3> extent = block.count;
    extent[0] = first + count;
    check_status(H5Dset_extent(dataset, extent.data()), "extend " + what);
    Handle file_space = space_handle(H5Dget_space(dataset), "read the shape of " + what);
    check_status(H5Sselect_hyperslab(file_space.get(), H5S_SELECT_SET, block.start.data(), nullptr,
                                     block.count.data(), nullptr),
                 "select the new frames of " + what);
    Handle memory_space = space_handle(H5Screate_simple(block.rank, block.count.data(), nullptr), "make a buffer shape");
    check_status(H5Dwrite(dataset, memory_type, memory_space.get(), file_space.get(), kDefaultProperties, data),
                 "write " + what);
}

}  // namespace

struct SessionWriter::Impl {
    std::filesystem::path path;
    SessionWriterOptions options;
    int next_trial_index = 0;
    bool closed = false;
    bool failed = false;  // a write or flush failed; the open trial takes no more frames
    std::optional<OpenTrial> trial;
    std::uint64_t frames_flushed = 0;

    [[noreturn]] void fail(const Hdf5Error& error, const std::string& doing) const {
        std::string detail = error.innermost().empty() ? "" : " (HDF5: " + error.innermost() + ")";
        throw IoError("session file " + quoted(path) + ": could not " + doing + ": " + error.what() + detail);
    }

    void require_usable(const char* operation) const {
        if (closed) throw InvalidArgument(std::string("cannot ") + operation + ": session writer for " + quoted(path) +
                                          " is closed");
    }

    std::string dataset_what(const char* dataset) const {
        return "dataset " + layout::trial_path(trial->index) + "/" + dataset;
    }

    // Appends every buffered frame and makes it durable.
    void flush_open_trial() {
        OpenTrial& t = *trial;
        if (failed) throw IoError("session file " + quoted(path) + ": an earlier write failed; the trial keeps the " +
                                  std::to_string(frames_flushed) + " frames flushed before it");
        try {
            hsize_t count = t.buffered();
            if (count > 0) {
                hsize_t first = t.frames_in_file;
                FrameShape frame_shape = frame_shape_of(t.geometry);
                append_rows(t.datasets.pressure.get(), native_float(), first, count, frame_shape, t.pressure.data(),
                            dataset_what(layout::kPressure));
                append_rows(t.datasets.sequence.get(), native_uint64(), first, count, kOneValue, t.sequence.data(),
                            dataset_what(layout::kSequence));
                append_rows(t.datasets.device_time_us.get(), native_int64(), first, count, {},
                            t.device_time_us.data(), dataset_what(layout::kDeviceTimeUs));
                append_rows(t.datasets.host_time_ns.get(), native_int64(), first, count, kOneValue, t.host_time_ns.data(),
                            dataset_what(layout::kHostTimeNs));
                t.frames_in_file += count;
                t.pressure.clear();
                t.sequence.clear();
                t.device_time_us.clear();
                t.host_time_ns.clear();
            }
            check_status(H5Fflush(t.file.get(), H5F_SCOPE_LOCAL), "flush the file");
            // Only now, with the frames on disk, does the trial's frame_count say they exist:
            // HDF5 may write a dataset's new extent before the data it covers, so the extent
            // alone could promise frames a crash (or a full disk) never let reach the file.
            if (count > 0) {
                write_int64_attribute(t.group.get(), layout::kFrameCount, static_cast<std::int64_t>(t.frames_in_file));
                check_status(H5Fflush(t.file.get(), H5F_SCOPE_LOCAL), "flush the file");
            }
            frames_flushed = t.frames_in_file;
            t.last_flush = std::chrono::steady_clock::now();
        } catch (const Hdf5Error& error) {
            failed = true;
            abandon_file(t);
            fail(error, "save frames of trial " + layout::trial_name(t.index));
        }
    }

    // After a failed write (disk full, ...) the file is left exactly as the last successful
    // flush made it, as a writer killed at that moment would leave it: closing it would make
    // HDF5 flush again, and a half-done flush on a full disk can write a superblock that points
    // past the end of the file. So the handles are deliberately not closed (HDF5 keeps them
    // until the process ends); the file stays marked as being written in SWMR mode, which lets
    // SWMR readers open it, and `h5clear -s` clears that mark for other tools.
    static void abandon_file(OpenTrial& t) noexcept {
        t.datasets.pressure.abandon();
        t.datasets.sequence.abandon();
        t.datasets.device_time_us.abandon();
        t.datasets.host_time_ns.abandon();
        t.group.abandon();
        t.file.abandon();
    }

    void begin(const TrialHeader& requested) {
        require_usable("begin a trial");
        if (trial) throw InvalidArgument("cannot begin a trial in " + quoted(path) + ": trial " +
                                         layout::trial_name(trial->index) + " is still open; end it first");
        validate_header(requested);
        TrialHeader header = requested;
        if (header.started_utc.empty()) header.started_utc = utc_now_iso8601();

        Hdf5Lock lock;
        OpenTrial t;
        t.index = next_trial_index;
        t.geometry = header.geometry;
        t.file = open_session_file(path, OpenMode::Write);
        try {
            Handle trials = group_handle(H5Gopen2(t.file.get(), layout::kTrialsGroup, kDefaultProperties),
                                         "open group /trials");
            std::string name = layout::trial_name(t.index);
            t.group = group_handle(H5Gcreate2(trials.get(), name.c_str(), kDefaultProperties, kDefaultProperties,
                                              kDefaultProperties),
                                   "create group " + layout::trial_path(t.index));
            write_trial_header(t.group.get(), header);
            t.datasets = create_frame_datasets(t.group.get(), header.geometry, header.pressure_scale,
                                                options.deflate_level);
            trials.reset();
            check_status(H5Fstart_swmr_write(t.file.get()), "start SWMR writing");
        } catch (const Hdf5Error& error) {
            // A half-made trial would make readers refuse the whole file; take it out again.
            t.datasets = FrameDatasets{};
            t.group.reset();
            if (H5Lexists(t.file.get(), layout::trial_path(t.index).c_str(), kDefaultProperties) > 0)
                H5Ldelete(t.file.get(), layout::trial_path(t.index).c_str(), kDefaultProperties);
            take_error_stack();
            fail(error, "begin trial " + layout::trial_name(t.index));
        }
        t.last_flush = std::chrono::steady_clock::now();
        trial = std::move(t);
        frames_flushed = 0;
        failed = false;
        ++next_trial_index;
    }

    void end() {
        require_usable("end a trial");
        if (!trial) throw InvalidArgument("cannot end a trial in " + quoted(path) + ": no trial is open");
        Hdf5Lock lock;
        int index = trial->index;
        try {
            flush_open_trial();
        } catch (...) {
            trial.reset();  // closes what it can; the trial stays incomplete
            throw;
        }
        try {
            trial->datasets = FrameDatasets{};
            trial->group.reset();
            trial->file.close("close the file after trial " + layout::trial_name(index));
            trial.reset();
            // SWMR mode ends with the file's closing; attributes may change again now.
            Handle file = open_session_file(path, OpenMode::Write);
            Handle group = group_handle(H5Gopen2(file.get(), layout::trial_path(index).c_str(), kDefaultProperties),
                                        "open group " + layout::trial_path(index));
            mark_trial_complete(group.get(), utc_now_iso8601());
            group.reset();
            file.close("close the file");
        } catch (const Hdf5Error& error) {
            trial.reset();
            fail(error, "mark trial " + layout::trial_name(index) + " complete");
        }
    }
};

SessionWriter::SessionWriter(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}
SessionWriter::SessionWriter(SessionWriter&&) noexcept = default;
SessionWriter& SessionWriter::operator=(SessionWriter&& other) noexcept {
    if (this != &other) {
        try {
            if (impl_) close();
        } catch (...) {  // NOLINT(bugprone-empty-catch): a move must not throw; the file keeps what was flushed
        }
        impl_ = std::move(other.impl_);
    }
    return *this;
}

SessionWriter::~SessionWriter() {
    if (!impl_) return;
    try {
        close();
    } catch (...) {  // NOLINT(bugprone-empty-catch): destructors never throw; flushed frames stay readable
    }
    Hdf5Lock lock;
    impl_.reset();  // closes any handle left open by a failure, under the lock
}

SessionWriter SessionWriter::create(const std::filesystem::path& path, const Subject& subject,
                                    SessionWriterOptions options) {
    if (subject.id.empty()) throw InvalidArgument("cannot create session " + quoted(path) + ": the subject needs an id");
    if (options.deflate_level < 0 || options.deflate_level > 9)
        throw InvalidArgument("deflate level must be 0 (off) to 9, not " + std::to_string(options.deflate_level));
    std::error_code ec;
    if (std::filesystem::exists(path, ec) && !options.overwrite)
        throw IoError("session file " + quoted(path) + " already exists; choose another name or allow overwriting");

    auto impl = std::make_unique<Impl>();
    impl->path = path;
    impl->options = options;
    Hdf5Lock lock;
    try {
        Handle fapl = session_file_access();
        hid_t raw = H5Fcreate(path.c_str(), options.overwrite ? H5F_ACC_TRUNC : H5F_ACC_EXCL, kDefaultProperties,
                              fapl.get());
        if (raw < 0) {
            Hdf5Error error("create the file", take_error_stack());
            throw IoError("cannot create session file " + quoted(path) + " (does the folder exist and is it "
                          "writable?)" + (error.innermost().empty() ? "" : " (HDF5: " + error.innermost() + ")"));
        }
        Handle file(raw, H5Fclose);
        write_string_attribute(file.get(), layout::kFormat, kSessionFormatName);
        write_int32_attribute(file.get(), layout::kFormatVersion, kSessionFormatVersion);
        write_string_attribute(file.get(), layout::kCreatedUtc, utc_now_iso8601());
        write_string_attribute(file.get(), layout::kSoftware, software_name());

        Handle group = group_handle(H5Gcreate2(file.get(), layout::kSubjectGroup, kDefaultProperties,
                                               kDefaultProperties, kDefaultProperties),
                                    "create group /subject");
        write_string_attribute(group.get(), layout::kSubjectId, subject.id);
        if (subject.body_mass_kg) write_double_attribute(group.get(), layout::kBodyMassKg, *subject.body_mass_kg);
        if (subject.height_cm) write_double_attribute(group.get(), layout::kHeightCm, *subject.height_cm);
        if (subject.birth_year) write_int32_attribute(group.get(), layout::kBirthYear, *subject.birth_year);
        if (!subject.sex.empty()) write_string_attribute(group.get(), layout::kSex, subject.sex);
        if (!subject.notes.empty()) write_string_attribute(group.get(), layout::kSubjectNotes, subject.notes);
        group.reset();
        Handle trials = group_handle(H5Gcreate2(file.get(), layout::kTrialsGroup, kDefaultProperties,
                                                kDefaultProperties, kDefaultProperties),
                                     "create group /trials");
        trials.reset();
        file.close("close the new file");
    } catch (const Hdf5Error& error) {
        impl->fail(error, "write the session header");
    }
    return SessionWriter(std::move(impl));
}

SessionWriter SessionWriter::append(const std::filesystem::path& path, SessionWriterOptions options) {
    if (options.deflate_level < 0 || options.deflate_level > 9)
        throw InvalidArgument("deflate level must be 0 (off) to 9, not " + std::to_string(options.deflate_level));
    auto impl = std::make_unique<Impl>();
    impl->path = path;
    impl->options = options;
    Hdf5Lock lock;
    Handle file = open_session_file(path, OpenMode::Write);
    int version = check_session_root(file.get(), path);
    try {
        // Trials added now may use what only this version can describe (a sensor layout).
        if (version < kSessionFormatVersion)
            write_int32_attribute(file.get(), layout::kFormatVersion, kSessionFormatVersion);
        if (!link_exists(file.get(), layout::kTrialsGroup))
            throw FileFormatError(FileFormatError::Kind::Corrupt,
                                  "session file " + quoted(path) + " has no /trials group");
        std::vector<int> indices = list_trial_indices(file.get());
        impl->next_trial_index = indices.empty() ? 0 : indices.back() + 1;
        file.close("close the file");
    } catch (const Hdf5Error& error) {
        impl->fail(error, "list its trials");
    }
    return SessionWriter(std::move(impl));
}

int SessionWriter::begin_trial(const TrialHeader& header) {
    impl_->begin(header);
    return impl_->trial->index;
}

void SessionWriter::write(const Frame& frame) {
    impl_->require_usable("write a frame");
    if (!impl_->trial) throw InvalidArgument("cannot write a frame to " + quoted(impl_->path) + ": no trial is open");
    OpenTrial& t = *impl_->trial;
    if (frame.pressure_kpa.size() != t.geometry.sensor_count())
        throw InvalidArgument("frame " + std::to_string(frame.sequence) + " has " +
                              std::to_string(frame.pressure_kpa.size()) + " sensors but trial " +
                              layout::trial_name(t.index) + " is a " + std::to_string(t.geometry.rows) + " x " +
                              std::to_string(t.geometry.cols) + " plate (" +
                              std::to_string(t.geometry.sensor_count()) + " sensors)");
    if (impl_->failed) impl_->flush_open_trial();  // throws the earlier failure
    t.pressure.insert(t.pressure.end(), frame.pressure_kpa.begin(), frame.pressure_kpa.end());
    t.sequence.push_back(frame.sequence);
    t.device_time_us.push_back(frame.device_time_us);
    t.host_time_ns.push_back(frame.host_time_ns);
    bool enough_frames = impl_->options.flush_every_frames > 0 && t.buffered() >= impl_->options.flush_every_frames;
    bool long_enough = std::chrono::steady_clock::now() - t.last_flush >= impl_->options.flush_interval;
    if (enough_frames || long_enough) {
        Hdf5Lock lock;
        impl_->flush_open_trial();
    }
}

void SessionWriter::flush() {
    impl_->require_usable("flush");
    if (!impl_->trial) return;
    Hdf5Lock lock;
    impl_->flush_open_trial();
}

void SessionWriter::end_trial() {
    impl_->end();
}

void SessionWriter::close() {
    if (!impl_ || impl_->closed) return;
    struct MarkClosed {
        Impl& impl;
        ~MarkClosed() { impl.closed = true; }
    } mark{*impl_};
    if (impl_->trial) impl_->end();
}

std::uint64_t SessionWriter::frames_in_trial() const {
    return impl_->trial ? impl_->trial->frames_in_file + impl_->trial->buffered() : 0;
}

std::uint64_t SessionWriter::frames_flushed() const {
    return impl_->trial ? impl_->frames_flushed : 0;
}

const std::filesystem::path& SessionWriter::path() const {
    return impl_->path;
}

}  // namespace plantar
