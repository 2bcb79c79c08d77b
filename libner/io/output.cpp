#include "libner/io/output.h"

#include <sys/stat.h>
#include <unistd.h>
#include <zstd.h>

#include <cerrno>
#include <cstdlib>
#include <vector>

#include "libner/io/error.h"
#include "libner/io/input.h"

namespace ner {

namespace {

constexpr std::size_t kBufferSize = 1 << 16;

bool ends_with(const std::string& s, std::string_view suffix) {
  return s.size() >= suffix.size() && s.compare(s.size() - suffix.size(), suffix.size(), suffix) == 0;
}

// True for character devices, FIFOs and sockets: written in place, never replaced.
bool is_special_file(const std::string& path) {
  struct stat st;
  return ::stat(path.c_str(), &st) == 0 && !S_ISREG(st.st_mode) && !S_ISDIR(st.st_mode);
}

bool is_directory(const std::string& path) {
  struct stat st;
  return ::stat(path.c_str(), &st) == 0 && S_ISDIR(st.st_mode);
}

// Creates the temporary file beside `path` that OutputFile writes into; returns its descriptor and
// sets `temp_path`.
int make_temp_beside(const std::string& path, std::string& temp_path) {
  if (is_directory(path)) throw Error(path, 0, "cannot write: it is a folder");
  std::vector<char> tmpl(path.begin(), path.end());
  for (char c : std::string_view(".tmp.XXXXXX")) tmpl.push_back(c);
  tmpl.push_back('\0');
  int fd = ::mkstemp(tmpl.data());
  if (fd < 0) throw Error(path, 0, "cannot write: " + errno_message(errno));
  temp_path = tmpl.data();
  return fd;
}

}  // namespace

void check_output_path(const std::string& path) {
  if (is_std_stream(path) || is_special_file(path)) return;
  std::string temp_path;
  ::close(make_temp_beside(path, temp_path));
  ::unlink(temp_path.c_str());
}

class OutputFile::Compressor {
 public:
  Compressor() : cctx_(ZSTD_createCCtx()), out_(ZSTD_CStreamOutSize(), '\0') {
    ZSTD_CCtx_setParameter(cctx_, ZSTD_c_compressionLevel, 3);
  }
  ~Compressor() { ZSTD_freeCCtx(cctx_); }

  // Compresses `in` (or finishes the frame when `end`), handing compressed bytes to `sink`.
  template <class Sink>
  void run(std::string_view in, bool end, Sink&& sink) {
    ZSTD_inBuffer input{in.data(), in.size(), 0};
    for (;;) {
      ZSTD_outBuffer output{out_.data(), out_.size(), 0};
      std::size_t left = ZSTD_compressStream2(cctx_, &output, &input, end ? ZSTD_e_end : ZSTD_e_continue);
      if (ZSTD_isError(left)) throw Error(std::string("zstd: ") + ZSTD_getErrorName(left));
      sink(out_.data(), output.pos);
      if (end ? left == 0 : input.pos == input.size) break;
    }
  }

 private:
  ZSTD_CCtx* cctx_;
  std::string out_;
};

OutputFile::OutputFile(const std::string& path) {
  if (is_std_stream(path)) {
    name_ = "<stdout>";
    file_ = stdout;
  } else {
    path_ = path;
    name_ = path;
    if (is_special_file(path)) {
      file_ = std::fopen(path.c_str(), "wb");
    } else {
      int fd = make_temp_beside(path, temp_path_);
      ::fchmod(fd, 0666 & ~[] { mode_t m = ::umask(0); ::umask(m); return m; }());
      file_ = ::fdopen(fd, "wb");
    }
    if (!file_) throw Error(name_, 0, "cannot write: " + errno_message(errno));
    owned_ = true;
    if (ends_with(path, ".zst")) zstd_ = std::make_unique<Compressor>();
  }
  buffer_.reserve(kBufferSize);
}

OutputFile::~OutputFile() {
  if (owned_ && file_) std::fclose(file_);
  if (!committed_ && !temp_path_.empty()) ::unlink(temp_path_.c_str());
  if (!owned_ && !committed_ && file_) std::fflush(file_);
}

void OutputFile::fail(const std::string& what) {
  const int err = errno;
  if (owned_ && file_) {
    std::fclose(file_);
    file_ = nullptr;
  }
  if (!temp_path_.empty()) ::unlink(temp_path_.c_str());
  temp_path_.clear();
  throw Error(name_, 0, what + ": " + errno_message(err));
}

void OutputFile::write_raw(const char* data, std::size_t n) {
  if (n == 0) return;
  if (std::fwrite(data, 1, n, file_) != n) fail("write error");
}

void OutputFile::write(std::string_view bytes) {
  if (buffer_.size() + bytes.size() > kBufferSize) {
    flush();
    if (bytes.size() > kBufferSize) {
      if (zstd_) zstd_->run(bytes, false, [this](const char* d, std::size_t n) { write_raw(d, n); });
      else write_raw(bytes.data(), bytes.size());
      return;
    }
  }
  buffer_.append(bytes);
}

void OutputFile::flush() {
  if (zstd_) zstd_->run(buffer_, false, [this](const char* d, std::size_t n) { write_raw(d, n); });
  else write_raw(buffer_.data(), buffer_.size());
  buffer_.clear();
  if (!zstd_ && std::fflush(file_) != 0) fail("write error");
}

void OutputFile::commit() {
  if (committed_) return;
  if (zstd_) zstd_->run(buffer_, true, [this](const char* d, std::size_t n) { write_raw(d, n); });
  else write_raw(buffer_.data(), buffer_.size());
  buffer_.clear();
  if (owned_) {
    std::FILE* f = file_;
    file_ = nullptr;
    if (std::fclose(f) != 0) fail("write error");
  } else if (std::fflush(file_) != 0) {
    fail("write error");
  }
  if (!temp_path_.empty()) {
    if (std::rename(temp_path_.c_str(), path_.c_str()) != 0) fail("cannot rename into place");
    temp_path_.clear();
  }
  committed_ = true;
}

}  // namespace ner
