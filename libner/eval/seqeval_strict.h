// seqeval's strict mode (chakki-works/seqeval, seqeval/scheme.py: Tokens.entities and the start,
// inside and end patterns of each scheme), the reading of `--strict --scheme S`.
//
// A token starts an entity when its prefix and its predecessor's match a start pattern of the
// scheme (IOB2: any B; IOBES: any B or S; IOB1: I after O, B after B or I of the same type, ...);
// the entity takes the tokens that follow while they match an inside pattern, and it counts only
// if the first token after it, with its last token, matches an end pattern (IOBES: the last token
// is E or S). So an ill-formed run makes no entity at all: `O I-PER` in IOB2, `B-PER I-PER O` in
// IOBES. BILOU and BMES read as IOBES (L and U are E and S, M is I).
//
// ner::decode_strict (libner/scheme) drops a little more: after an illegal transition it lets no
// tag start an entity, where seqeval starts one at any B or S (IOBES `B-X I-X B-Y E-Y`: seqeval
// finds Y, decode_strict nothing). ner-eval follows seqeval.
#pragma once

#include <cstddef>
#include <stdexcept>
#include <string>
#include <vector>

#include "libner/scheme/scheme.h"

namespace ner {

// A label whose prefix the scheme does not use (S-X in IOB2, B-X in IOE2): seqeval raises
// ValueError for it.
class LabelNotInScheme : public std::runtime_error {
 public:
  LabelNotInScheme(std::size_t index, const std::string& what) : std::runtime_error(what), index_(index) {}
  std::size_t index() const { return index_; }  // of the label in its sentence

 private:
  std::size_t index_;
};

std::vector<Span> strict_entities(const std::vector<Tag>& tags, Scheme scheme);

}  // namespace ner
