// SessionReader: opens a session (SWMR read when possible), reads every header up front and the
// frames on demand. refresh() closes and reopens the file: that is the one way to see trials a
// writer added or completed after leaving SWMR mode, and it also picks up new frames.
#include <algorithm>
#include <array>

#include "hdf5_types.hpp"
#include "plantar/capture/errors.hpp"
#include "plantar/capture/session/session.hpp"
#include "session_file.hpp"
#include "session_layout.hpp"
#include "session_replay.hpp"
#include "session_trial.hpp"

namespace plantar {

using namespace session_detail;
namespace layout = session_layout;
using Kind = FileFormatError::Kind;

namespace {

struct StoredTrial {
    TrialInfo info;
    Handle group;
    FrameDatasets datasets;
    hsize_t chunk_frames = 1;
    mutable std::optional<std::vector<std::int64_t>> device_times;  // for frame_index_at, read once
};

// Reads frames [first, first + count) of a per-frame dataset into `out`: a [N] dataset when
// `frame_shape` is empty, else [N, rows, cols].
void read_rows(hid_t dataset, hid_t memory_type, hsize_t first, hsize_t count, const FrameShape& frame_shape,
               void* out, const std::string& what) {
    RowBlock block = row_block(first, count, frame_shape);
    Handle file_space = space_handle(H5Dget_space(dataset), "read the shape of " + what);
    check_status(H5Sselect_hyperslab(file_space.get(), H5S_SELECT_SET, block.start.data(), nullptr,
                                     block.count.data(), nullptr),
                 "select frames of " + what);
    Handle memory_space = space_handle(H5Screate_simple(block.rank, block.count.data(), nullptr), "make a buffer shape");
    check_status(H5Dread(dataset, memory_type, memory_space.get(), file_space.get(), kDefaultProperties, out),
                 "read " + what);
}

// Frames per chunk of a pressure dataset as stored (read_frames reads a chunk at a time).
hsize_t stored_chunk_frames(hid_t pressure) {
    Handle dcpl = plist_handle(H5Dget_create_plist(pressure), "read the storage properties of dataset pressure");
    std::array<hsize_t, 3> chunk{1, 1, 1};
    if (H5Pget_layout(dcpl.get()) != H5D_CHUNKED) return 1;
    if (H5Pget_chunk(dcpl.get(), static_cast<int>(chunk.size()), chunk.data()) < 0)
        throw_hdf5_error("read the chunk shape of dataset pressure");
    return std::max<hsize_t>(chunk[0], 1);
}

}  // namespace

struct SessionReader::Impl {
    std::filesystem::path path;
    Handle file;
    bool swmr = false;
    int format_version = 0;
    std::string created_utc;
    std::string software;
    Subject subject;
    std::vector<StoredTrial> trials;

    std::string trial_what(int index) const {
        return "trial " + layout::trial_name(index) + " of session file " + quoted(path);
    }

    [[noreturn]] void corrupt(const std::string& problem, const Hdf5Error* error = nullptr) const {
        std::string detail = error && !error->innermost().empty() ? " (HDF5: " + error->innermost() + ")" : "";
        throw FileFormatError(Kind::Corrupt, problem + detail);
    }

    // A failed read of frame data: a checksum mismatch or undecodable chunk means damaged data.
    [[noreturn]] void data_failure(const Hdf5Error& error, int trial, const std::string& frames) const {
        bool checksum = error.stack_mentions("fletcher32") || error.stack_mentions("checksum");
        std::string problem = checksum ? "failed its checksum (the stored bytes are damaged)"
                                       : "could not be decoded (the file is damaged)";
        if (error.stack_mentions("truncated") || error.stack_mentions("addr overflow"))
            throw FileFormatError(Kind::Truncated, frames + " of " + trial_what(trial) +
                                                       " lie beyond the end of the file: it is truncated");
        corrupt(frames + " of " + trial_what(trial) + ": " + error.what() + " " + problem, &error);
    }

    void open() {
        file = open_session_file(path, OpenMode::Read);
        unsigned intent = 0;
        swmr = H5Fget_intent(file.get(), &intent) >= 0 && (intent & H5F_ACC_SWMR_READ) != 0;
        format_version = check_session_root(file.get(), path);
        try {
            created_utc = read_string_attribute(file.get(), layout::kCreatedUtc).value_or("");
            software = read_string_attribute(file.get(), layout::kSoftware).value_or("");
            load_subject();
        } catch (const Hdf5Error& error) {
            corrupt("session file " + quoted(path) + ": " + error.what(), &error);
        }
        load_trials();
    }

