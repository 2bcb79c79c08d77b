#include "libner/eval/evaluate.h"

#include <memory>

#include "libner/eval/aligned_reader.h"
#include "libner/eval/evaluation.h"
#include "libner/io/error.h"
#include "libner/io/output.h"

namespace ner {

std::string reading_name(const EntityReadingOptions& reading) {
  switch (reading.reading) {
    case EntityReading::Conlleval: return "conlleval";
    case EntityReading::Lenient: return "lenient";
    case EntityReading::Strict: return "strict " + scheme_name(reading.scheme);
  }
  return "?";
}

namespace {

void check_request(const EvalRequest& r) {
  if (r.inputs.size() > 2) throw UsageError("expected at most two inputs (GOLD and PRED), got " + std::to_string(r.inputs.size()));
  const bool two = r.inputs.size() == 2;
  if (two && (r.conlleval.raw || r.conlleval.delimiter != " " || r.conlleval.outside != "O"))
    throw UsageError("-d, -r and -o read conlleval's one-file layout; two files are read as streams");
  if (r.latex && r.format != ReportFormat::Text) throw UsageError("-l is a text report; it does not go with --format");
  if (r.show > 0 && !r.errors) throw UsageError("--show needs --errors");
  if (r.by_document && r.bootstrap == 0 && r.compare.empty())
    throw UsageError("--by chooses what --bootstrap and --compare resample; give one of them");
}

// The sentences of the request's inputs, whichever the layout.
class Sources {
 public:
  explicit Sources(const EvalRequest& r) {
    if (r.inputs.size() == 2) {
      AlignedOptions a;
      if (r.gold_column) a.gold_column = *r.gold_column;
      if (r.predicted_column) a.predicted_column = *r.predicted_column;
      source_ = std::make_unique<AlignedReader>(r.inputs[0], r.inputs[1], r.compare, a);
      return;
    }
    ConllevalOptions c = r.conlleval;
    if (r.gold_column) c.gold_column = *r.gold_column;
    if (r.predicted_column) c.predicted_column = *r.predicted_column;
    lines_ = std::make_unique<LineReader>(r.inputs.empty() ? "-" : r.inputs[0]);
    reader_ = std::make_unique<ConllevalReader>(*lines_, c);
    if (!r.compare.empty()) {
      lines2_ = std::make_unique<LineReader>(r.compare);
      reader2_ = std::make_unique<ConllevalReader>(*lines2_, c);
    }
    source_ = std::make_unique<ConllevalSentences>(*reader_, reader2_.get());
  }
  SentenceSource& get() { return *source_; }

 private:
  std::unique_ptr<LineReader> lines_, lines2_;
  std::unique_ptr<ConllevalReader> reader_, reader2_;
  std::unique_ptr<SentenceSource> source_;
};

// conlleval's job and nothing more: lines go straight from the reader to the chunk counter, with
// no sentence gathered (the hot path that `make bench` times against perl conlleval).
Summary count_conlleval_lines(const EvalRequest& r, std::size_t& sentences) {
  ConllevalOptions c = r.conlleval;
  if (r.gold_column) c.gold_column = *r.gold_column;
  if (r.predicted_column) c.predicted_column = *r.predicted_column;
  LineReader lines(r.inputs.empty() ? "-" : r.inputs[0]);
  ConllevalReader reader(lines, c);
  conlleval::ChunkCounter counter(r.reading.separator);
  ConllevalLine line;
  bool in_sentence = false;
  while (reader.next(line)) {
    if (line.boundary) {
      counter.add_boundary();
      sentences += in_sentence;
      in_sentence = false;
    } else {
      counter.add(line.gold, line.predicted);
      in_sentence = true;
    }
  }
  sentences += in_sentence;
  counter.finish();
  return summary_of(counter);
}

}  // namespace

void evaluate(const EvalRequest& r, const Log& log) {
  check_request(r);
  EvaluationOptions o;
  o.reading = r.reading;
  o.errors = r.errors;
  o.examples = r.show;
  o.context = r.context;
  o.second_system = !r.compare.empty();
  o.units = r.bootstrap > 0 || o.second_system;
  o.by_document = r.by_document;
  Evaluation evaluation(o);
  Report report;
  if (r.inputs.size() < 2 && r.reading.reading == EntityReading::Conlleval && !o.errors && !o.units) {
    report.summary = count_conlleval_lines(r, report.sentences);
  } else {
    Sources sources(r);
    LabelledSentence sentence;
    while (sources.get().next(sentence)) evaluation.add(sentence);
    evaluation.finish();
    report.summary = evaluation.summary();
    report.sentences = evaluation.sentences();
  }
  report.reading = reading_name(r.reading);
  report.inputs = r.inputs.empty() ? std::vector<std::string>{"-"} : r.inputs;
  for (auto& name : report.inputs)
    if (is_std_stream(name)) name = "<stdin>";
  if (report.summary.tokens == 0) throw Error(report.inputs[0], 0, "no tokens to score: the input is empty");
  report.latex = r.latex;
  report.macro = r.macro;
  report.errors = evaluation.errors();
  report.unit = r.by_document ? "documents" : "sentences";
  if (o.units && evaluation.units().size() < 2)
    log.warn("only " + std::to_string(evaluation.units().size()) + " " + report.unit +
             " to resample: the intervals and p-values mean nothing");
  if (r.bootstrap > 0) report.bootstrap = bootstrap(evaluation.units(), r.bootstrap, r.seed);
  if (o.second_system) {
    report.compared = r.compare;
    report.summary2 = evaluation.summary2();
    report.comparison = compare(evaluation.units(), evaluation.units2(), r.bootstrap > 0 ? r.bootstrap : 1000,
                                r.rounds, r.seed);
  }
  OutputFile out(r.output);
  out << format_report(report, r.format);
  out.commit();
}

}  // namespace ner
