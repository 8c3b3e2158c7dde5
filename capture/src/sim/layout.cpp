#include "layout.hpp"

#include <algorithm>
#include <cmath>
#include <numbers>

namespace plantar::sim::detail {

namespace {

constexpr std::uint64_t layout_stream = 1;     // see Random: one stream per use of the seed
constexpr double walking_half_base_mm = 50.0;  // feet land ~5 cm either side of the line of progression
constexpr double walking_toe_out_deg = 7.0;
constexpr double standing_toe_out_deg = 8.0;

std::int64_t to_us(double seconds) { return std::llround(seconds * 1e6); }

// Toe-out turns the left foot's toes to -x and the right foot's to +x (see Placement).
double toe_out_angle(Side side, double degrees) { return side == Side::Left ? -degrees : degrees; }

Side other(Side side) { return side == Side::Left ? Side::Right : Side::Left; }

// Heel centre that puts the middle of the foot (half its length) at (x, y).
void heel_for_foot_centre(const FootShape& shape, double angle_deg, double x, double y, double& heel_x,
                          double& heel_y) {
    const double to_centre = shape.length() / 2.0 - shape.heel_centre_u();
    const double angle = angle_deg * std::numbers::pi / 180.0;
    heel_x = x - to_centre * std::sin(angle);
    heel_y = y - to_centre * std::cos(angle);
}

}  // namespace

// An adult with a 260 mm foot steps 450 + 200 x speed mm (690 mm at 1.2 m/s), within 500..900 mm.
// Step length grows with leg length, and foot length is a near-constant share of stature (about
// 15 %) from early childhood on, so a smaller foot takes proportionally shorter steps: a 150 mm
// foot (a child of about 3 years) steps about 400 mm at 1.2 m/s, as small children do. At the
// same speed the shorter steps come faster (a child's higher cadence).
double walking_step_length_mm(double speed_m_s, double foot_length_mm) {
    return std::clamp(450.0 + 200.0 * speed_m_s, 500.0, 900.0) * foot_length_mm / reference_foot_length_mm;
}

double walking_step_time_s(double speed_m_s, double foot_length_mm) {
    return walking_step_length_mm(speed_m_s, foot_length_mm) / 1000.0 / speed_m_s;
}

std::vector<PlannedContact> plan_contacts(const SimulationConfig& config, const FootShape& shape) {
    const PlateGeometry& plate = config.geometry;
    // The line of progression (and the middle between standing feet): the plate's centre line,
    // moved across by line_offset_mm.
    const double centre_x = (plate.cols - 1) * plate.pitch_x_mm / 2.0 + config.line_offset_mm;
    const double centre_y = (plate.rows - 1) * plate.pitch_y_mm / 2.0;
    const auto stance_us = to_us(config.stance_time_s);
    std::vector<PlannedContact> contacts;
    Random random(config.seed, layout_stream);

    if (config.scenario == Scenario::StaticStance) {
        for (Side side : {Side::Left, Side::Right}) {
            PlannedContact foot;
            foot.side = side;
            foot.standing = true;
            foot.strike_us = 0;
            foot.off_us = to_us(config.duration_s);
            foot.axis_angle_deg = toe_out_angle(side, standing_toe_out_deg);
            // stance_width_mm (default 160 mm) puts the feet a usual quiet-standing width apart.
            const double half_base = config.stance_width_mm / 2.0;
            const double x = centre_x + (side == Side::Left ? -half_base : half_base);
            heel_for_foot_centre(shape, foot.axis_angle_deg, x, centre_y, foot.heel_x_mm, foot.heel_y_mm);
            contacts.push_back(foot);
        }
        return contacts;
    }

    if (config.scenario == Scenario::SingleStep) {
        PlannedContact step;
        step.side = Side::Left;
        step.axis_angle_deg = toe_out_angle(Side::Left, walking_toe_out_deg);
        heel_for_foot_centre(shape, step.axis_angle_deg, centre_x, centre_y, step.heel_x_mm, step.heel_y_mm);
        // Early in the recording, but centred when the recording is too short for that.
        const double strike_s = std::min(0.25, std::max(0.0, (config.duration_s - config.stance_time_s) / 2.0));
        step.strike_us = to_us(strike_s);
        step.off_us = step.strike_us + stance_us;
        contacts.push_back(step);
        return contacts;
    }

    // Walk. The subject repeatedly crosses the plate in the same direction (+y): a pass starts
    // a few steps before the plate and ends a few steps after it, then the subject walks back
    // around the plate (walk_turnaround_s, nothing on the plate) and crosses again. Each pass
    // is placed so that one step lands in the middle of the plate (alternately a left and a
    // right foot), so even a 0.5 m plate gets a complete step per pass; a longer walkway gets
    // several. Positions, angles and the force curve vary a little from step to step.
    const double step_length = walking_step_length_mm(config.walking_speed_m_s, config.foot.length_mm);
    const double step_time = walking_step_time_s(config.walking_speed_m_s, config.foot.length_mm);
    const double behind_heel = shape.heel_centre_u();                     // heel centre to back of heel
    const double ahead_of_heel = shape.length() - shape.heel_centre_u();  // heel centre to toe tip
    const double plate_end_y = plate.length_mm();
    double pass_start_s = -0.5;  // the subject is already walking when the recording starts
    for (int pass = 0; pass_start_s < config.duration_s; ++pass) {
        const Side anchor_side = pass % 2 == 0 ? Side::Left : Side::Right;
        double anchor_x = 0.0, anchor_y = 0.0;
        heel_for_foot_centre(shape, toe_out_angle(anchor_side, walking_toe_out_deg), centre_x, centre_y, anchor_x,
                             anchor_y);
        anchor_y += random.uniform(-20.0, 20.0);
        // From one step wholly before the plate to one wholly after it.
        int first = 0;
        while (anchor_y + first * step_length + ahead_of_heel > -plate.pitch_y_mm) --first;
        int last = 0;
        while (anchor_y + last * step_length - behind_heel < plate_end_y + plate.pitch_y_mm) ++last;
        for (int j = first; j <= last; ++j) {
            PlannedContact step;
            step.side = (j % 2 == 0) ? anchor_side : other(anchor_side);
            const double strike_s = pass_start_s + (j - first) * step_time;
            step.strike_us = to_us(strike_s);
            step.off_us = step.strike_us + stance_us;
            step.axis_angle_deg = toe_out_angle(step.side, walking_toe_out_deg + random.uniform(-2.0, 2.0));
            const double side_offset = step.side == Side::Left ? -walking_half_base_mm : walking_half_base_mm;
            step.heel_x_mm = centre_x + side_offset + random.uniform(-6.0, 6.0);
            step.heel_y_mm = anchor_y + j * step_length + (j == 0 ? 0.0 : random.uniform(-15.0, 15.0));
            step.gait.first_harmonic *= random.uniform(0.97, 1.03);
            step.gait.third_harmonic *= random.uniform(0.94, 1.06);
            contacts.push_back(step);
        }
        pass_start_s += (last - first) * step_time + config.stance_time_s + walk_turnaround_s;
    }
    return contacts;
}

}  // namespace plantar::sim::detail
