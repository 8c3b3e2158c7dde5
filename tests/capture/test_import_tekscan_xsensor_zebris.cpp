// Tekscan ASCII: small fixtures written here, for reading and for every malformed case.
#include "import_txz_support.hpp"

#include <algorithm>

using plantar::import::ExportFormat;
using plantar::import::read_export;

namespace {

// A 3 x 4 F-Scan-like export with two frames; `frames` replaces the data part when given.
std::string tekscan(const std::string& units = "KPa", const std::string& data = "", bool rows_line = true,
                    const std::string& eol = "\n") {
    std::string h = "DATA_TYPE MOVIE" + eol + "VERSION Tekscan 6.33" + eol + "SENSOR_TYPE FSCAN" + eol;
    if (rows_line) h += "ROWS 3" + eol;
    h += "COLS 4" + eol + "ROW_SPACING 5.08 mm" + eol + "COL_SPACING 0.508 centimeters" + eol + "SENSEL_AREA 25.8064 mm2" + eol +
         "SECONDS_PER_FRAME 0.032" + eol + "COMMENTS:" + eol + "walk p10" + eol + "START_FRAME 1" + eol + "END_FRAME 2" + eol +
         "UNITS " + units + eol + "ASCII_DATA @@" + eol + eol;
    if (!data.empty()) return h + data;
    return h + "Frame 1" + eol + "B,0,10,B" + eol + "0,20,30,0" + eol + "B,5,5,B" + eol + eol + "Frame 2" + eol + "B,1,2,B" + eol +
           "3,4,5,6" + eol + "B,7,8,B" + eol + eol + "@@" + eol;
}

}  // namespace

TEST_CASE("tekscan: a small F-Scan export reads with its outline, units and timing (LF and CRLF)") {
    for (const std::string eol : {"\n", "\r\n"}) {
        const auto path = txz::write_fixture("small.asf", tekscan("KPa", "", true, eol));
        CHECK(plantar::import::detect_export_format(path) == ExportFormat::TekscanAscii);
        std::vector<double> reported;
        const auto trials = read_export(path, std::nullopt, [&](double f) { reported.push_back(f); });
        REQUIRE(trials.size() == 1);
        const auto& t = trials[0];
        CHECK(t.header.geometry.rows == 3);
        CHECK(t.header.geometry.cols == 4);
        CHECK(t.header.geometry.pitch_y_mm == doctest::Approx(5.08));
        CHECK(t.header.geometry.pitch_x_mm == doctest::Approx(5.08));
        CHECK(t.header.geometry.sensor_area_mm2 == doctest::Approx(25.8064));
        CHECK(t.header.rate_hz == doctest::Approx(31.25));
        CHECK(t.header.original_unit == "KPa");
        CHECK(t.header.source.kind == plantar::SourceKind::Import);
        CHECK(t.header.source.name == "small.asf");
        CHECK(t.header.source.details.find("walk p10") == std::string::npos);  // comments are not kept
        const std::vector<std::uint8_t> outline{0, 1, 1, 0, 1, 1, 1, 1, 0, 1, 1, 0};
        CHECK(t.header.layout.grid_present == outline);
        REQUIRE(t.frames.size() == 2);
        CHECK(t.frames[0].sequence == 0);
        CHECK(t.frames[1].sequence == 1);
        CHECK(t.frames[1].device_time_us == 32000);
        // File row 1 (the top of the vendor's picture) becomes the last plantar row, so the
        // print is seen from above with y growing towards the toe.
        CHECK(t.frames[0].pressure_kpa[0] == 0.0f);
        CHECK(t.frames[0].pressure_kpa[10] == 10.0f);  // file row 1, column 3
        CHECK(t.frames[0].pressure_kpa[2] == 5.0f);    // file row 3, column 3
        CHECK(t.frames[1].pressure_kpa[7] == 6.0f);
        REQUIRE(!reported.empty());
        CHECK(reported.back() == 1.0);
    }
}

TEST_CASE("tekscan: I-Scan frame lines with time and extra fields, psi converted") {
    const std::string data = "Frame 1, 0,, 12/2/2019 6:21:52.34PM,,,Raw Sum=,,310\nB,0,10,B\n0,20,30,0\nB,5,5,B\n\n"
                             "Frame 2, 0.1,, 12/2/2019 6:21:52.44PM,,,Raw Sum=,,307\nB,1,2,B\n3,4,5,6\nB,7,8,B\n@@\n";
    const auto trials = read_export(txz::write_fixture("iscan.csv", tekscan("PSI", data)), ExportFormat::TekscanAscii);
    REQUIRE(trials[0].frames.size() == 2);
    CHECK(trials[0].frames[1].device_time_us == 100000);
    CHECK(trials[0].frames[0].pressure_kpa[10] == doctest::Approx(68.94757));  // file row 1, column 3
    CHECK(trials[0].header.original_unit == "PSI");
}

