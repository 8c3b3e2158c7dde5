#include "plantar/capture/daemon/control_protocol.hpp"

namespace plantar::daemon {

namespace {

using nlohmann::json;

// Reads a field of a request, naming it when it is missing or of the wrong type, so that a
// client's author sees what to fix.
template <typename T>
T required_field(const json& object, const char* name, const char* type_name) {
    auto it = object.find(name);
    if (it == object.end())
        throw DaemonRequestError("bad_request", std::string("missing field '") + name + "' (" + type_name + ")");
    try {
        return it->get<T>();
    } catch (const json::exception&) {
        throw DaemonRequestError("bad_request",
                                 std::string("field '") + name + "' must be " + type_name + ", not " + it->dump());
    }
}

template <typename T>
std::optional<T> optional_field(const json& object, const char* name, const char* type_name) {
    if (!object.contains(name) || object.at(name).is_null()) return std::nullopt;
    return required_field<T>(object, name, type_name);
}

json subject_to_json(const Subject& subject) {
    json out{{"id", subject.id}};
    if (subject.body_mass_kg) out["body_mass_kg"] = *subject.body_mass_kg;
    if (subject.height_cm) out["height_cm"] = *subject.height_cm;
    if (subject.birth_year) out["birth_year"] = *subject.birth_year;
    if (!subject.sex.empty()) out["sex"] = subject.sex;
    if (!subject.notes.empty()) out["notes"] = subject.notes;
    return out;
}

Subject subject_from_json(const json& object) {
    if (!object.is_object())
        throw DaemonRequestError("bad_request", "field 'subject' must be an object like {\"id\": \"S-0001\"}");
    Subject subject;
    subject.id = required_field<std::string>(object, "id", "a string");
    subject.body_mass_kg = optional_field<double>(object, "body_mass_kg", "a number (kg)");
    subject.height_cm = optional_field<double>(object, "height_cm", "a number (cm)");
    subject.birth_year = optional_field<int>(object, "birth_year", "an integer");
    subject.sex = optional_field<std::string>(object, "sex", "a string").value_or("");
    subject.notes = optional_field<std::string>(object, "notes", "a string").value_or("");
    return subject;
}

}  // namespace

std::string to_string(FileMode mode) {
    switch (mode) {
        case FileMode::Create:
            return "create";
        case FileMode::Overwrite:
            return "overwrite";
        case FileMode::Append:
            return "append";
    }
    return "create";
}

std::optional<FileMode> file_mode_from_string(const std::string& text) {
    if (text == "create") return FileMode::Create;
    if (text == "overwrite") return FileMode::Overwrite;
    if (text == "append") return FileMode::Append;
    return std::nullopt;
}

std::string to_string(RecordingState state) {
    switch (state) {
        case RecordingState::Idle:
            return "idle";
        case RecordingState::Recording:
            return "recording";
        case RecordingState::Stopping:
            return "stopping";
        case RecordingState::Stopped:
            return "stopped";
    }
    return "idle";
}

json to_json(const PlateGeometry& geometry) {
    return {{"rows", geometry.rows},
            {"cols", geometry.cols},
            {"pitch_x_mm", geometry.pitch_x_mm},
            {"pitch_y_mm", geometry.pitch_y_mm},
            {"sensor_area_mm2", geometry.sensor_area_mm2}};
}

PlateGeometry geometry_from_json(const json& object) {
    PlateGeometry geometry;
    geometry.rows = object.value("rows", 0);
    geometry.cols = object.value("cols", 0);
    geometry.pitch_x_mm = object.value("pitch_x_mm", 0.0);
    geometry.pitch_y_mm = object.value("pitch_y_mm", 0.0);
    geometry.sensor_area_mm2 = object.value("sensor_area_mm2", 0.0);
    return geometry;
}

json to_json(const RecordingRequest& request) {
    json out{{"request", "start_recording"},
             {"file", request.file},
             {"kind", to_string(request.kind)},
             {"mode", to_string(request.mode)}};
    if (!request.subject.id.empty()) out["subject"] = subject_to_json(request.subject);
    if (!request.notes.empty()) out["notes"] = request.notes;
    return out;
}

RecordingRequest recording_request_from_json(const json& object) {
    RecordingRequest request;
    request.file = required_field<std::string>(object, "file", "a string (a path on the daemon's machine)");
    if (request.file.empty()) throw DaemonRequestError("bad_request", "field 'file' is empty: name the session file");
    auto mode_text = optional_field<std::string>(object, "mode", "a string").value_or("create");
    auto mode = file_mode_from_string(mode_text);
    if (!mode)
        throw DaemonRequestError("bad_request", "field 'mode' is '" + mode_text + "'; use create, overwrite or append");
    request.mode = *mode;
    auto kind_text = optional_field<std::string>(object, "kind", "a string").value_or("walk");
    auto kind = trial_kind_from_string(kind_text);
    if (!kind) throw DaemonRequestError("bad_request", "field 'kind' is '" + kind_text + "'; use static, walk or step");
    request.kind = *kind;
    if (object.contains("subject")) {
        const auto& subject = object.at("subject");
        // A bare string is the subject id, the common case for a command line.
        if (subject.is_string())
            request.subject.id = subject.get<std::string>();
        else
            request.subject = subject_from_json(subject);
    }
    if (request.mode != FileMode::Append && request.subject.id.empty())
        throw DaemonRequestError("bad_request",
                                 "missing field 'subject' (a new session needs a subject id, e.g. \"S-0001\")");
    request.notes = optional_field<std::string>(object, "notes", "a string").value_or("");
    return request;
}

json to_json(const RecordingStatus& r) {
    return {{"state", to_string(r.state)},
            {"file", r.file},
            {"trial", r.trial},
            {"frames", r.frames},
            {"first_sequence", r.first_sequence},
            {"elapsed_s", r.elapsed_s},
            {"stop_reason", r.stop_reason},
            {"error", r.error},
            {"queue_depth", r.queue_depth},
            {"queue_bound", r.queue_bound},
            {"queue_high_water", r.queue_high_water}};
}

RecordingStatus recording_status_from_json(const json& object) {
    RecordingStatus r;
    auto state = object.value("state", std::string("idle"));
    if (state == "recording")
        r.state = RecordingState::Recording;
    else if (state == "stopping")
        r.state = RecordingState::Stopping;
    else if (state == "stopped")
        r.state = RecordingState::Stopped;
    r.file = object.value("file", std::string());
    r.trial = object.value("trial", -1);
    r.frames = object.value("frames", std::uint64_t{0});
    r.first_sequence = object.value("first_sequence", std::uint64_t{0});
    r.elapsed_s = object.value("elapsed_s", 0.0);
    r.stop_reason = object.value("stop_reason", std::string());
    r.error = object.value("error", std::string());
    r.queue_depth = object.value("queue_depth", std::size_t{0});
    r.queue_bound = object.value("queue_bound", std::size_t{0});
    r.queue_high_water = object.value("queue_high_water", std::size_t{0});
    return r;
}

json to_json(const DaemonStatus& s) {
    json clients = json::array();
    for (const auto& c : s.clients)
        clients.push_back({{"id", c.id},
                           {"frames_sent", c.frames_sent},
                           {"frames_skipped", c.frames_skipped},
                           {"waiting", c.waiting},
                           {"idle_s", c.idle_s}});
    const auto& k = s.counters;
    return {{"ok", true},
            {"protocol_version", kControlProtocolVersion},
            {"daemon",
             {{"version", s.version},
              {"pid", s.pid},
              {"uptime_s", s.uptime_s},
              {"control_endpoint", s.control_endpoint},
              {"stream_endpoint", s.stream_endpoint}}},
            {"source",
             {{"kind", to_string(s.source.kind)},
              {"name", s.source.name},
              {"details", s.source.details},
              {"state", to_string(s.device_state)},
              {"rate_hz", s.rate_hz},
              {"geometry", to_json(s.geometry)},
              {"last_problem", s.last_problem}}},
            {"counters",
             {{"frames_received", k.frames_received},
              {"frames_published", k.frames_published},
              {"frames_sent", k.frames_sent},
              {"frames_recorded", k.frames_recorded},
              {"frames_skipped_by_clients", k.frames_skipped_by_clients},
              {"corrupt_packets", k.corrupt_packets},
              {"sequence_gaps", k.sequence_gaps},
              {"frames_missed", k.frames_missed},
              {"device_losses", k.device_losses},
              {"frames_dropped_by_source", k.frames_dropped_by_source}}},
            {"recording", to_json(s.recording)},
            {"clients", clients}};
}

DaemonStatus status_from_json(const json& object) {
    try {
        DaemonStatus s;
        const auto& daemon = object.at("daemon");
        s.version = daemon.value("version", std::string());
        s.pid = daemon.value("pid", 0L);
        s.uptime_s = daemon.value("uptime_s", 0.0);
        s.control_endpoint = daemon.value("control_endpoint", std::string());
        s.stream_endpoint = daemon.value("stream_endpoint", std::string());
        const auto& source = object.at("source");
        s.source.kind = source_kind_from_string(source.value("kind", std::string())).value_or(SourceKind::Device);
        s.source.name = source.value("name", std::string());
        s.source.details = source.value("details", std::string());
        auto state = source.value("state", std::string());
        for (auto candidate : {DeviceState::Searching, DeviceState::Streaming, DeviceState::Lost, DeviceState::Ended})
            if (to_string(candidate) == state) s.device_state = candidate;
        s.rate_hz = source.value("rate_hz", 0.0);
        s.geometry = geometry_from_json(source.value("geometry", json::object()));
        s.last_problem = source.value("last_problem", std::string());
        const auto& k = object.at("counters");
        s.counters.frames_received = k.value("frames_received", std::uint64_t{0});
        s.counters.frames_published = k.value("frames_published", std::uint64_t{0});
        s.counters.frames_sent = k.value("frames_sent", std::uint64_t{0});
        s.counters.frames_recorded = k.value("frames_recorded", std::uint64_t{0});
        s.counters.frames_skipped_by_clients = k.value("frames_skipped_by_clients", std::uint64_t{0});
        s.counters.corrupt_packets = k.value("corrupt_packets", std::uint64_t{0});
        s.counters.sequence_gaps = k.value("sequence_gaps", std::uint64_t{0});
        s.counters.frames_missed = k.value("frames_missed", std::uint64_t{0});
        s.counters.device_losses = k.value("device_losses", std::uint64_t{0});
        s.counters.frames_dropped_by_source = k.value("frames_dropped_by_source", std::uint64_t{0});
        s.recording = recording_status_from_json(object.at("recording"));
        for (const auto& c : object.value("clients", json::array()))
            s.clients.push_back({c.value("id", std::string()), c.value("frames_sent", std::uint64_t{0}),
                                 c.value("frames_skipped", std::uint64_t{0}), c.value("waiting", false),
                                 c.value("idle_s", 0.0)});
        return s;
    } catch (const json::exception& e) {
        throw DaemonRequestError("bad_reply",
                                 std::string("plantard sent a status this client cannot read: ") + e.what());
    }
}

json error_reply(const std::string& kind, const std::string& message) {
    return {{"ok", false}, {"error", message}, {"error_kind", kind}, {"protocol_version", kControlProtocolVersion}};
}

}  // namespace plantar::daemon
