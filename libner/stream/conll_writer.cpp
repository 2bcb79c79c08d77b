#include "libner/stream/conll_writer.h"

namespace ner {

void write_sentence(OutputFile& out, const Sentence& sentence) {
  for (const auto& line : sentence.preamble) out << line << '\n';
  for (const auto& cols : sentence.tokens) {
    for (std::size_t k = 0; k < cols.size(); ++k) {
      if (k) out << '\t';
      out << cols[k];
    }
    out << '\n';
  }
  // A sentence ends with a blank line; so does a -DOCSTART- block, as in CoNLL-2003.
  if (!sentence.tokens.empty() || (!sentence.preamble.empty() && is_docstart_line(sentence.preamble.back())))
    out << '\n';
}

}  // namespace ner
