// What the Trial panel says, as text: the trial and frame, then per foot (left and right side by
// side) foot type and pronation in plain words with value, thresholds, borderline mark and the
// method's source, contact times and regional peak pressures; the step(s) in stance at the frame;
// a table of the steps; balance values of a standing trial; the notes. Every value is taken from
// the TrialAnalysis as it is, never recomputed. The panel draws these strings, --screenshot
// prints them (panel_lines), and tests read them, so what is tested is what is shown.
#pragma once

#include <array>
#include <cstddef>
#include <optional>
#include <string>
#include <vector>

#include "plantar/analysis/pipeline.hpp"
#include "plantar/viz/trial_view.hpp"

namespace plantar::viz {

enum class LineStyle { Normal, Heading, Borderline, Dim };

struct PanelLine {
    std::string text;
    LineStyle style = LineStyle::Normal;
};

// One row of the steps table; the row's click jumps to first_frame.
struct StepRow {
    std::size_t step = 0;         // index into TrialAnalysis::steps
    std::size_t first_frame = 0;
    bool in_stance = false;       // in stance at the frame the text was made for
    std::array<std::string, 7> cells;  // #, side, strike s, contact s, AI, CPEI %, complete
};
inline constexpr std::array<const char*, 7> kStepColumns = {"#", "side", "strike s", "contact s", "AI", "CPEI %", "complete"};

struct AnalysisText {
    std::array<std::vector<PanelLine>, 2> feet;  // left, right; empty for a standing trial
    std::vector<PanelLine> this_step;            // the steps in stance at the frame
    std::vector<StepRow> steps;
    std::vector<PanelLine> balance;              // standing trials
    std::vector<PanelLine> notes;
};

// `frame`: the frame whose steps in stance "This step" names (nullopt: no such section).
AnalysisText analysis_text(const analysis::TrialAnalysis& trial_analysis, std::optional<std::size_t> frame);

// File, subject and trial, the frame's time and force.
std::vector<PanelLine> trial_header_text(const TrialView& view, std::size_t frame);

// Everything the Trial panel shows for `frame`, one string per line, each prefixed by its
// section ("trial: ", "left: ", "right: ", "this step: ", "step: ", "balance: ", "note: "),
// table rows with their cells joined by " | ". "analysis: Analysing... (status)" while there is none.
std::vector<std::string> panel_lines(const TrialView& view, std::size_t frame);

}  // namespace plantar::viz
