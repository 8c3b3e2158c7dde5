#include "hdf5_handles.hpp"

#include <algorithm>
#include <cctype>

#include "hdf5_types.hpp"

namespace plantar::session_detail {

std::recursive_mutex& hdf5_mutex() {
    static std::recursive_mutex mutex;
    return mutex;
}

Hdf5Lock::Hdf5Lock() : guard_(hdf5_mutex()) {
    // Debian's libhdf5 is built with H5_HAVE_THREADSAFE, which keeps the error stack, and
    // whether it prints, per thread: silence it once in every thread that calls HDF5 (a
    // viewer's background reader), not once per process.
    thread_local bool silenced = false;
    if (!silenced) {
        H5Eset_auto2(kDefaultErrorStack, nullptr, nullptr);
        silenced = true;
    }
}

namespace {

herr_t collect_error_line(unsigned /*depth*/, const H5E_error2_t* error, void* lines) {
    auto* out = static_cast<std::vector<std::string>*>(lines);
    std::string line = error->desc != nullptr ? error->desc : "";
    if (error->func_name != nullptr) line = std::string(error->func_name) + ": " + line;
    out->push_back(std::move(line));
    return 0;
}

std::string lower(std::string text) {
    std::transform(text.begin(), text.end(), text.begin(),
                   [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
    return text;
}

}  // namespace

std::vector<std::string> take_error_stack() {
    std::vector<std::string> lines;
    H5Ewalk2(kDefaultErrorStack, H5E_WALK_DOWNWARD, collect_error_line, &lines);
    H5Eclear2(kDefaultErrorStack);
    return lines;
}

Hdf5Error::Hdf5Error(const std::string& what_failed, std::vector<std::string> stack_lines)
    : std::runtime_error(what_failed), stack(std::move(stack_lines)) {}

bool Hdf5Error::stack_mentions(const std::string& text) const {
    std::string needle = lower(text);
    return std::any_of(stack.begin(), stack.end(),
                       [&](const std::string& line) { return lower(line).find(needle) != std::string::npos; });
}

std::string Hdf5Error::innermost() const {
    return stack.empty() ? std::string() : stack.back();
}

void throw_hdf5_error(const std::string& what_failed) {
    throw Hdf5Error(what_failed, take_error_stack());
}

Handle session_file_access() {
    Handle fapl = plist_handle(H5Pcreate(file_access_class()), "create file access properties");
    check_status(H5Pset_libver_bounds(fapl.get(), H5F_LIBVER_LATEST, H5F_LIBVER_LATEST),
                 "select the latest HDF5 file format");
    return fapl;
}

bool link_exists(hid_t location, const std::string& name) {
    htri_t exists = H5Lexists(location, name.c_str(), kDefaultProperties);
    if (exists < 0) throw_hdf5_error("look up '" + name + "'");
    return exists > 0;
}

bool attribute_exists(hid_t object, const std::string& name) {
    htri_t exists = H5Aexists(object, name.c_str());
    if (exists < 0) throw_hdf5_error("look up attribute '" + name + "'");
    return exists > 0;
}

namespace {

Handle utf8_string_type() {
    Handle type = type_handle(H5Tcopy(c_string_type()), "make a string type");
    check_status(H5Tset_size(type.get(), kVariableLength), "make a variable-length string type");
    check_status(H5Tset_cset(type.get(), H5T_CSET_UTF8), "make a UTF-8 string type");
    return type;
}

// Opens `name` on `object`, creating it with `file_type` when absent.
Handle open_or_create_attribute(hid_t object, const std::string& name, hid_t file_type) {
    if (attribute_exists(object, name)) {
        return attribute_handle(H5Aopen(object, name.c_str(), kDefaultProperties), "open attribute '" + name + "'");
    }
    Handle space = space_handle(H5Screate(H5S_SCALAR), "make a scalar dataspace");
    return attribute_handle(H5Acreate2(object, name.c_str(), file_type, space.get(), kDefaultProperties,
                                       kDefaultProperties),
                            "create attribute '" + name + "'");
}

void write_scalar(hid_t object, const std::string& name, hid_t file_type, hid_t memory_type, const void* value) {
    Handle attribute = open_or_create_attribute(object, name, file_type);
    check_status(H5Awrite(attribute.get(), memory_type, value), "write attribute '" + name + "'");
    attribute.close("close attribute '" + name + "'");
}

}  // namespace

void write_string_attribute(hid_t object, const std::string& name, const std::string& value) {
    Handle type = utf8_string_type();
    const char* text = value.c_str();
    write_scalar(object, name, type.get(), type.get(), &text);
}

void write_double_attribute(hid_t object, const std::string& name, double value) {
    write_scalar(object, name, file_float64(), native_double(), &value);
}

void write_int32_attribute(hid_t object, const std::string& name, std::int32_t value) {
    write_scalar(object, name, file_int32(), native_int32(), &value);
}

void write_int8_attribute(hid_t object, const std::string& name, std::int8_t value) {
    write_scalar(object, name, file_int8(), native_int8(), &value);
}

void write_int64_attribute(hid_t object, const std::string& name, std::int64_t value) {
    write_scalar(object, name, file_int64(), native_int64(), &value);
}

namespace {

std::optional<Handle> open_attribute_if_present(hid_t object, const std::string& name) {
    if (!attribute_exists(object, name)) return std::nullopt;
    return attribute_handle(H5Aopen(object, name.c_str(), kDefaultProperties), "open attribute '" + name + "'");
}

void require_scalar(hid_t attribute, const std::string& name) {
    Handle space = space_handle(H5Aget_space(attribute), "read the shape of attribute '" + name + "'");
    hssize_t points = H5Sget_simple_extent_npoints(space.get());
    if (points != 1) throw Hdf5Error("attribute '" + name + "' holds " + std::to_string(points) + " values, not one", {});
}

}  // namespace

std::optional<std::string> read_string_attribute(hid_t object, const std::string& name) {
    auto attribute = open_attribute_if_present(object, name);
    if (!attribute) return std::nullopt;
    require_scalar(attribute->get(), name);
    Handle stored_type = type_handle(H5Aget_type(attribute->get()), "read the type of attribute '" + name + "'");
    if (H5Tget_class(stored_type.get()) != H5T_STRING) throw Hdf5Error("attribute '" + name + "' is not a string", {});
    htri_t variable = H5Tis_variable_str(stored_type.get());
    if (variable < 0) throw_hdf5_error("read the type of attribute '" + name + "'");
    if (variable > 0) {
        Handle memory_type = utf8_string_type();
        char* text = nullptr;
        check_status(H5Aread(attribute->get(), memory_type.get(), &text), "read attribute '" + name + "'");
        std::string value = text != nullptr ? text : "";
        H5free_memory(text);
        return value;
    }
    std::size_t size = H5Tget_size(stored_type.get());
    Handle memory_type = type_handle(H5Tcopy(stored_type.get()), "copy a string type");
    check_status(H5Tset_size(memory_type.get(), size + 1), "size a string type");
    check_status(H5Tset_strpad(memory_type.get(), H5T_STR_NULLTERM), "pad a string type");
    std::vector<char> text(size + 1, '\0');
    check_status(H5Aread(attribute->get(), memory_type.get(), text.data()), "read attribute '" + name + "'");
    return std::string(text.data());
}

std::optional<double> read_double_attribute(hid_t object, const std::string& name) {
    auto attribute = open_attribute_if_present(object, name);
    if (!attribute) return std::nullopt;
    require_scalar(attribute->get(), name);
    Handle stored_type = type_handle(H5Aget_type(attribute->get()), "read the type of attribute '" + name + "'");
    H5T_class_t type_class = H5Tget_class(stored_type.get());
    if (type_class != H5T_FLOAT && type_class != H5T_INTEGER)
        throw Hdf5Error("attribute '" + name + "' is not a number", {});
    double value = 0.0;
    check_status(H5Aread(attribute->get(), native_double(), &value), "read attribute '" + name + "'");
    return value;
}

std::optional<std::int64_t> read_integer_attribute(hid_t object, const std::string& name) {
    auto attribute = open_attribute_if_present(object, name);
    if (!attribute) return std::nullopt;
    require_scalar(attribute->get(), name);
    Handle stored_type = type_handle(H5Aget_type(attribute->get()), "read the type of attribute '" + name + "'");
    if (H5Tget_class(stored_type.get()) != H5T_INTEGER) throw Hdf5Error("attribute '" + name + "' is not an integer", {});
    std::int64_t value = 0;
    check_status(H5Aread(attribute->get(), native_int64(), &value), "read attribute '" + name + "'");
    return value;
}

void write_string_array_attribute(hid_t object, const std::string& name, const std::vector<std::string>& values) {
    if (attribute_exists(object, name))
        check_status(H5Adelete(object, name.c_str()), "replace attribute '" + name + "'");
    Handle type = utf8_string_type();
    hsize_t length = values.size();
    Handle space = space_handle(H5Screate_simple(1, &length, nullptr), "make the shape of attribute '" + name + "'");
    Handle attribute = attribute_handle(H5Acreate2(object, name.c_str(), type.get(), space.get(), kDefaultProperties,
                                                   kDefaultProperties),
                                        "create attribute '" + name + "'");
    std::vector<const char*> texts;
    for (const std::string& value : values) texts.push_back(value.c_str());
    check_status(H5Awrite(attribute.get(), type.get(), texts.data()), "write attribute '" + name + "'");
    attribute.close("close attribute '" + name + "'");
}

std::optional<std::vector<std::string>> read_string_array_attribute(hid_t object, const std::string& name) {
    auto attribute = open_attribute_if_present(object, name);
    if (!attribute) return std::nullopt;
    Handle space = space_handle(H5Aget_space(attribute->get()), "read the shape of attribute '" + name + "'");
    int rank = H5Sget_simple_extent_ndims(space.get());
    hssize_t points = H5Sget_simple_extent_npoints(space.get());
    if (rank > 1 || points < 0) throw Hdf5Error("attribute '" + name + "' is not a list of strings", {});
    Handle stored_type = type_handle(H5Aget_type(attribute->get()), "read the type of attribute '" + name + "'");
    if (H5Tget_class(stored_type.get()) != H5T_STRING) throw Hdf5Error("attribute '" + name + "' is not a string", {});
    htri_t variable = H5Tis_variable_str(stored_type.get());
    if (variable < 0) throw_hdf5_error("read the type of attribute '" + name + "'");
    std::vector<std::string> values;
    auto count = static_cast<std::size_t>(points);
    if (variable > 0) {
        Handle memory_type = utf8_string_type();
        std::vector<char*> texts(count, nullptr);
        if (count > 0)
            check_status(H5Aread(attribute->get(), memory_type.get(), texts.data()), "read attribute '" + name + "'");
        for (char* text : texts) {
            values.emplace_back(text != nullptr ? text : "");
            H5free_memory(text);
        }
        return values;
    }
    std::size_t size = H5Tget_size(stored_type.get());
    Handle memory_type = type_handle(H5Tcopy(stored_type.get()), "copy a string type");
    check_status(H5Tset_size(memory_type.get(), size + 1), "size a string type");
    check_status(H5Tset_strpad(memory_type.get(), H5T_STR_NULLTERM), "pad a string type");
    std::vector<char> text(count * (size + 1), '\0');
    if (count > 0)
        check_status(H5Aread(attribute->get(), memory_type.get(), text.data()), "read attribute '" + name + "'");
    for (std::size_t i = 0; i < count; ++i) values.emplace_back(text.data() + i * (size + 1));
    return values;
}

void write_vector(hid_t location, const std::string& name, hid_t file_type, hid_t memory_type, const void* data,
                  hsize_t length) {
    Handle space = space_handle(H5Screate_simple(1, &length, nullptr), "make the shape of '" + name + "'");
    Handle dataset = dataset_handle(H5Dcreate2(location, name.c_str(), file_type, space.get(), kDefaultProperties,
                                               kDefaultProperties, kDefaultProperties),
                                    "create dataset '" + name + "'");
    check_status(H5Dwrite(dataset.get(), memory_type, kAllOfSpace, kAllOfSpace, kDefaultProperties, data),
                 "write dataset '" + name + "'");
    dataset.close("close dataset '" + name + "'");
}

namespace {

template <typename T>
std::vector<T> read_vector(hid_t location, const std::string& name, hid_t memory_type) {
    Handle dataset = dataset_handle(H5Dopen2(location, name.c_str(), kDefaultProperties), "open dataset '" + name + "'");
    std::vector<hsize_t> dims = dataset_dims(dataset.get(), "dataset '" + name + "'");
    if (dims.size() != 1) throw Hdf5Error("dataset '" + name + "' is not one-dimensional", {});
    std::vector<T> values(static_cast<std::size_t>(dims[0]));
    if (!values.empty())
        check_status(H5Dread(dataset.get(), memory_type, kAllOfSpace, kAllOfSpace, kDefaultProperties, values.data()),
                     "read dataset '" + name + "'");
    return values;
}

}  // namespace

std::vector<double> read_double_vector(hid_t location, const std::string& name) {
    return read_vector<double>(location, name, native_double());
}

std::vector<float> read_float_vector(hid_t location, const std::string& name) {
    return read_vector<float>(location, name, native_float());
}

std::vector<hsize_t> dataset_dims(hid_t dataset, const std::string& what) {
    Handle space = space_handle(H5Dget_space(dataset), "read the shape of " + what);
    int rank = H5Sget_simple_extent_ndims(space.get());
    if (rank < 0) throw_hdf5_error("read the shape of " + what);
    std::vector<hsize_t> dims(static_cast<std::size_t>(rank));
    if (rank > 0 && H5Sget_simple_extent_dims(space.get(), dims.data(), nullptr) < 0)
        throw_hdf5_error("read the shape of " + what);
    return dims;
}

}  // namespace plantar::session_detail
