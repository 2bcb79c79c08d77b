// Cutting a document's tokens into sentences short enough for a model (BERT takes 512 positions;
// yidu-s4k records run to 1,664 characters). The rule, in order:
//   1. after a sentence end 。！？； (and ASCII ! ? ;), together with the closing quotes and
//      brackets that follow it (。” ends after the quote), and at line breaks;
//   2. where a piece is still longer than max_len tokens, after the last ，、, (Chinese enumeration
//      and clause commas) that keeps it within max_len;
//   3. failing that, at the last space in the text within max_len, then at the last place that is
//      not inside a run of ASCII letters and digits (so that 100mmHg stays whole where it can),
//      and failing that, after exactly max_len tokens.
// No cut ever falls inside an entity: a piece is longer than max_len only when an entity that
// starts it is itself longer. Pieces keep document offsets, so they join back into the document.
//
// SentenceSplitter is incremental: it is fed one token at a time and holds at most max_len
// tokens' worth of state, so a document of any length is split in bounded memory.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string_view>
#include <vector>

namespace ner {

// What a token's character means to the splitter.
enum class BoundaryClass : std::uint8_t {
  Other,
  Terminal,  // 。！？； ! ? ; ends a sentence
  Closer,    // ” ’ 」 』 ） 】 》 〉 〕 ］ ) ] " ' : belongs to the sentence a terminal just ended
  Comma,     // ，、 , ､ : may end a piece that is too long
};

BoundaryClass boundary_class(char32_t cp);

struct SentenceSplitOptions {
  std::size_t max_len = 0;       // tokens per piece at most; 0: no limit
  bool at_punctuation = true;    // cut after sentence ends (rule 1)
  bool at_line_breaks = true;    // cut where the text has a line break between two tokens
  bool pack = false;             // then join neighbouring pieces again while they fit in max_len
};

// What the splitter needs to know of one token.
struct TokenBoundary {
  BoundaryClass cls = BoundaryClass::Other;  // of the token's original character (Other for a word)
  bool space_before = false;       // separator characters stand between it and the token before
  bool line_break_before = false;  // ... and one of them is a line break (LF, CR, VT, FF)
  bool may_cut_before = true;      // false when it is inside an entity (not its first token)
  bool ascii_word = false;         // an ASCII letter or digit (or, grouped, a run of them)
};

class SentenceSplitter {
 public:
  explicit SentenceSplitter(const SentenceSplitOptions& options) : options_(options) {}

  void push(const TokenBoundary& token);
  // Ends the document; cuts() is then complete.
  void finish();
  // Token indices where a new piece begins, increasing, never 0 or the token count.
  const std::vector<std::size_t>& cuts() const { return cuts_; }
  // Forgets the document, to start the next one.
  void reset();

  const SentenceSplitOptions& options() const { return options_; }
  // Whether a text can have a cut at all (false without punctuation or length rules and without a
  // line break), so that callers can skip feeding it.
  bool may_cut(std::string_view text) const;

 private:
  struct Position {  // the gap before a token, as a place to cut
    bool ok, comma, space, in_word;
  };
  void cut(std::size_t at);   // a piece ends before token `at`
  void emit(std::size_t at);  // through packing to cuts_
  void cut_long_pieces();

  SentenceSplitOptions options_;
  std::vector<std::size_t> cuts_;
  std::size_t count_ = 0;      // tokens pushed
  std::size_t start_ = 0;      // first token of the open piece
  std::vector<Position> gaps_;  // gaps_[k]: before token start_ + 1 + k (only with max_len)
  std::size_t gaps_front_ = 0;  // gaps_ before this index are consumed
  BoundaryClass prev_class_ = BoundaryClass::Other;
  bool prev_ascii_word_ = false;
  bool prev_ends_sentence_ = false;
  bool waiting_ = false;  // for the end of an entity longer than max_len
  // Packing: the last cut waits until the next one shows whether the pieces around it fit together.
  bool pending_ = false;
  std::size_t pending_at_ = 0;
  std::size_t packed_start_ = 0;
};

}  // namespace ner
