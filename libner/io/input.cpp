#include "libner/io/input.h"

#include <zstd.h>

#include <cerrno>
#include <cstdio>
#include <cstring>

#include "libner/io/error.h"
#include "libner/io/utf8.h"

namespace ner {

namespace {

bool ends_with(const std::string& s, std::string_view suffix) {
  return s.size() >= suffix.size() && s.compare(s.size() - suffix.size(), suffix.size(), suffix) == 0;
}

}  // namespace

// Raw bytes from a FILE*, decompressed when the stream is zstd.
class LineReader::Source {
 public:
  Source(const std::string& path, const std::string& name) : name_(name) {
    if (is_std_stream(path)) {
      file_ = stdin;
    } else {
      file_ = std::fopen(path.c_str(), "rb");
      if (!file_) throw Error(name, 0, "cannot open: " + errno_message(errno));
      owned_ = true;
    }
    if (ends_with(path, ".zst")) {
      dctx_ = ZSTD_createDCtx();
      in_buf_.resize(ZSTD_DStreamInSize());
    }
  }
  ~Source() {
    if (dctx_) ZSTD_freeDCtx(dctx_);
    if (owned_) std::fclose(file_);
  }

  // Reads up to n bytes into dst; 0 at the end.
  std::size_t read(char* dst, std::size_t n) {
    if (!dctx_) return read_raw(dst, n);
    ZSTD_outBuffer out{dst, n, 0};
    while (out.pos == 0) {
      if (in_.pos == in_.size) {
        std::size_t got = read_raw(in_buf_.data(), in_buf_.size());
        if (got == 0) {
          if (frame_open_) throw Error(name_, 0, "truncated zstd stream");
          return 0;
        }
        in_ = ZSTD_inBuffer{in_buf_.data(), got, 0};
      }
      std::size_t rc = ZSTD_decompressStream(dctx_, &out, &in_);
      if (ZSTD_isError(rc)) throw Error(name_, 0, std::string("zstd: ") + ZSTD_getErrorName(rc));
      frame_open_ = rc != 0;
    }
    return out.pos;
  }

 private:
  std::size_t read_raw(char* dst, std::size_t n) {
    std::size_t got = std::fread(dst, 1, n, file_);
    if (got == 0 && std::ferror(file_)) throw Error(name_, 0, "read error: " + errno_message(errno));
    return got;
  }

  std::string name_;
  std::FILE* file_ = nullptr;
  bool owned_ = false;
  ZSTD_DCtx* dctx_ = nullptr;
  std::string in_buf_;
  ZSTD_inBuffer in_{nullptr, 0, 0};
  bool frame_open_ = false;
};

LineReader::LineReader(const std::string& path)
    : name_(is_std_stream(path) ? "<stdin>" : path) {
  source_ = std::make_unique<Source>(path, name_);
}

LineReader::~LineReader() = default;

bool LineReader::fill() {
  if (eof_) return false;
  if (begin_ > 0) {
    buffer_.erase(0, begin_);
    begin_ = 0;
  }
  constexpr std::size_t kChunk = 1 << 16;
  const std::size_t old = buffer_.size();
  buffer_.resize(old + kChunk);
  std::size_t got = source_->read(buffer_.data() + old, kChunk);
  buffer_.resize(old + got);
  if (got == 0) eof_ = true;
  return got > 0;
}

bool LineReader::next(std::string_view& line) {
  std::size_t scanned = begin_;
  std::size_t nl;
  while ((nl = buffer_.find('\n', scanned)) == std::string::npos) {
    scanned = buffer_.size() - begin_;
    if (!fill()) break;
    scanned += begin_;
  }
  if (nl == std::string::npos && begin_ >= buffer_.size()) return false;
  const std::size_t end = nl == std::string::npos ? buffer_.size() : nl;
  std::string_view view(buffer_.data() + begin_, end - begin_);
  const std::size_t next_begin = nl == std::string::npos ? buffer_.size() : nl + 1;
  raw_ = std::string_view(buffer_.data() + begin_, next_begin - begin_);
  begin_ = next_begin;
  ++line_number_;
  if (view.size() >= 1 && view.back() == '\r') view.remove_suffix(1);
  if (line_number_ == 1 && view.substr(0, 3) == "\xEF\xBB\xBF") view.remove_prefix(3);
  const std::size_t bad = utf8::find_invalid(view);
  if (bad != std::string_view::npos)
    throw Error(name_, line_number_, "invalid UTF-8 at byte " + std::to_string(bad + 1) + " of the line");
  line = view;
  return true;
}

std::string LineReader::read_all() {
  while (fill()) {
  }
  std::string rest = buffer_.substr(begin_);
  begin_ = buffer_.size();
  if (line_number_ == 0 && rest.compare(0, 3, "\xEF\xBB\xBF") == 0) rest.erase(0, 3);
  const std::size_t bad = utf8::find_invalid(rest);
  if (bad != std::string::npos) {
    std::size_t line = line_number_ + 1;
    for (std::size_t i = 0; i < bad; ++i) line += rest[i] == '\n';
    throw Error(name_, line, "invalid UTF-8");
  }
  return rest;
}

}  // namespace ner
