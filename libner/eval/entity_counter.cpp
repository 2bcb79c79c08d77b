#include "libner/eval/entity_counter.h"

#include "libner/eval/seqeval_strict.h"

#include <algorithm>
#include <stdexcept>

namespace ner {

std::vector<Span> read_entities(const std::vector<std::string_view>& labels, const EntityReadingOptions& options) {
  if (options.reading == EntityReading::Conlleval) return conlleval::chunks(labels, options.separator);
  std::vector<Tag> tags;
  tags.reserve(labels.size());
  for (auto l : labels) tags.push_back(parse_tag(l, options.separator));
  return options.reading == EntityReading::Strict ? strict_entities(tags, options.scheme) : decode(tags);
}

EntityCounter::EntityCounter(const EntityReadingOptions& options)
    : options_(options), chunks_(options.separator) {}

namespace {

std::vector<std::string_view> views(const std::vector<std::string>& labels) {
  return std::vector<std::string_view>(labels.begin(), labels.end());
}

}  // namespace

void EntityCounter::add(const std::vector<std::string>& gold, const std::vector<std::string>& predicted) {
  add(views(gold), views(predicted));
}

void EntityCounter::add(const std::vector<std::string_view>& gold, const std::vector<std::string_view>& predicted,
                        bool closed) {
  if (gold.size() != predicted.size())
    throw std::invalid_argument("EntityCounter::add: " + std::to_string(gold.size()) + " gold labels but " +
                                std::to_string(predicted.size()) + " predicted");
  by_type_stale_ = true;
  if (options_.reading == EntityReading::Conlleval) {
    chunks_.record_units(true);
    for (std::size_t i = 0; i < gold.size(); ++i) chunks_.add(gold[i], predicted[i]);
    if (closed) chunks_.add_boundary();
    chunks_.take_unit(last_);
    return;
  }
  last_.clear();
  for (std::size_t i = 0; i < gold.size(); ++i) correct_tokens_ += gold[i] == predicted[i];
  tokens_ += gold.size();
  auto bump = [&](const std::string& type, std::size_t TypeCounts::*field) {
    const TypeTable::Id id = types_.intern(type);
    if (id >= counts_.size()) counts_.resize(id + 1);
    ++(counts_[id].*field);
    ++(entry(last_, id).*field);
  };
  auto g = read_entities(gold, options_);
  auto p = read_entities(predicted, options_);
  for (const auto& s : g) bump(s.type, &TypeCounts::gold);
  for (const auto& s : p) bump(s.type, &TypeCounts::predicted);
  // Both lists are in the order of their tokens and hold no overlapping spans.
  std::sort(g.begin(), g.end());
  std::sort(p.begin(), p.end());
  for (auto i = g.begin(), j = p.begin(); i != g.end() && j != p.end();) {
    if (*i < *j) {
      ++i;
    } else if (*j < *i) {
      ++j;
    } else {
      bump(i->type, &TypeCounts::correct);
      ++i, ++j;
    }
  }
}

void EntityCounter::finish() {
  last_.clear();
  if (options_.reading != EntityReading::Conlleval) return;
  by_type_stale_ = true;
  chunks_.record_units(true);
  chunks_.finish();
  chunks_.take_unit(last_);
}

const TypeTable& EntityCounter::types() const {
  return options_.reading == EntityReading::Conlleval ? chunks_.types() : types_;
}

std::size_t EntityCounter::tokens() const {
  return options_.reading == EntityReading::Conlleval ? chunks_.tokens() : tokens_;
}

std::size_t EntityCounter::correct_tokens() const {
  return options_.reading == EntityReading::Conlleval ? chunks_.correct_tokens() : correct_tokens_;
}

const std::map<std::string, TypeCounts>& EntityCounter::by_type() const {
  if (!by_type_stale_) return by_type_;
  by_type_.clear();
  const bool conll = options_.reading == EntityReading::Conlleval;
  const auto& table = types();
  const auto& counts = conll ? chunks_.counts() : counts_;
  for (std::size_t id = 0; id < counts.size(); ++id) {
    const TypeCounts& c = counts[id];
    if (c.gold || c.predicted || c.correct) by_type_[table.name(static_cast<TypeTable::Id>(id))] += c;
  }
  if (conll) {
    if (auto pending = chunks_.pending_correct()) ++by_type_[std::string(*pending)].correct;
  }
  by_type_stale_ = false;
  return by_type_;
}

TypeCounts EntityCounter::total() const {
  TypeCounts t;
  for (const auto& [type, c] : by_type()) t += c;
  return t;
}

}  // namespace ner
