// ner-eval's readers and everything behind them (libner/eval): conlleval's one-file layout
// (ner::ConllevalReader, ner::FieldSplitter, the TAB detection), two streams side by side
// (ner::AlignedReader), a second system to compare, every entity reading, report format, error
// analysis, bootstrap and significance, through ner::evaluate as the tool calls it.
// Two-file modes take the input before the first NUL byte and the input after it.
//
// Choices (the input's last byte):
//   bits 0-1  layout: one file; one file with TAB detection; gold and predicted streams; one file
//             and a second system (--compare)
//   bits 2-3  reading: conlleval, lenient, strict iob2, strict iobes
//   bit 4     one file: -r (raw labels); two files: the gold label in column 2
//   bits 5-6  report: text, json, tsv, text with -l
//   bit 7     --errors --show 3 --macro --bootstrap 20 --by-document
#include <cstdint>

#include "fuzz_input.h"
#include "libner/eval/evaluate.h"
#include "libner/io/error.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using namespace ner;
  const fuzz::Input in(data, size);
  EvalRequest r;
  const unsigned layout = in.bits(0, 2);
  if (layout >= 2) {
    const auto [first, second] = in.split_at_nul();
    r.inputs = {fuzz::write_file("gold.txt", first)};
    const std::string other = fuzz::write_file("other.txt", second);
    if (layout == 2) r.inputs.push_back(other);
    else r.compare = other;
  } else {
    r.inputs = {fuzz::write_file("input.txt", in.text)};
    r.conlleval.detect_tabs = layout == 1;
  }
  static const EntityReading readings[] = {EntityReading::Conlleval, EntityReading::Lenient, EntityReading::Strict,
                                           EntityReading::Strict};
  r.reading.reading = readings[in.bits(2, 2)];
  r.reading.scheme = in.bits(2, 2) == 3 ? Scheme::IOBES : Scheme::IOB2;
  if (in.bit(4)) {
    if (layout == 2) r.gold_column = 2;
    else r.conlleval.raw = true;
  }
  static const ReportFormat formats[] = {ReportFormat::Text, ReportFormat::Json, ReportFormat::Tsv, ReportFormat::Text};
  r.format = formats[in.bits(5, 2)];
  r.latex = in.bits(5, 2) == 3;
  if (in.bit(7)) {
    r.errors = true;
    r.show = 3;
    r.macro = true;
    r.bootstrap = 20;
    r.by_document = true;
  }
  r.rounds = 20;
  r.output = "/dev/null";
  Log log("ner-fuzz");
  log.set_quiet(true);
  fuzz::expect_errors_only([&] { evaluate(r, log); });
  return 0;
}
