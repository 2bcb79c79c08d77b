// Entity-level counts and P/R/F1, with conlleval's reading of chunks by default, for ner-eval and
// for the dev score of ner-train.
#pragma once

#include <cstddef>
#include <map>
#include <string>
#include <string_view>
#include <vector>

#include "libner/eval/conlleval.h"
#include "libner/eval/counts.h"
#include "libner/eval/type_table.h"
#include "libner/scheme/scheme.h"

namespace ner {

// How a sequence of labels is read as entities.
enum class EntityReading {
  // Exactly as conlleval reads it (libner/eval/conlleval.h): the tags B I E O split off at the first
  // separator; S, M, L and U mean nothing to it (S-X S-X is one chunk). The default.
  Conlleval,
  // ner::decode over the tags of any scheme (S M L U too): an I or E that continues nothing starts
  // an entity, a change of type ends one. Ill-formed runs still make entities.
  Lenient,
  // seqeval's strict mode (seqeval_strict.h): only what `scheme` allows makes an entity; an
  // ill-formed run (I-X after O in IOB2, B-X not closed by E-X in IOBES) makes none. A label
  // whose prefix the scheme does not use throws LabelNotInScheme.
  Strict,
};

struct EntityReadingOptions {
  EntityReading reading = EntityReading::Conlleval;
  Scheme scheme = Scheme::IOB2;  // the scheme of the Strict reading
  char separator = '-';          // between prefix and type: '_' for B_disease
};

// The entities of one sentence's labels.
std::vector<Span> read_entities(const std::vector<std::string_view>& labels, const EntityReadingOptions& options);

class EntityCounter {
 public:
  EntityCounter() = default;
  explicit EntityCounter(const EntityReadingOptions& options);

  // Adds one sentence's gold and predicted labels (same length). With the Conlleval reading the
  // counts are those conlleval prints for the sentences written one after another with a blank
  // line between them. `closed` false: no boundary follows (the last line of conlleval's input
  // was a token; call finish() after it).
  void add(const std::vector<std::string>& gold, const std::vector<std::string>& predicted);
  void add(const std::vector<std::string_view>& gold, const std::vector<std::string_view>& predicted,
           bool closed = true);
  // The end of the input, for conlleval's last rule (see ChunkCounter::finish); last() then holds
  // what it added. Needed only after add(..., false).
  void finish();

  TypeCounts total() const;
  const std::map<std::string, TypeCounts>& by_type() const;
  std::size_t tokens() const;
  std::size_t correct_tokens() const;  // tokens whose labels are the same

  // The counts that the last add() made, by ids of types(): one unit for resampling.
  const TypeCountList& last() const { return last_; }
  const TypeTable& types() const;
  const EntityReadingOptions& options() const { return options_; }

 private:
  EntityReadingOptions options_;
  conlleval::ChunkCounter chunks_;   // the Conlleval reading
  TypeTable types_;                  // the span readings
  std::vector<TypeCounts> counts_;   // the span readings, by id of types_
  std::size_t tokens_ = 0;           // the span readings
  std::size_t correct_tokens_ = 0;   // the span readings
  TypeCountList last_;
  mutable std::map<std::string, TypeCounts> by_type_;
  mutable bool by_type_stale_ = true;
};

}  // namespace ner
