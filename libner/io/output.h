// Writing output that is either complete or absent. A named file is written to a temporary file
// beside it and renamed over it by commit(); if commit() is never reached (an error, an
// exception), the temporary file is removed, so no partial output is ever left behind. Names
// ending in .zst are zstd-compressed. "-" or "" is stdout, written directly. Devices and FIFOs
// (/dev/full, /dev/null, a named pipe) are written directly too: they cannot be renamed over.
#pragma once

#include <cstdio>
#include <memory>
#include <string>
#include <string_view>

namespace ner {

// Fails now, with the error OutputFile would give later, when `path` cannot be written: it is a
// folder, its folder is missing or read-only. For outputs written only after long work (a model
// at the end of training), so that a typo costs seconds, not the training. Creates nothing.
void check_output_path(const std::string& path);

class OutputFile {
 public:
  explicit OutputFile(const std::string& path);
  ~OutputFile();  // discards the output unless commit() was called
  OutputFile(const OutputFile&) = delete;
  OutputFile& operator=(const OutputFile&) = delete;

  void write(std::string_view bytes);
  OutputFile& operator<<(std::string_view bytes) {
    write(bytes);
    return *this;
  }
  OutputFile& operator<<(char c) {
    write(std::string_view(&c, 1));
    return *this;
  }

  // Flushes the stream, finishes compression and moves the file into place. Throws ner::Error
  // (a full disk, say), leaving no file behind.
  void commit();

  // Flushes what was written so far to the stream (stdout); for interactive pipelines.
  void flush();

  const std::string& name() const { return name_; }

 private:
  void write_raw(const char* data, std::size_t n);
  void fail(const std::string& what);

  class Compressor;
  std::string path_;       // final destination ("" for stdout)
  std::string temp_path_;  // where bytes go until commit ("" when written directly)
  std::string name_;       // for messages
  std::FILE* file_ = nullptr;
  bool owned_ = false;
  bool committed_ = false;
  std::unique_ptr<Compressor> zstd_;
  std::string buffer_;
};

}  // namespace ner
