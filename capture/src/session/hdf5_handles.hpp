// Small RAII wrappers over the HDF5 C API, the one lock every HDF5 call goes through, and the
// capture of HDF5's error stack as text (HDF5 would otherwise print it to stderr, and library
// code never prints).
#pragma once

#include <hdf5.h>

#include <cstdint>
#include <mutex>
#include <optional>
#include <stdexcept>
#include <string>
#include <utility>
#include <vector>

#include "hdf5_types.hpp"

namespace plantar::session_detail {

// The serial HDF5 library is not thread-safe. Every public SessionWriter/SessionReader method
// holds this lock for as long as it calls into HDF5, so a recorder thread and a viewer thread
// may each use their own object. (One object is still used by one thread at a time.)
std::recursive_mutex& hdf5_mutex();

// Turns HDF5's automatic error printing off, once per process, and takes the lock.
class Hdf5Lock {
public:
    Hdf5Lock();
private:
    std::lock_guard<std::recursive_mutex> guard_;
};

// An HDF5 call failed. `what` says what we tried; `stack` is HDF5's own explanation, innermost
// last. The writer and reader turn it into IoError / FileFormatError naming the file.
struct Hdf5Error : std::runtime_error {
    Hdf5Error(const std::string& what_failed, std::vector<std::string> stack_lines);
    std::vector<std::string> stack;
    bool stack_mentions(const std::string& text) const;  // case-insensitive
    std::string innermost() const;                        // the most specific line, or ""
};

// Reads (and clears) the current error stack.
std::vector<std::string> take_error_stack();
[[noreturn]] void throw_hdf5_error(const std::string& what_failed);

inline hid_t check_id(hid_t id, const std::string& what_failed) {
    if (id < 0) throw_hdf5_error(what_failed);
    return id;
}
inline void check_status(herr_t status, const std::string& what_failed) {
    if (status < 0) throw_hdf5_error(what_failed);
}

// Owns one HDF5 identifier and closes it with the matching H5?close.
class Handle {
public:
    using Closer = herr_t (*)(hid_t);
    Handle() = default;
    Handle(hid_t id, Closer closer) : id_(id), closer_(closer) {}
    Handle(Handle&& other) noexcept : id_(std::exchange(other.id_, -1)), closer_(other.closer_) {}
    Handle& operator=(Handle&& other) noexcept {
        if (this != &other) {
            reset();
            id_ = std::exchange(other.id_, -1);
            closer_ = other.closer_;
        }
        return *this;
    }
    Handle(const Handle&) = delete;
    Handle& operator=(const Handle&) = delete;
    ~Handle() { reset(); }

    hid_t get() const { return id_; }
    bool valid() const { return id_ >= 0; }
    // Closes quietly (destructors, error paths).
    void reset() noexcept {
        if (id_ >= 0 && closer_ != nullptr) {
            closer_(id_);
            H5Eclear2(kDefaultErrorStack);  // nothing to report from a quiet close
        }
        id_ = -1;
    }
    // Gives up ownership without closing: the identifier stays open in HDF5 (see
    // SessionWriter's handling of write failures for the one reason to do this).
    void abandon() noexcept { id_ = -1; }
    // Closes and reports failure (closing a written file flushes it, which can fail).
    void close(const std::string& what) {
        hid_t id = std::exchange(id_, -1);
        if (id >= 0 && closer_ != nullptr) check_status(closer_(id), what);
    }

private:
    hid_t id_ = -1;
    Closer closer_ = nullptr;
};

inline Handle file_handle(hid_t id, const std::string& what) { return {check_id(id, what), H5Fclose}; }
inline Handle group_handle(hid_t id, const std::string& what) { return {check_id(id, what), H5Gclose}; }
inline Handle dataset_handle(hid_t id, const std::string& what) { return {check_id(id, what), H5Dclose}; }
inline Handle space_handle(hid_t id, const std::string& what) { return {check_id(id, what), H5Sclose}; }
inline Handle type_handle(hid_t id, const std::string& what) { return {check_id(id, what), H5Tclose}; }
inline Handle plist_handle(hid_t id, const std::string& what) { return {check_id(id, what), H5Pclose}; }
inline Handle attribute_handle(hid_t id, const std::string& what) { return {check_id(id, what), H5Aclose}; }

// File access properties for every session file: the latest file format (SWMR needs it).
Handle session_file_access();

bool link_exists(hid_t location, const std::string& name);
bool attribute_exists(hid_t object, const std::string& name);

// Attributes. Strings are scalar, variable-length, UTF-8. Writing replaces an existing value.
void write_string_attribute(hid_t object, const std::string& name, const std::string& value);
void write_double_attribute(hid_t object, const std::string& name, double value);
void write_int32_attribute(hid_t object, const std::string& name, std::int32_t value);
void write_int8_attribute(hid_t object, const std::string& name, std::int8_t value);
void write_int64_attribute(hid_t object, const std::string& name, std::int64_t value);
// Reading returns nothing when the attribute is absent; a present attribute of an unusable
// type throws. Strings of fixed or variable length are both accepted (files made by others).
std::optional<std::string> read_string_attribute(hid_t object, const std::string& name);
std::optional<double> read_double_attribute(hid_t object, const std::string& name);
std::optional<std::int64_t> read_integer_attribute(hid_t object, const std::string& name);
// A 1-D attribute of variable-length UTF-8 strings (h5py reads it as an array of str). Reading
// returns nothing when absent; fixed-length strings are accepted too.
void write_string_array_attribute(hid_t object, const std::string& name, const std::vector<std::string>& values);
std::optional<std::vector<std::string>> read_string_array_attribute(hid_t object, const std::string& name);

// A whole 1-D dataset (small things: calibration curves).
void write_vector(hid_t location, const std::string& name, hid_t file_type, hid_t memory_type, const void* data,
                  hsize_t length);
std::vector<double> read_double_vector(hid_t location, const std::string& name);
std::vector<float> read_float_vector(hid_t location, const std::string& name);

// The current extent of a dataset (refreshing first is the caller's business).
std::vector<hsize_t> dataset_dims(hid_t dataset, const std::string& what);

}  // namespace plantar::session_detail
