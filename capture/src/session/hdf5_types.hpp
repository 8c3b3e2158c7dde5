// HDF5's type and property macros expand to C casts (for example H5P_DEFAULT is `(hid_t)0`),
// which our -Wold-style-cast build rejects. Every such macro is expanded here, once, with that
// warning silenced, and the rest of the session code uses these names instead.
#pragma once

#include <hdf5.h>

namespace plantar::session_detail {

#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wold-style-cast"

inline constexpr hid_t kDefaultProperties = H5P_DEFAULT;
inline constexpr hid_t kAllOfSpace = H5S_ALL;
inline constexpr hid_t kDefaultErrorStack = H5E_DEFAULT;
inline constexpr hsize_t kUnlimited = H5S_UNLIMITED;
inline constexpr size_t kVariableLength = H5T_VARIABLE;

inline hid_t native_float() { return H5T_NATIVE_FLOAT; }
inline hid_t native_double() { return H5T_NATIVE_DOUBLE; }
inline hid_t native_int8() { return H5T_NATIVE_INT8; }
inline hid_t native_uint8() { return H5T_NATIVE_UINT8; }
inline hid_t native_int32() { return H5T_NATIVE_INT32; }
inline hid_t native_int64() { return H5T_NATIVE_INT64; }
inline hid_t native_uint64() { return H5T_NATIVE_UINT64; }
// Little-endian file types, so a file reads the same on any machine.
inline hid_t file_float32() { return H5T_IEEE_F32LE; }
inline hid_t file_float64() { return H5T_IEEE_F64LE; }
inline hid_t file_int8() { return H5T_STD_I8LE; }
inline hid_t file_uint8() { return H5T_STD_U8LE; }
inline hid_t file_int32() { return H5T_STD_I32LE; }
inline hid_t file_int64() { return H5T_STD_I64LE; }
inline hid_t file_uint64() { return H5T_STD_U64LE; }
inline hid_t c_string_type() { return H5T_C_S1; }

inline hid_t file_access_class() { return H5P_FILE_ACCESS; }
inline hid_t file_create_class() { return H5P_FILE_CREATE; }
inline hid_t dataset_create_class() { return H5P_DATASET_CREATE; }
inline hid_t dataset_access_class() { return H5P_DATASET_ACCESS; }
inline hid_t link_create_class() { return H5P_LINK_CREATE; }

#pragma GCC diagnostic pop

}  // namespace plantar::session_detail
