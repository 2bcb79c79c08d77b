#include "libner/text/sentence_splitter.h"

namespace ner {

BoundaryClass boundary_class(char32_t cp) {
  switch (cp) {
    case U'。': case U'！': case U'？': case U'；': case U'!': case U'?': case U';':
    case U'｡':  // half-width ideographic full stop
      return BoundaryClass::Terminal;
    case U'”': case U'’': case U'」': case U'』': case U'）': case U'】': case U'》': case U'〉':
    case U'〕': case U'］': case U'〗': case U')': case U']': case U'"': case U'\'':
      return BoundaryClass::Closer;
    case U'，': case U'、': case U',': case U'､':
      return BoundaryClass::Comma;
    default:
      return BoundaryClass::Other;
  }
}

bool SentenceSplitter::may_cut(std::string_view text) const {
  if (options_.at_punctuation || options_.max_len > 0) return true;
  return options_.at_line_breaks && text.find_first_of("\n\r\v\f") != std::string_view::npos;
}

void SentenceSplitter::reset() {
  cuts_.clear();
  count_ = start_ = 0;
  gaps_.clear();
  gaps_front_ = 0;
  prev_class_ = BoundaryClass::Other;
  prev_ascii_word_ = false;
  prev_ends_sentence_ = false;
  pending_ = false;
  pending_at_ = packed_start_ = 0;
  waiting_ = false;
}

void SentenceSplitter::push(const TokenBoundary& token) {
  const bool ends_sentence = token.cls == BoundaryClass::Terminal ||
                             (token.cls == BoundaryClass::Closer && prev_ends_sentence_);
  const std::size_t at = count_;
  if (at > 0) {
    const bool strong = (options_.at_punctuation && prev_ends_sentence_ && !ends_sentence) ||
                        (options_.at_line_breaks && token.line_break_before);
    if (strong && token.may_cut_before) {
      cut(at);
    } else if (options_.max_len > 0) {
      // A sentence end that may not be cut (inside an entity) is still a good place for rule 2.
      const bool comma = prev_class_ == BoundaryClass::Comma || prev_ends_sentence_;
      const bool in_word = prev_ascii_word_ && token.ascii_word && !token.space_before;
      gaps_.push_back(Position{token.may_cut_before, comma, token.space_before, in_word});
      if (waiting_ && token.may_cut_before) cut(at);  // the end of the long entity
    }
  }
  ++count_;
  prev_class_ = token.cls;
  prev_ascii_word_ = token.ascii_word;
  prev_ends_sentence_ = ends_sentence;
  if (options_.max_len > 0 && count_ - start_ > options_.max_len) cut_long_pieces();
}

void SentenceSplitter::cut_long_pieces() {
  const std::size_t max_len = options_.max_len;
  while (!waiting_ && count_ - start_ > max_len) {
    // Gaps before tokens start_+1 .. start_+max_len keep the piece within max_len.
    const std::size_t window = max_len;  // gaps_[gaps_front_ + k] is before token start_ + 1 + k
    std::size_t best = 0;
    int best_rank = -1;
    for (std::size_t k = window; k-- > 0;) {
      const Position& g = gaps_[gaps_front_ + k];
      if (!g.ok) continue;
      const int rank = g.comma ? 3 : g.space ? 2 : !g.in_word ? 1 : 0;
      if (rank > best_rank) {
        best_rank = rank;
        best = k;
        if (rank == 3) break;
      }
    }
    if (best_rank < 0) {
      // An entity longer than max_len starts the piece: cut at its end, the first gap allowed.
      std::size_t k = window;
      const std::size_t have = gaps_.size() - gaps_front_;
      while (k < have && !gaps_[gaps_front_ + k].ok) ++k;
      if (k == have) {  // its end has not come yet: push() cuts at the next gap allowed
        waiting_ = true;
        return;
      }
      best = k;
    }
    cut(start_ + 1 + best);
  }
}

void SentenceSplitter::cut(std::size_t at) {
  waiting_ = false;
  emit(at);
  if (options_.max_len > 0) {
    gaps_front_ += at - start_;
    if (gaps_front_ > gaps_.size()) gaps_front_ = gaps_.size();  // a strong cut consumes all
    if (gaps_front_ > 4096 && gaps_front_ * 2 > gaps_.size()) {
      gaps_.erase(gaps_.begin(), gaps_.begin() + static_cast<std::ptrdiff_t>(gaps_front_));
      gaps_front_ = 0;
    }
  }
  start_ = at;
}

void SentenceSplitter::emit(std::size_t at) {
  if (!options_.pack || options_.max_len == 0) {
    cuts_.push_back(at);
    return;
  }
  if (pending_) {
    if (at - packed_start_ > options_.max_len) {
      cuts_.push_back(pending_at_);
      packed_start_ = pending_at_;
    }
  }
  pending_ = true;
  pending_at_ = at;
}

void SentenceSplitter::finish() {
  if (pending_) {
    if (count_ - packed_start_ > options_.max_len) cuts_.push_back(pending_at_);
    pending_ = false;
  }
}

}  // namespace ner
