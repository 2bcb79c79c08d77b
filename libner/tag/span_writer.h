// Tagged sentences to JSON lines of documents with entity spans (`ner-tag --format jsonl`):
//
//   {"id": "...", "text": "...", "entities": [{"start": 0, "end": 2, "label": "X", "text": "..", "score": 0.97}]}
//
// Offsets are code points, end exclusive, the convention of ner-convert's jsonl. When the stream
// carries offsets (columns 2 and 3, README "The stream format"), they are the original document's
// and the text is rebuilt from the tokens with the gaps filled by ASCII spaces (exact for the data
// ner-tokenize makes from text whose only non-token characters are spaces). Without offsets, the
// text is the tokens laid end to end, with one space between two tokens where both touching
// characters are ASCII (so Chinese characters join and English words stay apart).
//
// Documents: a `# doc = ID` comment or a -DOCSTART- line starts one; a sentence without either
// continues the current document when the stream uses `# doc =` comments or when its offsets go on
// from the previous sentence's; otherwise each sentence is a document of its own, numbered from 1.
// One document is held in memory at a time.
#pragma once

#include <cstddef>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "libner/io/output.h"
#include "libner/stream/sentence.h"

namespace ner {

class SpanWriter {
 public:
  explicit SpanWriter(OutputFile& out) : out_(out) {}

  // Adds one sentence whose tokens are `sentence.tokens[i][0]` and whose labels are `labels`.
  // With `confidences` (one per token, Tagger::tag's), each entity gets "score": the lowest
  // probability among its tokens' labels, so that one doubtful character marks the whole span.
  void add(const Sentence& sentence, const std::vector<std::string>& labels,
           const std::vector<float>* confidences = nullptr);
  // Writes the last document.
  void finish();

  // Whether the token lines carry offsets: columns 2 and 3 unsigned integers with start < end.
  static bool has_offsets(const Sentence& sentence);

 private:
  void flush();
  void append_text(const std::string& token, std::size_t start);

  OutputFile& out_;
  bool open_ = false;
  bool seen_doc_comment_ = false;
  std::size_t unnamed_ = 0;
  std::string id_;
  std::string text_;
  std::size_t length_ = 0;  // of text_, in code points
  nlohmann::ordered_json entities_ = nlohmann::ordered_json::array();
};

}  // namespace ner
