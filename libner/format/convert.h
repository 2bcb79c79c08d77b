// ner-convert as a library call: read documents or sentences in one format, write them in another.
//
//   ner::ConvertOptions options;
//   options.from = ner::Format::Ccks;
//   options.to = ner::Format::Conll;
//   options.inputs = {"part1.txt", "part2.txt"};
//   options.output = "train.conll";
//   ner::CorpusStats stats = ner::convert(options, log);
//
// Span formats (ccks, jsonl, brat, cblue) go through ner::Document; conll to conll rewrites the
// label column in place (relabel.h). What a conversion changes or drops is reported through the
// Log when it ends; bad input throws ner::Error (file:line) and leaves no output behind.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "libner/format/columns.h"
#include "libner/format/label_map.h"
#include "libner/format/overlaps.h"
#include "libner/format/stats.h"
#include "libner/format/tally.h"
#include "libner/io/log.h"
#include "libner/scheme/scheme.h"

namespace ner {

enum class Format { Conll, Ccks, Jsonl, Brat, Cblue };

Format parse_format(std::string_view name);  // conll, ccks, jsonl, brat, cblue; throws UsageError
std::string format_name(Format format);
std::vector<std::string> format_names();
bool is_span_format(Format format);  // everything but conll

struct ConvertOptions {
  Format from = Format::Conll;
  std::optional<Format> to;         // none: read and count only (--stats)
  std::vector<std::string> inputs;  // none: stdin; brat: folders (or .txt files)
  std::string output = "-";         // brat: a folder

  // Reading the stream (conll input).
  ColumnDialect dialect;            // --from-scheme, --label-sep, --strip-position-digit
  std::string joiner;               // between tokens when the stream has no offsets
  bool repair = false;              // ill-formed labels are expected: count them, do not warn

  // Writing.
  Scheme to_scheme = Scheme::IOB2;
  long max_len = -1;                // split documents into sentences (span formats to conll)
  OverlapPolicy overlaps = OverlapPolicy::Longest;
  LabelMap map;
  bool stats = false;               // collect CorpusStats
};

// Throws UsageError when the options contradict each other (cblue output, brat to stdout,
// --max-len without span input and conll output, --overlaps keep with conll output).
void check_options(const ConvertOptions& options);

// What a conversion changed or dropped (each also reported through the Log), and its statistics.
struct ConvertReport {
  std::size_t documents = 0;  // read (span formats and conll read as documents)
  std::size_t sentences = 0;  // read (conll to conll)
  Tally ill_formed;           // labels that break --from-scheme (first_problem says how)
  std::string first_problem;
  Tally refitted;             // stream tokens whose text does not fill their offsets
  Tally restarted;            // stream sentences whose offsets go back: documents of their own
  Tally discontinuous;        // brat entities in fragments, skipped
  Tally moved, unmatched;     // cblue mentions not at their offset: moved, or dropped
  Tally unmapped;             // entities whose type --map maps to nothing
  Tally trimmed, blank;       // the whitespace rule (conll_spans.h): trimmed, dropped
  Tally duplicates, overlapping;  // overlaps.h: removed, dropped
  Tally widened, collided, cut;   // conll output: stretched to tokens, dropped after, cut by --max-len
  // What was written (or would be, with no `to`): the stream's documents, sentences and tokens
  // when the output is conll (or none); for span outputs one sentence per document and its
  // tokens by ner::tokenize. Filled only with ConvertOptions::stats.
  CorpusStats stats;

  void print(const ConvertOptions& options, const Log& log) const;
};

// Runs the conversion, reports through `log` what it changed or dropped, and returns the report.
ConvertReport convert(const ConvertOptions& options, const Log& log);

}  // namespace ner
