// conlleval's reading of chunks, exactly: the reference script (../shared/data/conlleval/
// conlleval, version 2004-01-26) is the definition, and the comments below cite its lines.
//
// A label is split at its first hyphen into a chunk tag and a type ("B-PER" -> B, PER; "O" ->
// O, ""). A chunk starts and ends between two tokens by the rules of startOfChunk and endOfChunk
// (lines 255-320), which know the tags B I E O and the legacy [ ] . of CoNLL-2000; any other tag
// (S, M, L, U, ...) starts or ends a chunk only where the type changes. A predicted chunk is
// correct when it starts and ends at the same tokens as a gold chunk of the same type.
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "libner/eval/counts.h"
#include "libner/eval/type_table.h"
#include "libner/scheme/scheme.h"

namespace ner::conlleval {

struct Label {
  std::string_view tag;   // before the first separator; the whole label when it has none
  std::string_view type;  // after it; "" when there is none
};

// Lines 106-126: /^([^-]*)-(.*)$/; a type "0" is false in Perl (`$type ? $type : ""`), so it
// reads as "".
Label split_label(std::string_view label, char separator = '-');

// The tags that endOfChunk and startOfChunk name; every other tag is Other.
enum class ChunkTag : std::uint8_t { O, B, I, E, Open, Close, Dot, Other };
ChunkTag chunk_tag(std::string_view tag);

// Whether a chunk ends between a token tagged `prev` and the next, tagged `tag` (endOfChunk);
// `type_changes` is whether their types differ.
bool ends_chunk(ChunkTag prev, ChunkTag tag, bool type_changes);
// Whether a chunk starts at the token tagged `tag` after one tagged `prev` (startOfChunk).
bool starts_chunk(ChunkTag prev, ChunkTag tag, bool type_changes);

// conlleval's main loop (lines 82-172) as a machine fed one token at a time; a sentence boundary
// (an empty line or a line starting with -X-) is fed as add_boundary(). Fed the lines of a file,
// it counts exactly what conlleval counts.
class ChunkCounter {
 public:
  explicit ChunkCounter(char separator = '-') : separator_(separator) {}

  void add(std::string_view gold_label, std::string_view predicted_label);
  // A boundary line: tags O on both sides, no token counted (lines 91-92 and 129-130).
  void add_boundary();
  // The end of the input: a correct chunk still open is counted (lines 174-178). Chunks always
  // close at a boundary except after the legacy tag ".", so this matters only with it.
  void finish();
  // The type of the correct chunk that finish() would count, if any.
  std::optional<std::string_view> pending_correct() const;

  const TypeTable& types() const { return types_; }
  TypeTable& types() { return types_; }
  // Counts by type id (ids of types(); may be shorter than the table).
  const std::vector<TypeCounts>& counts() const { return counts_; }
  std::size_t tokens() const { return tokens_; }
  std::size_t correct_tokens() const { return correct_tokens_; }

  // With recording on, every count added is also added to the current unit, which take_unit()
  // hands over and clears: the counts of one sentence or document, for resampling.
  void record_units(bool on) { recording_ = on; }
  void take_unit(TypeCountList& out);

 private:
  void step(Label gold, Label predicted, bool boundary);
  void bump(std::string_view type, std::size_t TypeCounts::*field);  // adds 1 to a count of `type`

  char separator_;
  TypeTable types_;
  std::vector<TypeCounts> counts_;
  std::size_t tokens_ = 0;
  std::size_t correct_tokens_ = 0;
  // The state between tokens (lines 24-58): the previous tags and types, and whether the chunks
  // now open on both sides started together with the same type.
  ChunkTag last_gold_ = ChunkTag::O;
  ChunkTag last_predicted_ = ChunkTag::O;
  std::string last_gold_type_;
  std::string last_predicted_type_;
  bool in_correct_ = false;
  bool recording_ = false;
  TypeCountList unit_;
};

// The chunks of one sentence (boundaries before and after it) by the same rules, as spans: a chunk
// runs from a token where one starts to the first token where one ends or another starts. For
// the tags B I E O and Other, the spans that two label sequences share are exactly the chunks
// ChunkCounter counts as correct; the legacy tags [ ] . can make a chunk that ChunkCounter
// carries over a boundary, which this closes at the sentence end.
std::vector<Span> chunks(const std::vector<std::string_view>& labels, char separator = '-');

}  // namespace ner::conlleval
