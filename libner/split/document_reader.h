// Reads a corpus line by line and says which document and which sentence each line belongs to,
// so that ner-split can move whole documents (or sentences) without holding one in memory.
//
// Stream format (README "The stream format"):
// - A sentence is its token lines; the comment and -DOCSTART- lines before it, and any blank
//   lines among them, travel with it, and so do the blank lines after it. Comment lines after the
//   last sentence of a file join that sentence.
// - A document starts at the first line of a block (lines between blank lines) whose lines before
//   the first token hold a document marker: a -DOCSTART- line, a `# doc = ID` comment, or a
//   CoNLL-U `# newdoc` comment. Everything up to the next marker block belongs to it, so the
//   sentences after `# doc = ID` that have no marker continue that document. Lines before the
//   first marker form a document of their own when they hold a token line, and join the first
//   document otherwise (a file header, say). A marker with no sentence after it is an empty
//   document. Each new file starts a new document.
// - A stream with no marker at all has no documents to keep together: its callers treat each
//   sentence as a document (has_document_markers() tells).
// JSON lines: every non-blank line is one record, and is both a document and a sentence; blank
// lines join the record before them. Records must be JSON objects.
//
// Memory: one line, plus the comment and blank lines between two sentences (a preamble), which
// are held until the next token line shows where the document starts.
#pragma once

#include <cstddef>
#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "libner/io/input.h"

namespace ner::split {

enum class InputFormat { Auto, Stream, JsonLines };

// "stream", "JSON lines", "auto".
const char* format_name(InputFormat format);

// One input: the path to open and the name to give in messages (they differ for stdin copied to
// a temporary file).
struct InputFile {
  std::string path;
  std::string name;
};

struct CorpusLine {
  std::string_view text;   // the line without its line end and BOM
  std::string_view raw;    // the line exactly as read: line end, and BOM on a file's first line
  std::uint64_t document;  // 0-based index of the document it belongs to
  std::uint64_t sentence;  // 0-based index of the sentence (the record, for JSON lines)
};

class DocumentReader {
 public:
  // `format` Auto looks at the first non-blank line: a JSON object there means JSON lines,
  // anything else the stream format.
  DocumentReader(std::vector<InputFile> inputs, InputFormat format);
  ~DocumentReader();

  // When on (the default), token lines must all have the column count of the first one and JSON
  // records must parse as objects; a second pass over input already checked may turn it off.
  void set_validate(bool on) { validate_ = on; }

  // The next line with its document and sentence; false after the last line of the last input.
  // The views are valid until the next call. Throws ner::Error naming file and line.
  bool next(CorpusLine& line);

  // The format read (Auto until the first non-blank line has been seen).
  InputFormat format() const { return format_; }
  // After the last line: how many documents and sentences were read (records, for JSON lines).
  std::uint64_t documents() const { return doc_index_ + (doc_content_ ? 1 : 0); }
  std::uint64_t sentences() const { return sentence_index_ + (sentence_tokens_ ? 1 : 0); }
  bool has_document_markers() const { return saw_marker_; }

 private:
  enum class Kind { Blank, Comment, Marker, Token };
  struct HeldLine {
    std::string text, raw;
    Kind kind;
    std::uint64_t document = 0, sentence = 0;
  };

  bool open_next_input();
  void detect_format(std::string_view text);
  void read_record(std::string_view text);
  // Places the held preamble (and the token line after it, if any) in documents and sentences.
  void place_preamble(bool sentence_follows);
  void check_columns(std::string_view text);
  [[noreturn]] void fail(const std::string& message) const;

  std::vector<InputFile> inputs_;
  std::size_t next_input_ = 0;
  std::unique_ptr<LineReader> reader_;
  InputFormat format_;
  bool validate_ = true;

  std::uint64_t doc_index_ = 0, sentence_index_ = 0;
  bool doc_content_ = false;      // the current document has a marker or a token line
  bool sentence_tokens_ = false;  // the current sentence unit has its token lines
  bool new_input_ = false;        // the next document marker block or sentence starts a document
  bool saw_marker_ = false;
  bool in_sentence_ = false;      // the last line was a token line
  std::size_t columns_ = 0;

  std::vector<HeldLine> held_;   // the preamble being read
  std::vector<HeldLine> ready_;  // placed lines waiting to be returned
  std::size_t ready_pos_ = 0;
};

}  // namespace ner::split