TEST_CASE("tekscan: UNITS raw is imported as uncalibrated counts, kept as they are and flagged") {
    for (const std::string units : {"raw", "RAW"}) {
        const auto trials = read_export(txz::write_fixture("raw.asf", tekscan(units)), ExportFormat::TekscanAscii);
        REQUIRE(trials.size() == 1);
        const auto& t = trials[0];
        CHECK(t.header.pressure_scale == plantar::PressureScale::RawCounts);
        CHECK(t.header.original_unit == "raw");
        CHECK(std::any_of(t.header.assumptions.begin(), t.header.assumptions.end(), [](const std::string& a) {
            return a.starts_with("UNITS raw") && a.find("no calibration was applied") != std::string::npos;
        }));
        REQUIRE(t.frames.size() == 2);
        CHECK(t.frames[0].pressure_kpa[10] == 10.0f);  // the counts, not converted (file row 1 is the last row)
        CHECK(t.frames[1].pressure_kpa[7] == 6.0f);
        CHECK(t.header.layout.grid_present == std::vector<std::uint8_t>{0, 1, 1, 0, 1, 1, 1, 1, 0, 1, 1, 0});
        CHECK(t.header.layout.geometry_known);
    }
    // A calibrated export says kPa.
    const auto kpa = read_export(txz::write_fixture("kpa.asf", tekscan("KPa")), ExportFormat::TekscanAscii);
    CHECK(kpa[0].header.pressure_scale == plantar::PressureScale::Kilopascal);
}

TEST_CASE("tekscan: malformed exports are refused with file, line and what was expected") {
    using txz::check_refusal;
    const auto T = ExportFormat::TekscanAscii;
    // Header: UNITS on line 14, ASCII_DATA @@ on 15, blank 16, Frame 1 on 17, its rows 18..20.
    check_refusal(txz::write_fixture("empty.asf", ""), T, 0, "empty");
    check_refusal(txz::write_fixture("norows.asf", tekscan("KPa", "", false)), T, 14, "ROWS");
    check_refusal(txz::write_fixture("unit.asf", tekscan("furlongs")), T, 14, "unknown UNITS");
    check_refusal(txz::write_fixture("rawneg.asf", tekscan("raw", "Frame 1\nB,0,10,B\n0,-2,30,0\nB,5,5,B\n@@\n")), T, 19,
                  "expected a count >= 0");
    check_refusal(txz::write_fixture("cols.asf", tekscan("KPa", "Frame 1\nB,0,10,B\n0,20,30\nB,5,5,B\n@@\n")), T, 19,
                  "4 comma-separated values");
    check_refusal(txz::write_fixture("nan.asf", tekscan("KPa", "Frame 1\nB,0,10,B\n0,2x0,30,0\nB,5,5,B\n@@\n")), T, 19,
                  "expected a pressure value or B, found '2x0'");
    check_refusal(txz::write_fixture("trunc.asf", tekscan("KPa", "Frame 1\nB,0,10,B\n0,20,30,0\n")), T, 19, "truncated frame 1");
    check_refusal(txz::write_fixture("missing.asf", tekscan("KPa", "Frame 1\nB,0,10,B\n0,20,30,0\nB,5,5,B\n@@\n")), T, 21,
                  "truncated");
    check_refusal(txz::write_fixture("outline.asf",
                                     tekscan("KPa", "Frame 1\nB,0,10,B\n0,20,30,0\nB,5,5,B\nFrame 2\nB,0,10,B\n0,20,30,0\n1,5,5,B\n@@\n")),
                  T, 24, "outline");
    check_refusal(txz::write_fixture("noheader.asf", "ROWS 3\nCOLS 4\n"), T, 2, "ASCII_DATA");
}

// ---- Zebris FDM .txt -------------------------------------------------------------------------

