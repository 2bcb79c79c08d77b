#include "libner/eval/conlleval.h"

namespace ner {

Scores scores_of(const TypeCounts& counts) {
  Scores s;
  if (counts.predicted > 0) s.precision = 100.0 * static_cast<double>(counts.correct) / static_cast<double>(counts.predicted);
  if (counts.gold > 0) s.recall = 100.0 * static_cast<double>(counts.correct) / static_cast<double>(counts.gold);
  if (s.precision + s.recall > 0) s.f1 = 2 * s.precision * s.recall / (s.precision + s.recall);
  return s;
}

TypeCounts& entry(TypeCountList& list, TypeTable::Id id) {
  for (auto& [k, v] : list)
    if (k == id) return v;
  list.emplace_back(id, TypeCounts{});
  return list.back().second;
}

namespace conlleval {

Label split_label(std::string_view label, char separator) {
  const auto sep = label.find(separator);
  if (sep == std::string_view::npos) return {label, {}};
  Label l{label.substr(0, sep), label.substr(sep + 1)};
  if (l.type == "0") l.type = {};
  return l;
}

ChunkTag chunk_tag(std::string_view tag) {
  if (tag.size() != 1) return ChunkTag::Other;
  switch (tag[0]) {
    case 'O': return ChunkTag::O;
    case 'B': return ChunkTag::B;
    case 'I': return ChunkTag::I;
    case 'E': return ChunkTag::E;
    case '[': return ChunkTag::Open;
    case ']': return ChunkTag::Close;
    case '.': return ChunkTag::Dot;
    default: return ChunkTag::Other;
  }
}

bool ends_chunk(ChunkTag prev, ChunkTag tag, bool type_changes) {
  using T = ChunkTag;
  if ((prev == T::B || prev == T::I) && (tag == T::B || tag == T::O)) return true;
  if (prev == T::E && (tag == T::E || tag == T::I || tag == T::O)) return true;
  if (prev != T::O && prev != T::Dot && type_changes) return true;
  return prev == T::Close || prev == T::Open;  // "corrected 1998-12-22": chunks of length 1
}

bool starts_chunk(ChunkTag prev, ChunkTag tag, bool type_changes) {
  using T = ChunkTag;
  if (tag == T::B && (prev == T::B || prev == T::I || prev == T::O)) return true;
  if (tag == T::I && (prev == T::O || prev == T::E)) return true;
  if (tag == T::E && (prev == T::E || prev == T::O)) return true;
  if (tag != T::O && tag != T::Dot && type_changes) return true;
  return tag == T::Open || tag == T::Close;
}

void ChunkCounter::add(std::string_view gold_label, std::string_view predicted_label) {
  step(split_label(gold_label, separator_), split_label(predicted_label, separator_), false);
}

void ChunkCounter::add_boundary() { step({"O", {}}, {"O", {}}, true); }

void ChunkCounter::bump(std::string_view type, std::size_t TypeCounts::*field) {
  const TypeTable::Id id = types_.intern(type);
  if (id >= counts_.size()) counts_.resize(id + 1);
  ++(counts_[id].*field);
  if (recording_) ++(entry(unit_, id).*field);
}

void ChunkCounter::step(Label gold, Label predicted, bool boundary) {
  const ChunkTag g = chunk_tag(gold.tag);
  const ChunkTag p = chunk_tag(predicted.tag);
  const bool gold_type_changes = gold.type != last_gold_type_;
  const bool predicted_type_changes = predicted.type != last_predicted_type_;
  const bool gold_ends = ends_chunk(last_gold_, g, gold_type_changes);
  const bool predicted_ends = ends_chunk(last_predicted_, p, predicted_type_changes);
  // Lines 132-146: a correct chunk is counted when both sides end together with the same type.
  if (in_correct_) {
    if (gold_ends && predicted_ends && last_predicted_type_ == last_gold_type_) {
      in_correct_ = false;
      bump(last_gold_type_, &TypeCounts::correct);
    } else if (gold_ends != predicted_ends || predicted.type != gold.type) {
      in_correct_ = false;
    }
  }
  const bool gold_starts = starts_chunk(last_gold_, g, gold_type_changes);
  const bool predicted_starts = starts_chunk(last_predicted_, p, predicted_type_changes);
  if (gold_starts && predicted_starts && predicted.type == gold.type) in_correct_ = true;
  if (gold_starts) bump(gold.type, &TypeCounts::gold);
  if (predicted_starts) bump(predicted.type, &TypeCounts::predicted);
  if (!boundary) {
    if (gold.tag == predicted.tag && gold.type == predicted.type) ++correct_tokens_;
    ++tokens_;
  }
  last_gold_ = g;
  last_predicted_ = p;
  if (gold_type_changes) last_gold_type_.assign(gold.type.data(), gold.type.size());
  if (predicted_type_changes) last_predicted_type_.assign(predicted.type.data(), predicted.type.size());
}

std::optional<std::string_view> ChunkCounter::pending_correct() const {
  if (!in_correct_) return std::nullopt;
  return std::string_view(last_gold_type_);
}

void ChunkCounter::finish() {
  if (!in_correct_) return;
  in_correct_ = false;
  bump(last_gold_type_, &TypeCounts::correct);
}

void ChunkCounter::take_unit(TypeCountList& out) {
  out.swap(unit_);
  unit_.clear();
}

std::vector<Span> chunks(const std::vector<std::string_view>& labels, char separator) {
  std::vector<Span> spans;
  ChunkTag last = ChunkTag::O;
  std::string_view last_type;
  bool open = false;
  auto close = [&](std::size_t end) {
    if (open) spans.back().end = end;
    open = false;
  };
  for (std::size_t i = 0; i < labels.size(); ++i) {
    const Label l = split_label(labels[i], separator);
    const ChunkTag t = chunk_tag(l.tag);
    const bool type_changes = l.type != last_type;
    const bool starts = starts_chunk(last, t, type_changes);
    if (ends_chunk(last, t, type_changes) || starts) close(i);
    if (starts) {
      spans.push_back({i, i + 1, std::string(l.type)});
      open = true;
    }
    last = t;
    last_type = l.type;
  }
  close(labels.size());
  return spans;
}

}  // namespace conlleval
}  // namespace ner