    void load_subject() {
        if (!link_exists(file.get(), layout::kSubjectGroup))
            corrupt("session file " + quoted(path) + " has no /subject group");
        Handle group = group_handle(H5Gopen2(file.get(), layout::kSubjectGroup, kDefaultProperties),
                                    "open group /subject");
        Subject s;
        auto id = read_string_attribute(group.get(), layout::kSubjectId);
        if (!id) corrupt("session file " + quoted(path) + ": /subject has no attribute 'id'");
        s.id = *id;
        s.body_mass_kg = read_double_attribute(group.get(), layout::kBodyMassKg);
        s.height_cm = read_double_attribute(group.get(), layout::kHeightCm);
        if (auto year = read_integer_attribute(group.get(), layout::kBirthYear)) s.birth_year = static_cast<int>(*year);
        s.sex = read_string_attribute(group.get(), layout::kSex).value_or("");
        s.notes = read_string_attribute(group.get(), layout::kSubjectNotes).value_or("");
        subject = std::move(s);
    }

    void load_trials() {
        std::vector<int> indices;
        try {
            if (!link_exists(file.get(), layout::kTrialsGroup))
                corrupt("session file " + quoted(path) + " has no /trials group");
            indices = list_trial_indices(file.get());
        } catch (const Hdf5Error& error) {
            corrupt("session file " + quoted(path) + ": cannot list its trials: " + error.what(), &error);
        }
        trials.clear();
        for (int index : indices) trials.push_back(load_trial(index));
    }

    StoredTrial load_trial(int index) {
        StoredTrial t;
        t.info.index = index;
        std::string what = trial_what(index);
        try {
            t.group = group_handle(H5Gopen2(file.get(), layout::trial_path(index).c_str(), kDefaultProperties),
                                   "open " + what);
            t.info.header = read_trial_header(t.group.get(), "trial " + layout::trial_name(index), format_version);
            t.info.complete = read_trial_complete(t.group.get());
            t.info.ended_utc = t.info.complete ? read_trial_ended_utc(t.group.get()) : "";
            t.datasets = open_frame_datasets(t.group.get(), t.info.header.geometry);
            t.chunk_frames = stored_chunk_frames(t.datasets.pressure.get());
            // Another reader in this process (a viewer's background thread) may keep the file
            // open, and HDF5 then shares it: reopening alone could show the cached, older sizes.
            if (swmr && !t.info.complete)
                for (hid_t dataset : {t.datasets.pressure.get(), t.datasets.sequence.get(),
                                      t.datasets.device_time_us.get(), t.datasets.host_time_ns.get()})
                    if (H5Drefresh(dataset) < 0) take_error_stack();  // best effort: the sizes as opened
        } catch (const Hdf5Error& error) {
            corrupt(what + ": " + error.what(), &error);
        }
        update_frame_count(t);
        return t;
    }

    // frame_count is the shortest of the four per-frame datasets, and at most the trial's
    // `frame_count` attribute: a writer that died mid-flush may have extended one dataset more
    // than another, or extended them before their data reached the disk; the attribute is only
    // raised once the data is durable. A complete trial must have all of them equal.
    void update_frame_count(StoredTrial& t) {
        std::string what = trial_what(t.info.index);
        const PlateGeometry& g = t.info.header.geometry;
        try {
            std::vector<hsize_t> pressure_dims = dataset_dims(t.datasets.pressure.get(), "pressure");
            if (pressure_dims.size() != 3 || pressure_dims[1] != static_cast<hsize_t>(g.rows) ||
                pressure_dims[2] != static_cast<hsize_t>(g.cols))
                corrupt(what + ": dataset 'pressure' does not have the shape [frames, " + std::to_string(g.rows) +
                        ", " + std::to_string(g.cols) + "] of the trial's plate");
            std::vector<hsize_t> lengths{pressure_dims[0]};
            for (auto [dataset, name] : {std::pair{t.datasets.sequence.get(), layout::kSequence},
                                         std::pair{t.datasets.device_time_us.get(), layout::kDeviceTimeUs},
                                         std::pair{t.datasets.host_time_ns.get(), layout::kHostTimeNs}}) {
                std::vector<hsize_t> dims = dataset_dims(dataset, name);
                if (dims.size() != 1) corrupt(what + ": dataset '" + name + "' is not one-dimensional");
                lengths.push_back(dims[0]);
            }
            auto [shortest, longest] = std::minmax_element(lengths.begin(), lengths.end());
            if (t.info.complete && *shortest != *longest)
                corrupt(what + " is marked complete but its per-frame datasets have different lengths (" +
                        std::to_string(*shortest) + " to " + std::to_string(*longest) + " frames)");
            t.info.frame_count = *shortest;
            if (auto durable = read_trial_frame_count(t.group.get())) {
                if (t.info.complete && *durable != *shortest)
                    corrupt(what + " is marked complete with " + std::to_string(*durable) +
                            " frames but its datasets hold " + std::to_string(*shortest));
                t.info.frame_count = std::min<std::uint64_t>(t.info.frame_count, *durable);
            }
            if (t.info.frame_count > 0) {
                read_rows(t.datasets.device_time_us.get(), native_int64(), 0, 1, kOneValue, &t.info.first_device_time_us,
                          "dataset device_time_us");
                read_rows(t.datasets.device_time_us.get(), native_int64(), t.info.frame_count - 1, 1, kOneValue,
                          &t.info.last_device_time_us, "dataset device_time_us");
            }
        } catch (const Hdf5Error& error) {
            data_failure(error, t.info.index, "the timestamps");
        }
    }