namespace {

// A 3-column x 2-line platform; `frames` replaces the frame blocks when given.
std::string zebris(const std::string& units = "N/cm^2", const std::string& frames = "", bool columns_line = true) {
    std::string s = "Person\t[redacted]\r\nApplication\ttrplatf\r\nExercises\t{\r\n1\tGait\t0.00\t0.02\r\n}\r\n\r\n"
                    "Time,ms\tPosition,m\tLi Kraft,N\tRe Kraft,N\r\n0\t0.0\t1.0\t0.0\r\n\r\nPlatform {\r\n";
    if (columns_line) s += "Columns\t3\r\n";
    s += "Lines\t2\r\nCell width,mm\t8.47\r\nCell height,mm\t8.46\r\nUnits\t" + units + "\r\nFrame count\t2\r\nFrequency\t100.00\r\n\r\n";
    if (!frames.empty()) return s + frames;
    return s + "Frame 1 {\r\nExercise1\r\nTime, ms\t0.00\r\nCenter of force\t(x1,y1)\r\n\r\n\tx1\tx2\tx3\r\ny1\t1.00\t2.00\t3.00\r\n"
               "y2\t4.00\t5.00\t6.00\r\n}\r\nFrame 2 {\r\nExercise1\r\nTime, ms\t10.00\r\nCenter of force\t(x1,y1)\r\n\r\n"
               "\tx1\tx2\tx3\r\ny1\t0.00\t0.00\t0.50\r\ny2\t0.00\t0.00\t0.00\r\n}\r\n";
}

const std::string kZebrisFrame1Head = "Frame 1 {\r\nExercise1\r\nTime, ms\t0.00\r\nCenter of force\t(x1,y1)\r\n\r\n\tx1\tx2\tx3\r\n";

}  // namespace

TEST_CASE("zebris: a small FDM export reads, columns along the plate become plantar rows, N/cm^2 -> kPa") {
    const auto path = txz::write_fixture("small_zebris.txt", zebris());
    CHECK(plantar::import::detect_export_format(path) == ExportFormat::ZebrisFdm);
    const auto trials = read_export(path);
    REQUIRE(trials.size() == 1);
    const auto& t = trials[0];
    CHECK(t.header.geometry.rows == 3);
    CHECK(t.header.geometry.cols == 2);
    CHECK(t.header.geometry.pitch_y_mm == doctest::Approx(8.47));
    CHECK(t.header.geometry.pitch_x_mm == doctest::Approx(8.46));
    CHECK(t.header.rate_hz == doctest::Approx(100.0));
    CHECK(t.header.original_unit == "N/cm^2");
    REQUIRE(t.frames.size() == 2);
    // file (y2, x3) = 6 N/cm^2 -> plantar (row 2, col 1) = 60 kPa
    CHECK(t.frames[0].at(t.header.geometry, 2, 1) == doctest::Approx(60.0f));
    CHECK(t.frames[0].at(t.header.geometry, 1, 0) == doctest::Approx(20.0f));
    CHECK(t.frames[1].device_time_us == 10000);
    CHECK(t.frames[1].sequence == 1);
}

TEST_CASE("zebris: malformed exports are refused with file, line and what was expected") {
    using txz::check_refusal;
    const auto Z = ExportFormat::ZebrisFdm;
    // Platform { on line 10, Columns 11, Units 15, Frame 1 { on 19, its rows y1 on 25, y2 on 26.
    check_refusal(txz::write_fixture("empty_zebris.txt", ""), Z, 0, "empty");
    check_refusal(txz::write_fixture("nocols_zebris.txt", zebris("N/cm^2", "", false)), Z, 10, "Columns");
    check_refusal(txz::write_fixture("unit_zebris.txt", zebris("furlongs")), Z, 15, "unknown Units");
    check_refusal(txz::write_fixture("cols_zebris.txt", zebris("N/cm^2", kZebrisFrame1Head + "y1\t1.00\t2.00\r\n")), Z, 25,
                  "3 tab-separated values");
    check_refusal(txz::write_fixture("nan_zebris.txt", zebris("N/cm^2", kZebrisFrame1Head + "y1\t1.00\tx\t3\r\n")), Z, 25,
                  "expected a pressure value, found 'x'");
    check_refusal(txz::write_fixture("trunc_zebris.txt", zebris("N/cm^2", kZebrisFrame1Head + "y1\t1.00\t2.00\t3.00\r\n")), Z, 25,
                  "truncated frame 1");
    check_refusal(txz::write_fixture("count_zebris.txt",
                                     zebris("N/cm^2", kZebrisFrame1Head + "y1\t1\t2\t3\r\ny2\t4\t5\t6\r\n}\r\n")),
                  Z, 27, "Frame count 2");
    check_refusal(txz::write_fixture("noplatform_zebris.txt", "Person\tx\r\nApplication\ttrplatf\r\n"), Z, 2, "Platform");
}

// ---- XSENSOR .csv ----------------------------------------------------------------------------

