// ner-eval: entity-level scores of predicted labels against gold labels; conlleval's report byte
// for byte by default. All the work is ner::evaluate (libner/eval/evaluate.h).
#include "libner/cli/tool.h"
#include "libner/eval/evaluate.h"
#include "libner/io/error.h"

int main(int argc, char** argv) {
  ner::cli::Tool tool("ner-eval", "Score predicted entities against gold ones (conlleval, strict schemes, errors, significance)");
  auto& app = tool.app();
  ner::EvalRequest request;
  std::string scheme, separator = "-", format = "text", by = "sentence";
  bool strict = false;
  int gold_column = 0, predicted_column = 0;

  app.add_option("files", request.inputs,
                 "One file (or none, or -: stdin) in conlleval's layout, gold and predicted label last on each "
                 "line; or two files GOLD PRED in the stream format, aligned token by token")
      ->type_name("FILE");
  app.add_flag("-l", request.latex, "conlleval: print the LaTeX table");
  app.add_flag("-r", request.conlleval.raw, "conlleval: labels are bare types, every token its own entity");
  auto* delimiter_opt = app.add_option("-d", request.conlleval.delimiter, "conlleval: the field delimiter, a Perl regex (default a space; -d '\\t' for TAB)")
      ->type_name("DELIM");
  app.add_option("-o", request.conlleval.outside, "conlleval: the outside label of -r input (default O)")->type_name("OTAG");
  auto* gold_opt = app.add_option("--gold-column", gold_column,
                                  "The gold label column, from 1 or from the end when negative (default: second last of "
                                  "one file, last of GOLD)")
                       ->type_name("N");
  auto* pred_opt = app.add_option("--pred-column", predicted_column,
                                  "The predicted label column (default: the last)")
                       ->type_name("N");
  app.add_option("--scheme", scheme,
                 "Read labels in this scheme (iob1 iob2 ioe1 ioe2 iobes bilou bmes): S M L U understood, leniently "
                 "unless --strict")
      ->type_name("S");
  app.add_flag("--strict", strict, "seqeval's strict mode: only what --scheme allows makes an entity");
  app.add_option("--separator", separator, "Between prefix and type in labels (default -; _ for B_disease)")->type_name("C");
  app.add_option("--format", format, "Report as text (conlleval's), json or tsv")
      ->type_name("F")
      ->check(CLI::IsMember({"text", "json", "tsv"}));
  app.add_flag("--macro", request.macro, "Text: add the macro average (mean of the per-type scores)");
  app.add_option("--output", request.output, "Write the report here (default -: stdout)")->type_name("FILE");
  app.add_flag("--errors", request.errors,
               "Classify mistakes (wrong type, wrong boundary, both, missed, spurious) and print a confusion matrix");
  app.add_option("--show", request.show, "Print the first N mistakes with their context (implies --errors)")->type_name("N");
  app.add_option("--context", request.context, "Tokens of context on each side of an example (default 5)")->type_name("K");
  app.add_option("--bootstrap", request.bootstrap, "95% confidence intervals from N bootstrap samples")->type_name("N");
  app.add_option("--by", by, "What --bootstrap and --compare resample: sentence (default) or document")
      ->type_name("UNIT")
      ->check(CLI::IsMember({"sentence", "document"}));
  app.add_option("--compare", request.compare,
                 "A second system's predictions (laid out as the first's): paired bootstrap and approximate "
                 "randomisation tests of the F1 difference")
      ->type_name("PRED2");
  app.add_option("--rounds", request.rounds, "Rounds of approximate randomisation (default 10000)")->type_name("N");
  app.add_option("--seed", request.seed, "Seed of the resampling (default 1); the same seed gives the same figures")
      ->type_name("N");
  app.footer(
      "Readings of labels:\n"
      "  default     conlleval's, exactly: its report byte for byte (-d -r -o -l as conlleval).\n"
      "              A chunk starts at B, at I or E after O, at a change of type; S M L U mean\n"
      "              nothing to it (S-X S-X is one entity). Ill-formed runs still make entities:\n"
      "              `O I-PER I-PER` is one PER.\n"
      "  --scheme S  lenient: S M L U and E understood; ill-formed runs still make entities.\n"
      "  --strict    seqeval's strict mode (mode='strict'): only what the scheme allows is an\n"
      "              entity. An ill-formed run (`O I-PER` in iob2, `B-PER I-PER O` in iobes) is\n"
      "              no entity at all: never found, never correct, where the default reads it\n"
      "              as one that may match a gold entity. A prefix the scheme does not use\n"
      "              (S-X in iob2) is an error.\n"
      "One file: -DOCSTART- lines are tokens (as conlleval counts them) and -X- or empty lines end\n"
      "sentences. Without -d, input whose first line has TABs and no space-separated second field\n"
      "(where conlleval stops with an error) is read TAB-separated, `#` comment lines skipped.\n"
      "Two files: the stream format; comments and -DOCSTART- are not tokens.\n"
      "The exit status is 0 whatever the score; 1 on bad input, 2 on a bad command line.\n"
      "Examples:\n"
      "  ner-eval < tagged.txt                        # as perl conlleval < tagged.txt\n"
      "  ner-eval gold.conll pred.conll --strict --scheme iob2 --format json\n"
      "  ner-eval gold.conll a.conll --compare b.conll --errors --show 10");

  return tool.run(argc, argv, [&] {
    request.conlleval.detect_tabs = delimiter_opt->count() == 0;
    if (gold_opt->count()) request.gold_column = gold_column;
    if (pred_opt->count()) request.predicted_column = predicted_column;
    if ((gold_opt->count() && gold_column == 0) || (pred_opt->count() && predicted_column == 0))
      throw ner::UsageError("columns count from 1 (or from the end when negative); 0 is none");
    if (separator.size() != 1) throw ner::UsageError("--separator takes one character");
    request.reading.separator = separator[0];
    if (strict && scheme.empty()) throw ner::UsageError("--strict needs --scheme");
    if (!scheme.empty()) {
      request.reading.scheme = ner::parse_scheme(scheme);
      request.reading.reading = strict ? ner::EntityReading::Strict : ner::EntityReading::Lenient;
    }
    request.format = ner::parse_report_format(format);
    if (request.show > 0) request.errors = true;
    request.by_document = by == "document";
    ner::evaluate(request, tool.log());
    return 0;
  });
}
