#include "libner/eval/evaluation.h"

#include "libner/eval/seqeval_strict.h"
#include "libner/io/error.h"

namespace ner {

TypeCounts Summary::total() const {
  TypeCounts t;
  for (const auto& [type, c] : by_type) t += c;
  return t;
}

Scores Summary::macro() const {
  Scores m;
  std::size_t n = 0;
  for (const auto& [type, c] : by_type) {
    if (c.gold == 0 && c.predicted == 0) continue;
    const Scores s = scores_of(c);
    m.precision += s.precision;
    m.recall += s.recall;
    m.f1 += s.f1;
    ++n;
  }
  if (n) {
    m.precision /= static_cast<double>(n);
    m.recall /= static_cast<double>(n);
    m.f1 /= static_cast<double>(n);
  }
  return m;
}

Summary summary_of(const EntityCounter& counter) {
  Summary s;
  s.tokens = counter.tokens();
  s.correct_tokens = counter.correct_tokens();
  s.by_type = counter.by_type();
  return s;
}

Summary summary_of(const conlleval::ChunkCounter& counter) {
  Summary s;
  s.tokens = counter.tokens();
  s.correct_tokens = counter.correct_tokens();
  for (std::size_t id = 0; id < counter.counts().size(); ++id) {
    const TypeCounts& c = counter.counts()[id];
    if (c.gold || c.predicted || c.correct) s.by_type[counter.types().name(static_cast<TypeTable::Id>(id))] += c;
  }
  return s;
}

Evaluation::Evaluation(const EvaluationOptions& options)
    : options_(options), first_(options.reading), second_(options.reading) {
  if (options.errors) errors_ = std::make_unique<ErrorAnalysis>(options.examples, options.context);
}

void Evaluation::record(const EntityCounter& counter, std::vector<TypeTable::Id>& ids, Units& units, bool new_unit) {
  if (new_unit) units.start();
  for (const auto& [id, counts] : counter.last()) {
    while (ids.size() <= id) ids.push_back(types_.intern(counter.types().name(static_cast<TypeTable::Id>(ids.size()))));
    units.add(ids[id], counts);
  }
}

void Evaluation::add(const LabelledSentence& s) {
  try {
    count(s);
  } catch (const LabelNotInScheme& e) {
    // Which side holds the label: the gold one when it is at fault, else a prediction.
    const std::size_t i = e.index();
    const bool gold = [&] {
      try {
        read_entities({s.gold[i]}, options_.reading);
        return false;
      } catch (const LabelNotInScheme&) {
        return true;
      }
    }();
    const std::string_view label = gold ? s.gold[i] : s.predicted[i];
    throw Error(std::string(s.source), s.lines[i],
                std::string(gold ? "gold" : "predicted") + " label '" + std::string(label) + "': " + e.what());
  }
}

void Evaluation::count(const LabelledSentence& s) {
  first_.add(s.gold, s.predicted, s.closed);
  if (options_.second_system) second_.add(s.gold, s.predicted2, s.closed);
  if (options_.units) {
    const bool new_unit = !options_.by_document || s.starts_document || units_.size() == 0;
    record(first_, ids_, units_, new_unit);
    if (options_.second_system) record(second_, ids2_, units2_, new_unit);
  }
  if (errors_) errors_->add(s, read_entities(s.gold, options_.reading), read_entities(s.predicted, options_.reading));
  ++sentences_;
}

void Evaluation::finish() {
  first_.finish();
  if (options_.second_system) second_.finish();
  if (options_.units && units_.size() > 0) {
    record(first_, ids_, units_, false);
    if (options_.second_system) record(second_, ids2_, units2_, false);
  }
}

}  // namespace ner
