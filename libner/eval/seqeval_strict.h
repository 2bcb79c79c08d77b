// The reading of `ner-eval --strict --scheme S`: seqeval's strict mode (ner::decode_strict),
// which, like seqeval, refuses a label whose prefix the scheme does not use.
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

// Throws LabelNotInScheme for such a label.
std::vector<Span> strict_entities(const std::vector<Tag>& tags, Scheme scheme);

}  // namespace ner
