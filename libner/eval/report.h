// The report of ner-eval in its three forms: text (conlleval's layout, byte for byte, then the
// sections asked for), JSON (for scripts) and TSV (for Makefiles and spreadsheets).
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "libner/eval/bootstrap.h"
#include "libner/eval/error_analysis.h"
#include "libner/eval/evaluation.h"
#include "libner/eval/significance.h"

namespace ner {

// Exactly what conlleval prints for these counts (lines 180-245), or its LaTeX table (-l).
std::string conlleval_report(const Summary& summary, bool latex);

enum class ReportFormat { Text, Json, Tsv };
ReportFormat parse_report_format(std::string_view name);  // text, json, tsv; UsageError otherwise

struct Report {
  std::string reading;              // "conlleval", "lenient iobes", "strict iob2"
  std::vector<std::string> inputs;  // the gold (or only) stream first
  Summary summary;
  bool latex = false;               // conlleval's -l (text only)
  bool macro = false;               // a macro-average line after conlleval's lines (text only)
  const ErrorAnalysis* errors = nullptr;
  std::size_t sentences = 0;
  std::string unit;                 // "sentences" or "documents": what the resampling draws
  std::optional<BootstrapResult> bootstrap;
  std::optional<Comparison> comparison;
  std::string compared;             // the second system's stream
  Summary summary2;                 // its counts
};

std::string format_report(const Report& report, ReportFormat format);

}  // namespace ner
