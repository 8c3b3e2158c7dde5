// Typed errors of the capture library. Library code never prints or exits; it throws one of
// these with a message a person can act on, and programs turn it into one line and an exit code.
#pragma once

#include <stdexcept>
#include <string>

namespace plantar {

struct Error : std::runtime_error {
    using std::runtime_error::runtime_error;
};

// A parameter or option that cannot work (negative rate, geometry without sensors, ...).
struct InvalidArgument : Error {
    using Error::Error;
};

// A file could not be read or written at the operating-system level (missing, permission, disk full).
struct IoError : Error {
    using Error::Error;
};

// A file exists and was read, but it is not something plantar can use. The kinds say why, so a
// program or the viewer can tell "not ours" from "ours but damaged" from "ours but too new".
struct FileFormatError : Error {
    enum class Kind { NotHdf5, NotPlantarSession, UnsupportedVersion, Corrupt, Truncated };
    Kind kind;
    FileFormatError(Kind k, const std::string& message) : Error(message), kind(k) {}
};

}  // namespace plantar
