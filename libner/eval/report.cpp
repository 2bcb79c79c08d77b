#include "libner/eval/report.h"

#include <algorithm>
#include <cstdarg>
#include <cstdio>
#include <map>

#include <nlohmann/json.hpp>

#include "libner/io/error.h"

namespace ner {

namespace {

void appendf(std::string& out, const char* format, ...) __attribute__((format(printf, 2, 3)));

void appendf(std::string& out, const char* format, ...) {
  char small[512];
  va_list args;
  va_start(args, format);
  va_list again;
  va_copy(again, args);
  const int n = std::vsnprintf(small, sizeof small, format, args);
  va_end(args);
  if (n < 0) {
    va_end(again);
    return;
  }
  if (static_cast<std::size_t>(n) < sizeof small) {
    out.append(small, static_cast<std::size_t>(n));
  } else {
    std::string big(static_cast<std::size_t>(n) + 1, '\0');
    std::vsnprintf(big.data(), big.size(), format, again);
    out.append(big.data(), static_cast<std::size_t>(n));
  }
  va_end(again);
}

// Lines 199-206: the keys of %foundCorrect and %foundGuessed sorted together, each printed once
// -- except that `not($lastType)` is true for "" (and "0"), so a type "" that both sides found
// is printed twice. conlleval does it; so do we.
std::vector<std::string> conlleval_types(const Summary& s) {
  std::vector<std::string> keys;
  for (const auto& [type, c] : s.by_type)
    if (c.gold > 0) keys.push_back(type);
  for (const auto& [type, c] : s.by_type)
    if (c.predicted > 0) keys.push_back(type);
  std::sort(keys.begin(), keys.end());
  std::vector<std::string> sorted;
  const std::string* last = nullptr;
  for (const auto& k : keys) {
    const bool last_false = !last || last->empty() || *last == "0";
    if (last_false || *last != k) sorted.push_back(k);
    last = &k;
  }
  return sorted;
}

const TypeCounts& counts_of(const Summary& s, const std::string& type) {
  static const TypeCounts none;
  auto it = s.by_type.find(type);
  return it == s.by_type.end() ? none : it->second;
}

}  // namespace

std::string conlleval_report(const Summary& s, bool latex) {
  std::string out;
  const TypeCounts t = s.total();
  const Scores overall = scores_of(t);
  const auto types = conlleval_types(s);
  if (!latex) {
    appendf(out, "processed %zu tokens with %zu phrases; found: %zu phrases; correct: %zu.\n", s.tokens, t.gold,
            t.predicted, t.correct);
    if (s.tokens > 0) {
      appendf(out, "accuracy: %6.2f%%; ", 100.0 * static_cast<double>(s.correct_tokens) / static_cast<double>(s.tokens));
      appendf(out, "precision: %6.2f%%; ", overall.precision);
      appendf(out, "recall: %6.2f%%; ", overall.recall);
      appendf(out, "FB1: %6.2f\n", overall.f1);
    }
    for (const auto& type : types) {
      const TypeCounts& c = counts_of(s, type);
      const Scores sc = scores_of(c);
      appendf(out, "%17s: ", type.c_str());
      appendf(out, "precision: %6.2f%%; ", sc.precision);
      appendf(out, "recall: %6.2f%%; ", sc.recall);
      appendf(out, "FB1: %6.2f  %zu\n", sc.f1, c.predicted);
    }
    return out;
  }
  out += "        & Precision &  Recall  & F$_{\\beta=1} \\\\\\hline";
  for (const auto& type : types) {
    const Scores sc = scores_of(counts_of(s, type));
    appendf(out, "\n%-7s &  %6.2f\\%% & %6.2f\\%% & %6.2f \\\\", type.c_str(), sc.precision, sc.recall, sc.f1);
  }
  out += "\\hline\n";
  appendf(out, "Overall &  %6.2f\\%% & %6.2f\\%% & %6.2f \\\\\\hline\n", overall.precision, overall.recall, overall.f1);
  return out;
}

ReportFormat parse_report_format(std::string_view name) {
  if (name == "text") return ReportFormat::Text;
  if (name == "json") return ReportFormat::Json;
  if (name == "tsv") return ReportFormat::Tsv;
  throw UsageError("unknown report format '" + std::string(name) + "' (expected text, json or tsv)");
}

namespace {

const ErrorKind kKinds[] = {ErrorKind::WrongType, ErrorKind::WrongBoundary, ErrorKind::WrongTypeAndBoundary,
                            ErrorKind::Missed, ErrorKind::Spurious};

std::string none_as_o(const std::string& type) { return type.empty() ? "O" : type; }

// The types of the confusion matrix: every type met on either side, then "" (no entity).
std::vector<std::string> confusion_types(const ErrorAnalysis& e) {
  std::map<std::string, bool> seen;
  for (const auto& [g, row] : e.confusion()) {
    if (!g.empty()) seen[g] = true;
    for (const auto& [p, n] : row)
      if (!p.empty()) seen[p] = true;
  }
  std::vector<std::string> types;
  for (const auto& [t, _] : seen) types.push_back(t);
  types.push_back("");
  return types;
}

std::size_t confusion_at(const ErrorAnalysis& e, const std::string& g, const std::string& p) {
  auto row = e.confusion().find(g);
  if (row == e.confusion().end()) return 0;
  auto cell = row->second.find(p);
  return cell == row->second.end() ? 0 : cell->second;
}

// --- text -------------------------------------------------------------------------------------

void text_macro(std::string& out, const Summary& s) {
  const Scores m = s.macro();
  appendf(out, "%17s: precision: %6.2f%%; recall: %6.2f%%; FB1: %6.2f\n", "macro average", m.precision, m.recall, m.f1);
}

void text_errors(std::string& out, const ErrorAnalysis& e) {
  out += "\nerrors by type (gold type; predicted type for spurious entities):\n";
  appendf(out, "%17s %8s %11s %15s %20s %8s %9s\n", "type", "correct", "wrong type", "wrong boundary",
          "wrong type+boundary", "missed", "spurious");
  auto row = [&](const std::string& name, const ErrorCounts& c) {
    appendf(out, "%17s %8zu %11zu %15zu %20zu %8zu %9zu\n", name.c_str(), c.correct, c.wrong_type, c.wrong_boundary,
            c.wrong_type_and_boundary, c.missed, c.spurious);
  };
  for (const auto& [type, c] : e.by_type()) row(type, c);
  row("total", e.total());

  const auto types = confusion_types(e);
  out += "\nconfusion (rows: gold type, columns: predicted type; O: no entity):\n";
  std::size_t width = 6;
  for (const auto& t : types) width = std::max(width, none_as_o(t).size() + 1);
  for (const auto& [g, r] : e.confusion())
    for (const auto& [p, n] : r) width = std::max(width, std::to_string(n).size() + 1);
  const int w = static_cast<int>(width);
  appendf(out, "%17s", "");
  for (const auto& p : types) appendf(out, " %*s", w, none_as_o(p).c_str());
  out += '\n';
  for (const auto& g : types) {
    appendf(out, "%17s", none_as_o(g).c_str());
    for (const auto& p : types) {
      if (g.empty() && p.empty()) {
        appendf(out, " %*s", w, "-");
      } else {
        appendf(out, " %*zu", w, confusion_at(e, g, p));
      }
    }
    out += '\n';
  }
  if (e.examples().empty()) return;
  out += "\nexamples (gold entity in [ ], predicted in { }):\n";
  std::size_t k = 0;
  for (const auto& x : e.examples()) {
    appendf(out, "%zu. %s at %s:%zu\n", ++k, error_kind_name(x.kind), x.source.c_str(), x.line);
    if (!x.gold_type.empty()) appendf(out, "   gold:      %s \"%s\"\n", x.gold_type.c_str(), x.gold_text.c_str());
    if (!x.predicted_type.empty())
      appendf(out, "   predicted: %s \"%s\"\n", x.predicted_type.c_str(), x.predicted_text.c_str());
    appendf(out, "   context:   %s\n", x.context.c_str());
  }
}

void text_bootstrap(std::string& out, const Report& r) {
  const auto& b = *r.bootstrap;
  appendf(out, "\nbootstrap: 95%% confidence intervals from %zu samples of %zu %s (seed %llu):\n", b.samples, b.units,
          r.unit.c_str(), static_cast<unsigned long long>(b.seed));
  auto line = [&](const char* name, const Interval& iv) {
    appendf(out, "%17s: %6.2f  [%6.2f, %6.2f]\n", name, iv.value, iv.low, iv.high);
  };
  line("precision", b.precision);
  line("recall", b.recall);
  line("FB1", b.f1);
  line("macro FB1", b.macro_f1);
}

void text_comparison(std::string& out, const Report& r) {
  const auto& c = *r.comparison;
  appendf(out, "\ncomparison of %s (A) with %s (B) on %zu %s (seed %llu):\n",
          r.inputs.size() > 1 ? r.inputs[1].c_str() : r.inputs[0].c_str(), r.compared.c_str(), c.units, r.unit.c_str(),
          static_cast<unsigned long long>(c.seed));
  appendf(out, "%17s: A %6.2f  B %6.2f  A-B %+6.2f", "FB1", c.f1_a, c.f1_b, c.difference.value);
  if (c.samples) appendf(out, "  [%+6.2f, %+6.2f]", c.difference.low, c.difference.high);
  out += '\n';
  if (c.rounds)
    appendf(out, "%17s: p = %.4f (approximate randomisation, %zu rounds, two-sided)\n", "p-value", c.p_randomization,
            c.rounds);
  if (c.samples) {
    // No sample beyond twice the difference: p is below the resolution of the samples.
    if (c.p_bootstrap > 0) {
      appendf(out, "%17s: p = %.4f", "p-value", c.p_bootstrap);
    } else {
      appendf(out, "%17s: p < %.4f", "p-value", 1.0 / static_cast<double>(c.samples));
    }
    appendf(out, " (paired bootstrap, %zu samples, one-sided)\n", c.samples);
  }
}

std::string text(const Report& r) {
  std::string out = conlleval_report(r.summary, r.latex);
  if (r.macro) text_macro(out, r.summary);
  if (r.errors) text_errors(out, *r.errors);
  if (r.bootstrap) text_bootstrap(out, r);
  if (r.comparison) text_comparison(out, r);
  return out;
}

// --- JSON -------------------------------------------------------------------------------------

nlohmann::ordered_json scores_json(const TypeCounts& c) {
  const Scores s = scores_of(c);
  return {{"precision", s.precision}, {"recall", s.recall}, {"f1", s.f1},
          {"gold", c.gold},           {"predicted", c.predicted}, {"correct", c.correct}};
}

nlohmann::ordered_json interval_json(const Interval& iv) {
  return {{"value", iv.value}, {"low", iv.low}, {"high", iv.high}};
}

nlohmann::ordered_json summary_json(const Summary& s) {
  nlohmann::ordered_json j;
  j["tokens"] = s.tokens;
  j["accuracy"] = s.tokens ? 100.0 * static_cast<double>(s.correct_tokens) / static_cast<double>(s.tokens) : 0.0;
  j["micro"] = scores_json(s.total());
  const Scores m = s.macro();
  j["macro"] = {{"precision", m.precision}, {"recall", m.recall}, {"f1", m.f1}};
  j["types"] = nlohmann::ordered_json::object();
  for (const auto& [type, c] : s.by_type) j["types"][type] = scores_json(c);
  return j;
}

std::string json(const Report& r) {
  nlohmann::ordered_json j;
  j["reading"] = r.reading;
  j["inputs"] = r.inputs;
  j["sentences"] = r.sentences;
  const auto summary = summary_json(r.summary);
  for (auto it = summary.begin(); it != summary.end(); ++it) j[it.key()] = it.value();
  if (r.errors) {
    auto& e = j["errors"];
    e["types"] = nlohmann::ordered_json::object();
    auto counts = [](const ErrorCounts& c) {
      nlohmann::ordered_json o;
      o["correct"] = c.correct;
      for (ErrorKind k : kKinds) o[error_kind_key(k)] = c.of(k);
      return o;
    };
    for (const auto& [type, c] : r.errors->by_type()) e["types"][type] = counts(c);
    e["total"] = counts(r.errors->total());
    e["confusion"] = nlohmann::ordered_json::object();
    for (const auto& [g, row] : r.errors->confusion())
      for (const auto& [p, n] : row) e["confusion"][none_as_o(g)][none_as_o(p)] = n;
    e["examples"] = nlohmann::ordered_json::array();
    for (const auto& x : r.errors->examples()) {
      e["examples"].push_back({{"kind", error_kind_key(x.kind)},
                               {"source", x.source},
                               {"line", x.line},
                               {"gold_type", x.gold_type},
                               {"gold_text", x.gold_text},
                               {"predicted_type", x.predicted_type},
                               {"predicted_text", x.predicted_text},
                               {"context", x.context}});
    }
  }
  if (r.bootstrap) {
    const auto& b = *r.bootstrap;
    j["bootstrap"] = {{"samples", b.samples}, {"units", b.units},
                      {"unit", r.unit},       {"seed", b.seed},
                      {"precision", interval_json(b.precision)}, {"recall", interval_json(b.recall)},
                      {"f1", interval_json(b.f1)},               {"macro_f1", interval_json(b.macro_f1)}};
  }
  if (r.comparison) {
    const auto& c = *r.comparison;
    nlohmann::ordered_json o;
    o["compared"] = r.compared;
    o["units"] = c.units;
    o["unit"] = r.unit;
    o["seed"] = c.seed;
    o["f1_a"] = c.f1_a;
    o["f1_b"] = c.f1_b;
    o["difference"] = interval_json(c.difference);
    if (c.rounds) o["randomization"] = {{"rounds", c.rounds}, {"p", c.p_randomization}};
    if (c.samples) o["paired_bootstrap"] = {{"samples", c.samples}, {"p", c.p_bootstrap}};
    o["system_b"] = summary_json(r.summary2);
    j["comparison"] = o;
  }
  return j.dump(2) + "\n";
}

// --- TSV --------------------------------------------------------------------------------------

std::string tsv(const Report& r) {
  std::string out = "type\tgold\tpredicted\tcorrect\tprecision\trecall\tf1\n";
  auto row = [&](const std::string& name, const TypeCounts& c) {
    const Scores s = scores_of(c);
    appendf(out, "%s\t%zu\t%zu\t%zu\t%.2f\t%.2f\t%.2f\n", name.c_str(), c.gold, c.predicted, c.correct, s.precision,
            s.recall, s.f1);
  };
  for (const auto& [type, c] : r.summary.by_type) row(type, c);
  const TypeCounts t = r.summary.total();
  row("micro", t);
  const Scores m = r.summary.macro();
  appendf(out, "macro\t%zu\t%zu\t%zu\t%.2f\t%.2f\t%.2f\n", t.gold, t.predicted, t.correct, m.precision, m.recall, m.f1);
  if (r.errors) {
    out += "\ntype\tcorrect";
    for (ErrorKind k : kKinds) (out += '\t') += error_kind_key(k);
    out += '\n';
    auto erow = [&](const std::string& name, const ErrorCounts& c) {
      appendf(out, "%s\t%zu", name.c_str(), c.correct);
      for (ErrorKind k : kKinds) appendf(out, "\t%zu", c.of(k));
      out += '\n';
    };
    for (const auto& [type, c] : r.errors->by_type()) erow(type, c);
    erow("total", r.errors->total());
  }
  if (r.bootstrap) {
    const auto& b = *r.bootstrap;
    out += "\nmetric\tvalue\tlow\thigh\n";
    auto irow = [&](const char* name, const Interval& iv) {
      appendf(out, "%s\t%.2f\t%.2f\t%.2f\n", name, iv.value, iv.low, iv.high);
    };
    irow("precision", b.precision);
    irow("recall", b.recall);
    irow("f1", b.f1);
    irow("macro_f1", b.macro_f1);
  }
  if (r.comparison) {
    const auto& c = *r.comparison;
    out += "\nf1_a\tf1_b\tdifference\tlow\thigh\tp_randomization\tp_bootstrap\n";
    appendf(out, "%.2f\t%.2f\t%.2f\t%.2f\t%.2f\t%.4f\t%.4f\n", c.f1_a, c.f1_b, c.difference.value, c.difference.low,
            c.difference.high, c.p_randomization, c.p_bootstrap);
  }
  return out;
}

}  // namespace

std::string format_report(const Report& report, ReportFormat format) {
  switch (format) {
    case ReportFormat::Json: return json(report);
    case ReportFormat::Tsv: return tsv(report);
    case ReportFormat::Text: break;
  }
  return text(report);
}

}  // namespace ner