    const StoredTrial& stored(int trial) const {
        if (trial < 0 || trial >= static_cast<int>(trials.size()))
            throw InvalidArgument("session " + quoted(path) + " has no trial " + std::to_string(trial) + " (it has " +
                                  std::to_string(trials.size()) + ")");
        if (!file.valid())
            throw IoError("session file " + quoted(path) + " is not open (a refresh failed); call refresh() again");
        return trials[static_cast<std::size_t>(trial)];
    }

    void check_range(const StoredTrial& t, std::uint64_t first, std::uint64_t count) const {
        if (first > t.info.frame_count || count > t.info.frame_count - first)
            throw InvalidArgument("frames " + std::to_string(first) + " to " + std::to_string(first + count) +
                                  " are out of range: " + trial_what(t.info.index) + " has " +
                                  std::to_string(t.info.frame_count) + " frames");
    }

    // Reads `count` whole frames from `first` into `frames` (resized to count).
    void read_block(int trial, const StoredTrial& t, hsize_t first, hsize_t count, std::vector<Frame>& frames) const {
        const PlateGeometry& g = t.info.header.geometry;
        std::vector<float> pressure(static_cast<std::size_t>(count) * g.sensor_count());
        std::vector<std::uint64_t> sequence(count);
        std::vector<std::int64_t> device(count);
        std::vector<std::int64_t> host(count);
        try {
            read_rows(t.datasets.pressure.get(), native_float(), first, count,
                      frame_shape_of(g), pressure.data(),
                      "dataset pressure");
            read_rows(t.datasets.sequence.get(), native_uint64(), first, count, kOneValue, sequence.data(), "dataset sequence");
            read_rows(t.datasets.device_time_us.get(), native_int64(), first, count, kOneValue, device.data(),
                      "dataset device_time_us");
            read_rows(t.datasets.host_time_ns.get(), native_int64(), first, count, kOneValue, host.data(),
                      "dataset host_time_ns");
        } catch (const Hdf5Error& error) {
            data_failure(error, trial, count == 1 ? "frame " + std::to_string(first)
                                                  : "frames " + std::to_string(first) + " to " +
                                                        std::to_string(first + count - 1));
        }
        frames.resize(static_cast<std::size_t>(count));
        for (std::size_t i = 0; i < frames.size(); ++i) {
            Frame& frame = frames[i];
            frame.sequence = sequence[i];
            frame.device_time_us = device[i];
            frame.host_time_ns = host[i];
            auto begin = pressure.begin() + static_cast<std::ptrdiff_t>(i * g.sensor_count());
            frame.pressure_kpa.assign(begin, begin + static_cast<std::ptrdiff_t>(g.sensor_count()));
        }
    }
};

SessionReader::SessionReader(const std::filesystem::path& path) : impl_(std::make_unique<Impl>()) {
    impl_->path = path;
    Hdf5Lock lock;
    try {
        impl_->open();
    } catch (...) {
        impl_.reset();  // close handles under the lock
        throw;
    }
}

SessionReader::SessionReader(SessionReader&&) noexcept = default;
SessionReader& SessionReader::operator=(SessionReader&& other) noexcept {
    if (this != &other) {
        Hdf5Lock lock;
        impl_ = std::move(other.impl_);
    }
    return *this;
}
SessionReader::~SessionReader() {
    Hdf5Lock lock;
    impl_.reset();
}

const std::filesystem::path& SessionReader::path() const { return impl_->path; }
int SessionReader::format_version() const { return impl_->format_version; }
const std::string& SessionReader::created_utc() const { return impl_->created_utc; }
const std::string& SessionReader::software() const { return impl_->software; }
const Subject& SessionReader::subject() const { return impl_->subject; }
int SessionReader::trial_count() const { return static_cast<int>(impl_->trials.size()); }

const TrialInfo& SessionReader::trial(int index) const {
    if (index < 0 || index >= trial_count())
        throw InvalidArgument("session " + quoted(impl_->path) + " has no trial " + std::to_string(index) +
                              " (it has " + std::to_string(trial_count()) + ")");
    return impl_->trials[static_cast<std::size_t>(index)].info;
}

Frame SessionReader::read_frame(int trial, std::uint64_t index) const {
    Hdf5Lock lock;
    const StoredTrial& t = impl_->stored(trial);
    impl_->check_range(t, index, 1);
    std::vector<Frame> frames;
    impl_->read_block(trial, t, index, 1, frames);
    return std::move(frames.front());
}

void SessionReader::read_frames(int trial, std::uint64_t first, std::uint64_t count,
                                const std::function<bool(const Frame&)>& sink) const {
    std::vector<Frame> frames;
    std::uint64_t end = 0;
    {
        Hdf5Lock lock;
        const StoredTrial& t = impl_->stored(trial);
        impl_->check_range(t, first, count);
        end = first + count;
    }
    std::uint64_t position = first;
    while (position < end) {
        {
            // One chunk's worth at a time, aligned to the chunks, so each is decompressed once.
            Hdf5Lock lock;
            const StoredTrial& t = impl_->stored(trial);
            std::uint64_t chunk_end = (position / t.chunk_frames + 1) * t.chunk_frames;
            std::uint64_t block = std::min(end, chunk_end) - position;
            impl_->read_block(trial, t, position, block, frames);
        }
        // The sink runs without the HDF5 lock, so it may use another reader or writer.
        for (const Frame& frame : frames)
            if (!sink(frame)) return;
        position += frames.size();
    }
}

std::uint64_t SessionReader::frame_index_at(int trial, std::int64_t device_time_us) const {
    Hdf5Lock lock;
    const StoredTrial& t = impl_->stored(trial);
    if (t.info.frame_count == 0)
        throw InvalidArgument("cannot find a time in " + impl_->trial_what(t.info.index) + ": it has no frames");
    if (!t.device_times) {
        std::vector<std::int64_t> times(t.info.frame_count);
        try {
            read_rows(t.datasets.device_time_us.get(), native_int64(), 0, t.info.frame_count, kOneValue, times.data(),
                      "dataset device_time_us");
        } catch (const Hdf5Error& error) {
            impl_->data_failure(error, trial, "the timestamps");
        }
        t.device_times = std::move(times);
    }
    const std::vector<std::int64_t>& times = *t.device_times;
    auto after = std::upper_bound(times.begin(), times.end(), device_time_us);
    if (after == times.begin()) return 0;
    return static_cast<std::uint64_t>(after - times.begin() - 1);
}

std::vector<std::int64_t> SessionReader::read_device_times(int trial, std::uint64_t first, std::uint64_t count) const {
    Hdf5Lock lock;
    const StoredTrial& t = impl_->stored(trial);
    impl_->check_range(t, first, count);
    std::vector<std::int64_t> times(count);
    if (count == 0) return times;
    try {
        read_rows(t.datasets.device_time_us.get(), native_int64(), first, count, kOneValue, times.data(),
                  "dataset device_time_us");
    } catch (const Hdf5Error& error) {
        impl_->data_failure(error, trial, "the timestamps");
    }
    return times;
}

std::uint64_t SessionReader::frames_per_chunk(int trial) const {
    Hdf5Lock lock;
    return impl_->stored(trial).chunk_frames;
}

bool SessionReader::refresh() {
    Hdf5Lock lock;
    struct Seen {
        int index;
        std::uint64_t frames;
        bool complete;
    };
    std::vector<Seen> before;
    std::vector<std::optional<std::vector<std::int64_t>>> caches;
    for (const StoredTrial& t : impl_->trials) {
        before.push_back({t.info.index, t.info.frame_count, t.info.complete});
        caches.push_back(std::move(t.device_times));
    }
    bool was_open = impl_->file.valid();
    // Close everything first: HDF5 shares one cache per open file within a process, and a
    // fresh open is what makes it read the file's current state.
    std::vector<StoredTrial> previous = std::move(impl_->trials);
    impl_->trials.clear();
    for (StoredTrial& t : previous) {
        t.datasets = FrameDatasets{};
        t.group.reset();
    }
    impl_->file.reset();
    try {
        impl_->open();
    } catch (...) {
        // Keep what was known (without open handles); reads throw until a refresh succeeds.
        impl_->file.reset();
        impl_->trials = std::move(previous);
        throw;
    }
    bool changed = !was_open || before.size() != impl_->trials.size();
    for (std::size_t i = 0; i < impl_->trials.size(); ++i) {
        StoredTrial& t = impl_->trials[i];
        if (i >= before.size()) continue;
        bool same = before[i].index == t.info.index && before[i].frames == t.info.frame_count &&
                    before[i].complete == t.info.complete;
        if (same) t.device_times = std::move(caches[i]);
        changed = changed || !same;
    }
    return changed;
}

std::unique_ptr<TrialReplaySource> SessionReader::replay(int trial) const {
    const TrialInfo& info = this->trial(trial);
    return make_replay_source(impl_->path, trial, info);
}

}  // namespace plantar
