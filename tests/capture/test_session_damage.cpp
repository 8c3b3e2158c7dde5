// The session reader refuses what it cannot trust, with the right kind of error and a message
// that names the problem: files that are not HDF5, not ours, too new, cut short or damaged.
#include <doctest/doctest.h>

#include <hdf5.h>

#include <fstream>
#include <random>

#include "hdf5_types.hpp"  // HDF5's macros without old-style-cast warnings (capture/src/session)
#include "plantar/capture/errors.hpp"
#include "plantar/capture/session/session.hpp"
#include "session_test_support.hpp"

using namespace plantar;
using namespace plantar::session_detail;
using plantar::test::TempDir;
using Kind = FileFormatError::Kind;

namespace {

std::filesystem::path write_good_session(const TempDir& dir, std::uint64_t frames = 200) {
    auto path = dir.file("good.h5");
    auto writer = SessionWriter::create(path, test::test_subject());
    test::write_trial(writer, test::trial_header(PlateGeometry::clinical_plate()), frames);
    writer.close();
    return path;
}

// Opens the reader and returns the FileFormatError it throws.
FileFormatError refusal(const std::filesystem::path& path) {
    try {
        SessionReader reader(path);
    } catch (const FileFormatError& error) {
        return error;
    }
    FAIL("the reader opened " << path << " without complaint");
    return FileFormatError(Kind::Corrupt, "");
}

bool mentions(const std::exception& error, const std::string& text) {
    return std::string(error.what()).find(text) != std::string::npos;
}

hid_t open_for_editing(const std::filesystem::path& path) {
    hid_t file = H5Fopen(path.c_str(), H5F_ACC_RDWR, kDefaultProperties);
    REQUIRE(file >= 0);
    return file;
}

void set_int_attribute(hid_t object, const char* name, int value) {
    if (H5Aexists(object, name) > 0) H5Adelete(object, name);
    hid_t space = H5Screate(H5S_SCALAR);
    hid_t attribute = H5Acreate2(object, name, file_int32(), space, kDefaultProperties, kDefaultProperties);
    REQUIRE(attribute >= 0);
    H5Awrite(attribute, native_int32(), &value);
    H5Aclose(attribute);
    H5Sclose(space);
}

}  // namespace

TEST_CASE("a missing file is an IoError naming it") {
    TempDir dir;
    auto path = dir.file("nowhere.h5");
    try {
        SessionReader reader(path);
        FAIL("opened a missing file");
    } catch (const IoError& error) {
        CHECK(mentions(error, "nowhere.h5"));
        CHECK(mentions(error, "no such file"));
    }
}

TEST_CASE("a text file is refused as not HDF5") {
    TempDir dir;
    auto path = dir.file("notes.h5");
    std::ofstream(path) << "frame,pressure\n1,2\n";
    auto error = refusal(path);
    CHECK(error.kind == Kind::NotHdf5);
    CHECK(mentions(error, "not an HDF5 file"));
    CHECK(mentions(error, "notes.h5"));
}

TEST_CASE("a file of random bytes is refused as not HDF5") {
    TempDir dir;
    auto path = dir.file("noise.h5");
    std::mt19937 random(7);
    std::ofstream out(path, std::ios::binary);
    for (int i = 0; i < 100000; ++i) out.put(static_cast<char>(random() & 0xff));
    out.close();
    CHECK(refusal(path).kind == Kind::NotHdf5);
}

TEST_CASE("an HDF5 file made by someone else is refused as not a plantar session") {
    TempDir dir;
    auto path = dir.file("other.h5");
    hid_t file = H5Fcreate(path.c_str(), H5F_ACC_TRUNC, kDefaultProperties, kDefaultProperties);
    REQUIRE(file >= 0);
    hsize_t size = 10;
    hid_t space = H5Screate_simple(1, &size, nullptr);
    hid_t dataset = H5Dcreate2(file, "temperature", file_float64(), space, kDefaultProperties, kDefaultProperties,
                               kDefaultProperties);
    H5Dclose(dataset);
    H5Sclose(space);
    H5Fclose(file);
    auto error = refusal(path);
    CHECK(error.kind == Kind::NotPlantarSession);
    CHECK(mentions(error, "not a plantar session"));
    CHECK_THROWS_AS(SessionWriter::append(path), FileFormatError);
}

