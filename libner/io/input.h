// Reading text streams line by line: files or stdin ("-"), zstd-decompressed when the name ends
// in .zst, UTF-8 checked, a leading BOM and CRLF line ends accepted. Memory holds one line at a
// time, so every tool streams.
#pragma once

#include <cstddef>
#include <memory>
#include <string>
#include <string_view>

namespace ner {

class LineReader {
 public:
  // Opens `path` ("-" or "" is stdin). Throws ner::Error when it cannot be opened.
  explicit LineReader(const std::string& path);
  ~LineReader();
  LineReader(const LineReader&) = delete;
  LineReader& operator=(const LineReader&) = delete;

  // Sets `line` to the next line without its line end; false at the end of the stream. The view
  // is valid until the next call. Throws ner::Error on invalid UTF-8 (naming line and byte) and
  // on read errors.
  bool next(std::string_view& line);

  std::size_t line_number() const { return line_number_; }  // of the line last returned, 1-based
  // The line last returned exactly as it was in the (decompressed) input: with its line end
  // (LF or CRLF, none for a last line without one) and, on line 1, the BOM. Valid until the next
  // call; for tools that must reproduce their input byte for byte (ner-split --shard).
  std::string_view raw() const { return raw_; }
  const std::string& name() const { return name_; }          // for messages: the path or <stdin>

  // Reads the whole rest of the stream (for formats that are not line-based, such as brat's .txt).
  std::string read_all();

 private:
  bool fill();  // appends more bytes to buffer_; false at end of input

  class Source;
  std::unique_ptr<Source> source_;
  std::string name_;
  std::string buffer_;
  std::size_t begin_ = 0;  // start of unread bytes in buffer_
  std::size_t line_number_ = 0;
  std::string_view raw_;
  bool eof_ = false;
};

// Whether a path names stdin/stdout.
inline bool is_std_stream(const std::string& path) { return path.empty() || path == "-"; }

}  // namespace ner
