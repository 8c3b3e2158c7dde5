#include "plate_conversation.hpp"

#include <algorithm>
#include <cmath>
#include <sstream>

#include "plantar/capture/errors.hpp"

namespace plantar::usb {

using protocol::Request;

PlateIdentity plate_identity_of(const protocol::Identity& identity, const protocol::Geometry& geometry) {
    PlateIdentity out;
    out.serial = identity.serial;
    out.firmware_version = identity.firmware_version;
    out.geometry = geometry.plate_geometry();
    out.adc_bits = geometry.adc_bits;
    out.max_rate_hz = protocol::rate_from_mhz(geometry.max_rate_mhz);
    out.rate_hz = protocol::rate_from_mhz(geometry.rate_mhz);
    return out;
}

std::pair<protocol::Identity, protocol::Geometry> read_identity_and_geometry(ControlChannel& channel) {
    auto identity = protocol::decode_identity(channel.read(Request::GetIdentity, 0, protocol::kIdentitySize));
    if (identity.protocol_major != protocol::kProtocolMajor)
        throw IoError("plate " + identity.serial + " speaks protocol " + std::to_string(identity.protocol_major) + "." +
                      std::to_string(identity.protocol_minor) + "; this plantar speaks " +
                      std::to_string(protocol::kProtocolMajor) + ".x");
    auto geometry = protocol::decode_geometry(channel.read(Request::GetGeometry, 0, protocol::kGeometrySize));
    if (auto error = geometry.plate_geometry().validation_error(); !error.empty())
        throw IoError("plate " + identity.serial + " reports an unusable geometry: " + error);
    if (!protocol::is_known(geometry.format))
        throw IoError("plate " + identity.serial + " sends " + protocol::to_string(geometry.format));
    if (geometry.max_rate_mhz == 0) throw IoError("plate " + identity.serial + " reports a maximum rate of 0 Hz");
    return {identity, geometry};
}

PlateDescription read_plate_description(ControlChannel& channel) {
    auto [identity, geometry] = read_identity_and_geometry(channel);
    // Pages of kCalibrationPageSize bytes; the first announces the blob's length, so the host
    // asks for exactly what remains on each later page.
    std::vector<std::uint8_t> blob = channel.read(Request::GetCalibration, 0, protocol::kCalibrationPageSize);
    const auto length = protocol::calibration_blob_length(blob);
    if (!length) throw IoError("plate " + identity.serial + " sent a calibration without its header");
    for (std::uint16_t page = 1; blob.size() < *length; ++page) {
        const std::size_t wanted = std::min(protocol::kCalibrationPageSize, *length - blob.size());
        auto part = channel.read(Request::GetCalibration, page, static_cast<std::uint16_t>(wanted));
        if (part.size() != wanted)
            throw IoError("plate " + identity.serial + " sent calibration page " + std::to_string(page) + " short");
        blob.insert(blob.end(), part.begin(), part.end());
    }
    blob.resize(*length);
    try {
        return PlateDescription{identity, geometry, protocol::decode_calibration(blob)};
    } catch (const Error& e) {
        throw IoError("plate " + identity.serial + " calibration: " + e.what());
    }
}

void change_rate(ControlChannel& channel, const PlateDescription& plate, double rate_hz) {
    const double max_rate = protocol::rate_from_mhz(plate.geometry.max_rate_mhz);
    if (!(rate_hz > 0.0) || rate_hz > max_rate) {
        std::ostringstream text;
        text << "plate " << plate.identity.serial << " runs at 0 < rate <= " << max_rate << " Hz (asked " << rate_hz
             << " Hz)";
        throw InvalidArgument(text.str());
    }
    channel.write(Request::SetRate, 0, protocol::encode_rate(rate_hz));
}

double start_streaming(ControlChannel& channel, const PlateDescription& plate, std::optional<double> rate_hz) {
    double rate = protocol::rate_from_mhz(plate.geometry.rate_mhz);
    if (rate_hz && protocol::rate_to_mhz(*rate_hz) != plate.geometry.rate_mhz) {
        change_rate(channel, plate, *rate_hz);
        rate = *rate_hz;
    }
    channel.write(Request::Start, 0, {});
    return rate;
}

void stop_streaming(ControlChannel& channel) { channel.write(Request::Stop, 0, {}); }

std::size_t bulk_transfer_length(std::size_t frame_wire_size, std::size_t max_packet_size) {
    if (max_packet_size == 0) max_packet_size = 512;
    return (frame_wire_size / max_packet_size + 1) * max_packet_size;
}

}  // namespace plantar::usb