TEST_CASE("a session of a newer format version is refused, saying which version") {
    TempDir dir;
    auto path = write_good_session(dir, 5);
    hid_t file = open_for_editing(path);
    set_int_attribute(file, "format_version", 7);
    H5Fclose(file);
    auto error = refusal(path);
    CHECK(error.kind == Kind::UnsupportedVersion);
    CHECK(mentions(error, "newer plantar (format version 7)"));
    CHECK(mentions(error, "reads up to " + std::to_string(kSessionFormatVersion)));
    try {
        SessionWriter::append(path);
        FAIL("appended to a newer file");
    } catch (const FileFormatError& append_error) {
        CHECK(append_error.kind == Kind::UnsupportedVersion);
    }
}

TEST_CASE("a truncated session is refused as truncated") {
    TempDir dir;
    auto path = write_good_session(dir);
    std::filesystem::resize_file(path, std::filesystem::file_size(path) / 2);
    auto error = refusal(path);
    CHECK(error.kind == Kind::Truncated);
    CHECK(mentions(error, "truncated"));
}

TEST_CASE("a trial missing a required dataset is refused as corrupt, naming the dataset") {
    TempDir dir;
    auto path = write_good_session(dir, 5);
    hid_t file = open_for_editing(path);
    REQUIRE(H5Ldelete(file, "/trials/0000/host_time_ns", kDefaultProperties) >= 0);
    H5Fclose(file);
    auto error = refusal(path);
    CHECK(error.kind == Kind::Corrupt);
    CHECK(mentions(error, "host_time_ns"));
    CHECK(mentions(error, "trial 0000"));
}

TEST_CASE("a complete trial whose datasets have different lengths is refused as corrupt") {
    TempDir dir;
    auto path = write_good_session(dir, 5);
    hid_t file = open_for_editing(path);
    hid_t dataset = H5Dopen2(file, "/trials/0000/sequence", kDefaultProperties);
    hsize_t shorter = 3;
    REQUIRE(H5Dset_extent(dataset, &shorter) >= 0);
    H5Dclose(dataset);
    H5Fclose(file);
    auto error = refusal(path);
    CHECK(error.kind == Kind::Corrupt);
    CHECK(mentions(error, "different lengths"));
}

TEST_CASE("a damaged pressure chunk is reported as corrupt when read, and other chunks still read") {
    TempDir dir;
    auto path = write_good_session(dir);  // 200 frames of 64 x 64: chunks of 16 frames

    // Where the third chunk of pressure data lies in the file.
    haddr_t chunk_address = 0;
    hsize_t chunk_size = 0;
    {
        hid_t file = H5Fopen(path.c_str(), H5F_ACC_RDONLY, kDefaultProperties);
        hid_t dataset = H5Dopen2(file, "/trials/0000/pressure", kDefaultProperties);
        hid_t space = H5Dget_space(dataset);
        hsize_t offset[3] = {0, 0, 0};
        unsigned filter_mask = 0;
        REQUIRE(H5Dget_chunk_info(dataset, space, 2, offset, &filter_mask, &chunk_address, &chunk_size) >= 0);
        CHECK(offset[0] == 32);
        H5Sclose(space);
        H5Dclose(dataset);
        H5Fclose(file);
    }
    REQUIRE(chunk_size > 64);
    {
        std::fstream bytes(path, std::ios::in | std::ios::out | std::ios::binary);
        bytes.seekg(static_cast<std::streamoff>(chunk_address + chunk_size / 2));
        char middle[8];
        bytes.read(middle, sizeof middle);
        for (char& byte : middle) byte = static_cast<char>(~byte);
        bytes.seekp(static_cast<std::streamoff>(chunk_address + chunk_size / 2));
        bytes.write(middle, sizeof middle);
    }

    SessionReader reader(path);  // the headers are intact
    CHECK(reader.read_frame(0, 0) == test::synthetic_frame(PlateGeometry::clinical_plate(), 0));
    try {
        (void)reader.read_frame(0, 40);
        FAIL("read a damaged chunk without complaint");
    } catch (const FileFormatError& error) {
        CHECK(error.kind == Kind::Corrupt);
        CHECK(mentions(error, "checksum"));
        CHECK(mentions(error, "trial 0000"));
    }
    CHECK_THROWS_AS(reader.read_frames(0, 0, 200, [](const Frame&) { return true; }), FileFormatError);
    CHECK(reader.read_frame(0, 199) == test::synthetic_frame(PlateGeometry::clinical_plate(), 199));
}
