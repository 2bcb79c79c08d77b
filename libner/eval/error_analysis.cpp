#include "libner/eval/error_analysis.h"

#include <algorithm>

namespace ner {

const char* error_kind_name(ErrorKind kind) {
  switch (kind) {
    case ErrorKind::WrongType: return "wrong type";
    case ErrorKind::WrongBoundary: return "wrong boundary";
    case ErrorKind::WrongTypeAndBoundary: return "wrong type+boundary";
    case ErrorKind::Missed: return "missed";
    case ErrorKind::Spurious: return "spurious";
  }
  return "?";
}

const char* error_kind_key(ErrorKind kind) {
  switch (kind) {
    case ErrorKind::WrongType: return "wrong_type";
    case ErrorKind::WrongBoundary: return "wrong_boundary";
    case ErrorKind::WrongTypeAndBoundary: return "wrong_type_and_boundary";
    case ErrorKind::Missed: return "missed";
    case ErrorKind::Spurious: return "spurious";
  }
  return "?";
}

std::size_t& ErrorCounts::of(ErrorKind kind) {
  switch (kind) {
    case ErrorKind::WrongType: return wrong_type;
    case ErrorKind::WrongBoundary: return wrong_boundary;
    case ErrorKind::WrongTypeAndBoundary: return wrong_type_and_boundary;
    case ErrorKind::Missed: return missed;
    case ErrorKind::Spurious: break;
  }
  return spurious;
}

std::size_t ErrorCounts::of(ErrorKind kind) const { return const_cast<ErrorCounts*>(this)->of(kind); }

ErrorCounts& ErrorCounts::operator+=(const ErrorCounts& o) {
  correct += o.correct;
  wrong_type += o.wrong_type;
  wrong_boundary += o.wrong_boundary;
  wrong_type_and_boundary += o.wrong_type_and_boundary;
  missed += o.missed;
  spurious += o.spurious;
  return *this;
}

ErrorCounts ErrorAnalysis::total() const {
  ErrorCounts t;
  for (const auto& [type, c] : by_type_) t += c;
  return t;
}

namespace {

bool ascii_edge(std::string_view s, bool at_end) {
  if (s.empty()) return false;
  return static_cast<unsigned char>(at_end ? s.back() : s.front()) < 0x80;
}

std::size_t overlap(const Span& a, const Span& b) {
  const std::size_t lo = std::max(a.begin, b.begin), hi = std::min(a.end, b.end);
  return hi > lo ? hi - lo : 0;
}

}  // namespace

std::string join_tokens(const std::vector<std::string_view>& tokens, std::size_t begin, std::size_t end) {
  std::string out;
  for (std::size_t i = begin; i < end; ++i) {
    if (i > begin && ascii_edge(tokens[i - 1], true) && ascii_edge(tokens[i], false)) out += ' ';
    out.append(tokens[i].data(), tokens[i].size());
  }
  return out;
}

void ErrorAnalysis::note(ErrorKind kind, const LabelledSentence& s, const Span* gold, const Span* predicted) {
  const std::string none;
  const std::string& gt = gold ? gold->type : none;
  const std::string& pt = predicted ? predicted->type : none;
  ++by_type_[kind == ErrorKind::Spurious ? pt : gt].of(kind);
  ++confusion_[gt][pt];
  if (examples_.size() >= max_examples_) return;
  ErrorExample e;
  e.kind = kind;
  e.source = std::string(s.source);
  std::size_t lo = s.size(), hi = 0;
  for (const Span* span : {gold, predicted}) {
    if (!span) continue;
    lo = std::min(lo, span->begin);
    hi = std::max(hi, span->end);
  }
  e.line = lo < s.lines.size() ? s.lines[lo] : 0;
  if (gold) {
    e.gold_type = gold->type;
    e.gold_text = join_tokens(s.tokens, gold->begin, gold->end);
  }
  if (predicted) {
    e.predicted_type = predicted->type;
    e.predicted_text = join_tokens(s.tokens, predicted->begin, predicted->end);
  }
  const std::size_t from = lo > context_ ? lo - context_ : 0;
  const std::size_t to = std::min(s.size(), hi + context_);
  if (from > 0) e.context += "... ";
  for (std::size_t i = from; i < to; ++i) {
    if (i > from && ascii_edge(s.tokens[i - 1], true) && ascii_edge(s.tokens[i], false)) e.context += ' ';
    if (gold && gold->begin == i) e.context += '[';
    if (predicted && predicted->begin == i) e.context += '{';
    e.context.append(s.tokens[i].data(), s.tokens[i].size());
    if (predicted && predicted->end == i + 1) e.context += '}';
    if (gold && gold->end == i + 1) e.context += ']';
  }
  if (to < s.size()) e.context += " ...";
  examples_.push_back(std::move(e));
}

void ErrorAnalysis::add(const LabelledSentence& sentence, const std::vector<Span>& gold,
                        const std::vector<Span>& predicted) {
  std::vector<char> gold_done(gold.size(), 0);  // found exactly, or accounts for a mistake
  std::vector<char> exact(predicted.size(), 0);
  for (std::size_t j = 0; j < predicted.size(); ++j) {
    for (std::size_t i = 0; i < gold.size(); ++i) {
      if (gold[i] == predicted[j]) {
        exact[j] = gold_done[i] = 1;
        ++by_type_[gold[i].type].correct;
        ++confusion_[gold[i].type][gold[i].type];
        break;
      }
    }
  }
  for (std::size_t j = 0; j < predicted.size(); ++j) {
    if (exact[j]) continue;
    const Span& p = predicted[j];
    std::size_t same_tokens = gold.size(), same_type = gold.size(), most = gold.size(), most_overlap = 0;
    for (std::size_t i = 0; i < gold.size(); ++i) {
      const std::size_t o = overlap(gold[i], p);
      if (o == 0) continue;
      if (gold[i].begin == p.begin && gold[i].end == p.end && same_tokens == gold.size()) same_tokens = i;
      if (gold[i].type == p.type && same_type == gold.size()) same_type = i;
      if (o > most_overlap) most = i, most_overlap = o;
    }
    if (same_tokens < gold.size()) {
      gold_done[same_tokens] = 1;
      note(ErrorKind::WrongType, sentence, &gold[same_tokens], &p);
    } else if (same_type < gold.size()) {
      gold_done[same_type] = 1;
      note(ErrorKind::WrongBoundary, sentence, &gold[same_type], &p);
    } else if (most < gold.size()) {
      gold_done[most] = 1;
      note(ErrorKind::WrongTypeAndBoundary, sentence, &gold[most], &p);
    } else {
      note(ErrorKind::Spurious, sentence, nullptr, &p);
    }
  }
  for (std::size_t i = 0; i < gold.size(); ++i)
    if (!gold_done[i]) note(ErrorKind::Missed, sentence, &gold[i], nullptr);
}

}  // namespace ner
