// Raw text documents for ner-tokenize, read one at a time from files or stdin in one of three
// layouts: a document per line (the default), a whole file per document, or JSON lines with the
// text in a named field (yidu-s4k's `originalText`, say). Memory holds one document.
//
// Document ids: the id field of a JSON line where there is one (a string as it is, any other JSON
// value as JSON); otherwise `FILE:LINE` for a line of a file (just `LINE` on stdin) and `FILE` for
// a whole file (`-` for stdin). Control characters in an id become spaces, so `# doc = ID` stays
// one line.
#pragma once

#include <cstddef>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "libner/io/input.h"

namespace ner {

enum class RawLayout { Lines, WholeFile, JsonLines };

struct RawInputOptions {
  RawLayout layout = RawLayout::Lines;
  std::string text_field = "text";  // JSON lines only
  std::string id_field = "id";
};

struct RawDocument {
  std::string id;
  std::string_view text;  // valid until the next call of RawReader::next
  std::string file;       // for messages
  std::size_t line = 0;   // where the document starts, 1-based
};

class RawReader {
 public:
  // `paths` empty or "-": stdin. Every file is opened first, so a missing one fails before any
  // output.
  RawReader(std::vector<std::string> paths, RawInputOptions options);
  ~RawReader();

  // The next document; false after the last one. Throws ner::Error naming file and line on input
  // that is not valid UTF-8, a JSON line that does not parse or lacks the text field, and on an
  // empty file (nothing but a BOM and line ends).
  bool next(RawDocument& document);

 private:
  bool open_next_file();
  bool next_in_file(RawDocument& document);

  std::vector<std::string> paths_;
  RawInputOptions options_;
  std::size_t path_index_ = 0;
  std::unique_ptr<LineReader> reader_;
  std::string display_name_;  // the file as ids name it
  bool read_whole_ = false;   // the whole file has been returned
  bool saw_text_ = false;     // the open file had a line that is not empty
  std::string storage_;       // the text of the last document, where it is not a view of a line
};

// An id made safe for a `# doc = ID` line.
std::string sanitize_id(std::string_view id);

}  // namespace ner