namespace {

std::string xsensor_sensor(const std::string& side, const std::string& rows = "Rows,2,,,\n,,,,\n",
                           const std::string& matrix = "10,0,20,,\n,,,,\n0,30,0,,\n") {
    return "SENSOR,HX210.11.31.M11-DFM-" + side + " S0073,,,\n,,,,\n" + rows + "Columns,3,,,\n,,,,\nSensel Width (cm),0.86,,,\n" +
           "Sensel Height (cm),0.86,,,\nEst. Load (N),1.0,,,\n,,,,\nSENSELS,,,,\n,,,,\n" + matrix + ",,,,\n";
}

std::string xsensor_frame(int n, const std::string& time, const std::string& left, const std::string& right,
                          const std::string& date = "2022 Aug 16") {
    return "FRAME," + std::to_string(n) + ",,,\n,,,,\nDate, " + date + ",,,\nTime, " + time + ",,,\n,,,,\n" + left + right +
           "GROUP,1,,,\nName,Left Heel,,,\nCells,36,,,\nSENSELS,,,,\n,,,,\n0,0,0,0,0,0,0\n";
}

std::string xsensor(const std::string& units = "mmHg", const std::string& frames = "") {
    const std::string head = "\xEF\xBB\xBF" "File:,\"C:\\x.XSN\",,,\n,,,,\nUnits:," + units + ",,,\n,,,,\nThreshold:,51.72,,,\n";
    if (!frames.empty()) return head + frames;
    return head + xsensor_frame(1464, "23:59:59.990", xsensor_sensor("LF"), xsensor_sensor("RF")) +
           xsensor_frame(1465, "00:00:00.003", xsensor_sensor("LF"), xsensor_sensor("RF"), "2022 Aug 17");
}

}  // namespace

TEST_CASE("xsensor: two insoles become a left and a right trial, mmHg -> kPa, time across midnight") {
    const auto path = txz::write_fixture("small_xsensor.csv", xsensor());
    CHECK(plantar::import::detect_export_format(path) == ExportFormat::XsensorCsv);
    const auto trials = read_export(path);
    REQUIRE(trials.size() == 2);
    CHECK(trials[0].header.source.details.find("left") != std::string::npos);
    CHECK(trials[1].header.source.details.find("right") != std::string::npos);
    for (const auto& t : trials) {
        CHECK(t.header.geometry.rows == 2);
        CHECK(t.header.geometry.cols == 3);
        CHECK(t.header.geometry.pitch_x_mm == doctest::Approx(8.6));
        CHECK(t.header.geometry.sensor_area_mm2 == doctest::Approx(73.96));
        CHECK(t.header.original_unit == "mmHg");
        REQUIRE(t.frames.size() == 2);
        CHECK(t.frames[1].device_time_us == 13000);
        CHECK(t.frames[1].sequence == 1);
        // File rows are stored in reverse (the print seen from above): file row 1 is plantar row 1.
        CHECK(t.frames[0].pressure_kpa[5] == doctest::Approx(20 * 0.133322));  // file row 1, column 3
        CHECK(t.frames[0].pressure_kpa[1] == doctest::Approx(30 * 0.133322));  // file row 2, column 2
        CHECK(t.header.rate_hz == doctest::Approx(1000.0 / 13.0));
    }
}

TEST_CASE("xsensor: malformed exports are refused with file, line and what was expected") {
    using txz::check_refusal;
    const auto X = ExportFormat::XsensorCsv;
    const auto one = [](const std::string& left) { return xsensor("mmHg", xsensor_frame(1, "08:00:00.000", left, "")); };
    // Units on line 3; FRAME on 6; SENSOR on 11; Rows 13; SENSELS 21; matrix rows on 23 and 25.
    check_refusal(txz::write_fixture("empty_x.csv", ""), X, 0, "empty");
    check_refusal(txz::write_fixture("unit_x.csv", xsensor("furlongs")), X, 3, "unknown Units");
    check_refusal(txz::write_fixture("norows_x.csv", one(xsensor_sensor("LF", ""))), X, 19, "Rows");
    check_refusal(txz::write_fixture("cols_x.csv", one(xsensor_sensor("LF", "Rows,2,,,\n,,,,\n", "10,0,,,\n,,,,\n0,30,0,,\n"))), X, 23,
                  "3 values (Columns)");
    check_refusal(txz::write_fixture("nan_x.csv", one(xsensor_sensor("LF", "Rows,2,,,\n,,,,\n", "10,0,20,,\n,,,,\n0,3o,0,,\n"))), X, 25,
                  "expected a pressure value, found '3o'");
    const std::string cut = "FRAME,1,,,\nDate, 2022 Aug 16,,,\nTime, 08:00:00.000,,,\n" + xsensor_sensor("LF", "Rows,2,,,\n,,,,\n", "10,0,20,,\n");
    check_refusal(txz::write_fixture("trunc_x.csv", xsensor("mmHg", cut)), X, 22, "truncated");
    const std::string missing = xsensor("mmHg", xsensor_frame(1, "08:00:00.000", xsensor_sensor("LF"), xsensor_sensor("RF")) +
                                                    xsensor_frame(2, "08:00:00.013", xsensor_sensor("LF"), ""));
    check_refusal(txz::write_fixture("missing_x.csv", missing), X, static_cast<std::size_t>(std::count(missing.begin(), missing.end(), '\n')),
                  "no SENSELS matrix");
}
