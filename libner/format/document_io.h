// The two sides of every span format (ccks, jsonl, brat, cblue, and the stream read as documents):
// a reader that yields one Document at a time and a writer that takes them. Memory holds one
// document, so conversions stream whatever the size of the corpus.
#pragma once

#include <cstddef>
#include <string>

#include "libner/format/document.h"
#include "libner/format/tally.h"

namespace ner {

class DocumentReader {
 public:
  virtual ~DocumentReader() = default;
  // Fills `doc` with the next document; false at the end. Where the format has no document id,
  // the id is where the document starts, "FILE:LINE" (just "LINE" on stdin), as ner-tokenize
  // names documents. Throws ner::Error on bad input.
  virtual bool next(Document& doc) = 0;
  // Where the document last returned starts, for messages.
  virtual Origin origin() const = 0;
};

class DocumentWriter {
 public:
  virtual ~DocumentWriter() = default;
  // `from` is where the document came from, for messages about it.
  virtual void write(const Document& doc, const Origin& from) = 0;
  // Makes the output final. Until it is called, nothing written so far is left behind.
  virtual void commit() = 0;
};

class LineReader;
// The id of a document that starts on the line `lines` last returned: "FILE:LINE", or "LINE" for
// stdin.
std::string line_id(const LineReader& lines);

// Throws ner::Error at `where` unless 0 <= start < end <= the length of `text` in code points.
void check_entity(const Entity& entity, std::size_t text_length, const Origin& where);

}  // namespace ner
