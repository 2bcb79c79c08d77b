// The stream format shared by every tool (README "The stream format", ner(7)): one token per
// line, columns separated by TAB (ASCII space accepted on input, never other Unicode space: U+3000
// and U+00A0 are real tokens), the last column a label where there is one, a blank line after
// each sentence. `-DOCSTART-` lines and `# key = value` comment lines carry document identity and
// are kept with the sentence that follows them.
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace ner {

struct Sentence {
  // Comment and -DOCSTART- lines met before the tokens, verbatim and in order. A sentence may
  // have no tokens: the lines at the end of a stream, or a -DOCSTART- block.
  std::vector<std::string> preamble;
  // The columns of each token line.
  std::vector<std::vector<std::string>> tokens;
  // The input line of each token (1-based), for messages.
  std::vector<std::size_t> lines;

  std::size_t size() const { return tokens.size(); }
  bool empty() const { return tokens.empty(); }
  void clear() {
    preamble.clear();
    tokens.clear();
    lines.clear();
  }

  // The last column of every token: the labels when the stream is labelled.
  std::vector<std::string> last_column() const;
  // Column `k` of every token (k may be negative: -1 is the last column).
  std::vector<std::string> column(int k) const;
  // The value of a `# key = value` comment in the preamble, or "" when there is none.
  std::string comment(std::string_view key) const;
};

// Splits a token line on TAB and ASCII space (runs of them count as one separator).
std::vector<std::string> split_columns(std::string_view line);

// Whether a line before a sentence's first token is a comment: it starts with '#' and holds no
// TAB (a token "#" in a TAB-separated stream is a token line, `#\tO`).
bool is_comment_line(std::string_view line);
bool is_docstart_line(std::string_view line);
// The id of a comment that starts a document: `# doc = ID` (the suite's own), `# newdoc` or
// `# newdoc id = ID` (CoNLL-U); "" where it names none, nullopt for any other line.
std::optional<std::string> document_comment_id(std::string_view line);
// Whether a line before a sentence marks the start of a document: -DOCSTART- or a comment that
// document_comment_id reads. ner-split and ner-eval ask this; ner-convert reads the id too.
bool is_document_marker(std::string_view line);

}  // namespace ner
