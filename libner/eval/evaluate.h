// ner-eval's whole job, from the command line's choices to the written report, so that the tool
// itself only wires options (tools/ner-eval.cpp).
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "libner/eval/conlleval_reader.h"
#include "libner/eval/entity_counter.h"
#include "libner/eval/report.h"
#include "libner/io/log.h"

namespace ner {

struct EvalRequest {
  // None or one: conlleval's layout (the gold and the predicted label last on each line), "-"
  // or none for stdin. Two: a gold and a predicted stream in the stream format.
  std::vector<std::string> inputs;
  std::string compare;          // a second system's predictions, laid out as the first's
  ConllevalOptions conlleval;   // -d -r -o of the one-stream layout
  bool latex = false;           // -l
  std::optional<int> gold_column, predicted_column;
  EntityReadingOptions reading;
  ReportFormat format = ReportFormat::Text;
  bool macro = false;
  bool errors = false;
  std::size_t show = 0;         // examples of mistakes
  std::size_t context = 5;
  std::size_t bootstrap = 0;    // samples; 0: no confidence intervals
  bool by_document = false;
  std::size_t rounds = 10000;   // of approximate randomisation, with `compare`
  std::uint64_t seed = 1;
  std::string output = "-";
};

// Reads the input, scores it and writes the report. Throws ner::Error on bad input (nothing is
// written then) and UsageError on choices that do not go together.
void evaluate(const EvalRequest& request, const Log& log);

// The name of a reading, for reports: "conlleval", "lenient", "strict iob2".
std::string reading_name(const EntityReadingOptions& reading);

}  // namespace ner
