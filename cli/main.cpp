// plantar: the command-line tool. Thin by design: each subcommand lives in its own file.
#include <CLI/CLI.hpp>
#include <cstdio>
#include <exception>

#include "commands.hpp"
#include "plantar/capture/errors.hpp"

int main(int argc, char** argv) {
    CLI::App app{"plantar " PLANTAR_VERSION " - open-source foot-pressure plate tool", "plantar"};
    app.set_version_flag("--version", "plantar " PLANTAR_VERSION);
    app.require_subcommand(1);
    app.footer("Run 'plantar COMMAND --help' for the options of a command.");
    plantar::cli::add_simulate_command(app);
    plantar::cli::add_info_command(app);
    plantar::cli::add_export_command(app);
    plantar::cli::add_import_command(app);
    plantar::cli::add_devices_command(app);
    plantar::cli::add_record_command(app);
    plantar::cli::add_status_command(app);
    plantar::cli::add_analyze_command(app);
    try {
        app.parse(argc, argv);
    } catch (const CLI::ParseError& e) {
        return app.exit(e);
    } catch (const plantar::Error& e) {
        std::fprintf(stderr, "plantar: error: %s\n", e.what());
        return 1;
    } catch (const std::exception& e) {
        std::fprintf(stderr, "plantar: error: %s\n", e.what());
        return 1;
    }
    return 0;
}
