#include "libner/split/split_corpus.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstdio>
#include <cstdlib>
#include <functional>
#include <limits>
#include <memory>
#include <set>

#include "libner/io/error.h"
#include "libner/io/output.h"
#include "libner/split/partition.h"

namespace ner::split {

namespace {

bool is_blank(std::string_view line) { return line.find_first_not_of(" \t") == std::string_view::npos; }

// stdin copied to a temporary file, since a split reads its input twice. On Linux the file is
// unlinked as soon as it is made and read again through /proc/self/fd (each open starts at byte
// 0), so that nothing is left behind even when the tool is killed; elsewhere it is removed when
// the split ends.
class StdinCopy {
 public:
  StdinCopy() {
    const char* dir = std::getenv("TMPDIR");
    std::string tmpl = std::string(dir && *dir ? dir : "/tmp") + "/ner-split-stdin.XXXXXX";
    fd_ = ::mkstemp(tmpl.data());
    if (fd_ < 0) throw Error("<stdin>", 0, "cannot create a temporary copy in " + tmpl + ": " + errno_message(errno));
    path_ = tmpl;
#ifdef __linux__
    ::unlink(path_.c_str());
    path_ = "/proc/self/fd/" + std::to_string(fd_);
    unlinked_ = true;
#endif
    std::string buffer(1 << 16, '\0');
    for (;;) {
      const std::size_t got = std::fread(buffer.data(), 1, buffer.size(), stdin);
      if (got == 0) {
        if (std::ferror(stdin)) fail("read error");
        break;
      }
      for (std::size_t done = 0; done < got;) {
        const ssize_t n = ::write(fd_, buffer.data() + done, got - done);
        if (n < 0) {
          if (errno == EINTR) continue;
          fail("cannot write a temporary copy");
        }
        done += static_cast<std::size_t>(n);
      }
    }
  }
  ~StdinCopy() { release(); }
  StdinCopy(const StdinCopy&) = delete;
  StdinCopy& operator=(const StdinCopy&) = delete;

  const std::string& path() const { return path_; }

 private:
  void release() {
    if (fd_ >= 0) ::close(fd_);
    fd_ = -1;
    if (!unlinked_) ::unlink(path_.c_str());
    unlinked_ = true;
  }
  [[noreturn]] void fail(const std::string& what) {
    const int err = errno;
    release();
    throw Error("<stdin>", 0, what + ": " + errno_message(err));
  }

  std::string path_;
  int fd_ = -1;
  bool unlinked_ = false;
};

// The input after the first pass: what it is and how many units it holds.
struct Corpus {
  std::vector<InputFile> files;
  std::unique_ptr<StdinCopy> stdin_copy;
  InputFormat format = InputFormat::Auto;
  bool by_sentence = false;  // the unit is a sentence (or a record) rather than a document
  std::uint64_t units = 0;
  std::string unit_name;     // "documents", "sentences" or "records"

  std::uint64_t unit_of(const CorpusLine& line) const { return by_sentence ? line.sentence : line.document; }
};

Corpus open_corpus(const SplitRequest& request) {
  Corpus corpus;
  std::vector<std::string> inputs = request.inputs;
  if (inputs.empty()) inputs.push_back("-");
  for (const auto& path : inputs) {
    if (is_std_stream(path)) {
      if (corpus.stdin_copy) throw UsageError("stdin ('-') can be read only once");
      corpus.stdin_copy = std::make_unique<StdinCopy>();
      corpus.files.push_back(InputFile{corpus.stdin_copy->path(), "<stdin>"});
    } else {
      corpus.files.push_back(InputFile{path, path});
    }
  }
  return corpus;
}

// The first pass: checks the whole input and counts its units.
void scan(Corpus& corpus, InputFormat format, SplitUnit unit) {
  DocumentReader reader(corpus.files, format);
  CorpusLine line;
  while (reader.next(line)) {
  }
  corpus.format = reader.format();
  const std::string& name = corpus.files.front().name;
  if (corpus.format == InputFormat::Auto) throw Error(name, 0, "empty input: nothing to split");
  if (corpus.format == InputFormat::JsonLines) {
    corpus.by_sentence = true;
    corpus.unit_name = "records";
  } else {
    // Without document markers each sentence is its own document.
    corpus.by_sentence = unit == SplitUnit::Sentence || !reader.has_document_markers();
    corpus.unit_name = corpus.by_sentence ? "sentences" : "documents";
  }
  corpus.units = corpus.by_sentence ? reader.sentences() : reader.documents();
  if (corpus.units == 0) throw Error(name, 0, "no " + corpus.unit_name + " to split (only comments)");
}

bool same_file(const std::string& a, const std::string& b) {
  struct stat sa, sb;
  return ::stat(a.c_str(), &sa) == 0 && ::stat(b.c_str(), &sb) == 0 && sa.st_dev == sb.st_dev &&
         sa.st_ino == sb.st_ino;
}

void check_not_an_input(const Corpus& corpus, const std::string& output) {
  for (const auto& input : corpus.files)
    if (same_file(input.path, output)) throw Error(output, 0, "refusing to overwrite an input file");
}

std::vector<std::string> parse_names(const std::string& text, std::size_t count, const char* defaults) {
  std::vector<std::string> names;
  const std::string list = text.empty() ? defaults : text;
  std::size_t begin = 0;
  for (;;) {
    const std::size_t end = list.find(',', begin);
    names.push_back(list.substr(begin, end == std::string::npos ? std::string::npos : end - begin));
    if (end == std::string::npos) break;
    begin = end + 1;
  }
  if (text.empty() && names.size() != count) {
    names.clear();
    for (std::size_t k = 1; k <= count; ++k) names.push_back("part" + std::to_string(k));
  }
  if (names.size() != count)
    throw UsageError("--names '" + text + "' gives " + std::to_string(names.size()) + " names for " +
                     std::to_string(count) + " parts");
  std::set<std::string> seen;
  for (const auto& name : names) {
    if (name.empty() || name.find('/') != std::string::npos)
      throw UsageError("--names '" + text + "': a name must be non-empty and hold no '/'");
    if (!seen.insert(name).second) throw UsageError("--names '" + text + "': '" + name + "' is given twice");
  }
  return names;
}

// One output part of a ratio or fold split.
struct Part {
  std::string name, path;
  std::unique_ptr<OutputFile> file;
  std::uint64_t units = 0;
  bool ends_blank = true;  // the last line written was blank (or none was written)
};

std::vector<Part> open_parts(const Corpus& corpus, const std::vector<std::string>& names, const std::string& prefix,
                             const std::string& extension) {
  std::vector<Part> parts;
  for (const auto& name : names) {
    Part part;
    part.name = name;
    part.path = part_path(prefix, name, extension);
    check_not_an_input(corpus, part.path);
    parts.push_back(std::move(part));
  }
  // Opened only when all paths are known good; an error here removes the temporary files already
  // made (OutputFile's destructor).
  for (auto& part : parts) part.file = std::make_unique<OutputFile>(part.path);
  return parts;
}

// The second pass: each unit goes to parts[next_part()], drawn in input order. Lines are written
// without BOM and with LF line ends; in the stream format a blank line is added after a unit
// that lacked one (the last of a file) when another follows it in the same part.
void write_parts(const Corpus& corpus, std::vector<Part>& parts, const std::function<std::size_t()>& next_part) {
  DocumentReader reader(corpus.files, corpus.format);
  reader.set_validate(false);
  const bool stream = corpus.format == InputFormat::Stream;
  CorpusLine line;
  std::uint64_t current = std::numeric_limits<std::uint64_t>::max();
  Part* part = nullptr;
  while (reader.next(line)) {
    const std::uint64_t unit = corpus.unit_of(line);
    if (unit != current) {
      if (unit >= corpus.units) throw Error(corpus.files.back().name, 0, "the input changed while it was split");
      current = unit;
      part = &parts[next_part()];
      if (stream && !part->ends_blank) part->file->write("\n");
      ++part->units;
    }
    part->file->write(line.text);
    part->file->write("\n");
    part->ends_blank = is_blank(line.text);
  }
}

// Moves every part into place, or none: a part that fails to commit takes the ones before it away.
void commit_parts(std::vector<Part>& parts) {
  std::vector<std::string> done;
  try {
    for (auto& part : parts) {
      part.file->commit();
      done.push_back(part.path);
    }
  } catch (...) {
    for (const auto& path : done) ::unlink(path.c_str());
    throw;
  }
}

// PREFIX from -o, or the input's path without its extension ("data/corpus.conll" -> "data/corpus").
std::string prefix_of_parts(const SplitRequest& request) {
  if (!request.output.empty()) return request.output;
  if (request.inputs.size() != 1 || is_std_stream(request.inputs.front()))
    throw UsageError("-o PREFIX is needed when the input is stdin or several files");
  const std::string& path = request.inputs.front();
  return path.substr(0, path.size() - file_extension(path).size());
}

// --extension, or the first input's extension, or the format's own for stdin and bare names.
std::string extension_of_parts(const SplitRequest& request, const Corpus& corpus) {
  if (!request.extension.empty())
    return request.extension.front() == '.' ? request.extension : "." + request.extension;
  const std::string& first = request.inputs.empty() ? std::string("-") : request.inputs.front();
  const std::string ext = is_std_stream(first) ? std::string() : file_extension(first);
  if (!ext.empty()) return ext;
  return corpus.format == InputFormat::JsonLines ? ".jsonl" : ".conll";
}

std::string summary(const std::vector<Part>& parts) {
  std::string text;
  for (const auto& part : parts) {
    text += text.empty() ? "" : ", ";
    text += part.name + " " + std::to_string(part.units) + " (" + part.path + ")";
  }
  return text;
}

void warn_empty_parts(const Corpus& corpus, const std::vector<Part>& parts, const Log& log) {
  for (const auto& part : parts)
    if (part.units == 0)
      log.warn("part '" + part.name + "' is empty: the input has only " + std::to_string(corpus.units) + " " +
               corpus.unit_name);
}

void split_by_ratio(const SplitRequest& request, const Log& log) {
  const std::vector<std::uint64_t> weights = parse_ratio(request.ratio);
  const auto names = parse_names(request.names, weights.size(), weights.size() == 2 ? "train,test" : "train,dev,test");
  const std::string prefix = prefix_of_parts(request);
  Corpus corpus = open_corpus(request);
  scan(corpus, request.format, request.unit);
  std::vector<Part> parts = open_parts(corpus, names, prefix, extension_of_parts(request, corpus));
  RandomAssignment assignment(apportion(corpus.units, weights), request.seed);
  write_parts(corpus, parts, [&] { return assignment.next(); });
  commit_parts(parts);
  warn_empty_parts(corpus, parts, log);
  log.info(std::to_string(corpus.units) + " " + corpus.unit_name + " (" + format_name(corpus.format) + "), ratio " +
           request.ratio + ", seed " + std::to_string(request.seed) + ": " + summary(parts));
}

void split_by_fold(const SplitRequest& request, const Log& log) {
  const auto names = parse_names(request.names, 2, "train,test");
  // Without -o the fold is part of the name, so that the K folds do not overwrite each other.
  std::string prefix = prefix_of_parts(request);
  if (request.output.empty()) prefix += ".fold" + std::to_string(request.fold);
  Corpus corpus = open_corpus(request);
  scan(corpus, request.format, request.unit);
  std::vector<Part> parts = open_parts(corpus, names, prefix, extension_of_parts(request, corpus));
  // Every fold of one seed draws the same assignment, so the K test parts partition the corpus.
  RandomAssignment assignment(apportion(corpus.units, std::vector<std::uint64_t>(request.folds, 1)), request.seed);
  const std::size_t test_fold = request.fold - 1;
  write_parts(corpus, parts, [&] { return assignment.next() == test_fold ? std::size_t{1} : std::size_t{0}; });
  commit_parts(parts);
  warn_empty_parts(corpus, parts, log);
  log.info(std::to_string(corpus.units) + " " + corpus.unit_name + " (" + format_name(corpus.format) + "), fold " +
           std::to_string(request.fold) + " of " + std::to_string(request.folds) + ", seed " +
           std::to_string(request.seed) + ": " + summary(parts));
}

void split_by_shard(const SplitRequest& request, const Log& log) {
  const auto [index, count] = parse_shard(request.shard);
  Corpus corpus = open_corpus(request);
  scan(corpus, request.format, request.unit);
  const auto [first, end] = shard_range(corpus.units, index, count);
  const std::string output = request.output.empty() ? "-" : request.output;
  if (!is_std_stream(output)) check_not_an_input(corpus, output);
  OutputFile out(output);
  // The raw lines, line ends and BOM included, so that the shards concatenate to the input.
  DocumentReader reader(corpus.files, corpus.format);
  reader.set_validate(false);
  CorpusLine line;
  while (reader.next(line)) {
    const std::uint64_t unit = corpus.unit_of(line);
    if (unit >= end) break;
    if (unit >= first) out.write(line.raw);
  }
  out.commit();
  if (first == end)
    log.warn("shard " + request.shard + " is empty: the input has only " + std::to_string(corpus.units) + " " +
             corpus.unit_name);
  else
    log.info("shard " + request.shard + ": " + corpus.unit_name + " " + std::to_string(first + 1) +
             (end > first + 1 ? "-" + std::to_string(end) : std::string()) + " of " + std::to_string(corpus.units) +
             " (" + format_name(corpus.format) + ")");
}

void check_request(const SplitRequest& request) {
  const bool by_ratio = !request.ratio.empty();
  const bool by_fold = request.folds != 0 || request.fold != 0;
  const bool by_shard = !request.shard.empty();
  if (by_ratio + by_fold + by_shard != 1)
    throw UsageError("give exactly one of --ratio, --folds K --fold i, or --shard i/N");
  if (by_fold) {
    if (request.folds == 0) throw UsageError("--fold needs --folds K");
    if (request.folds < 2) throw UsageError("--folds " + std::to_string(request.folds) + ": needs at least 2 folds");
    if (request.fold < 1 || request.fold > request.folds)
      throw UsageError("--fold " + std::to_string(request.fold) + " is out of range 1.." + std::to_string(request.folds));
  }
  if (by_shard && !request.names.empty()) throw UsageError("--names does not apply to --shard");
  if (by_shard && !request.extension.empty()) throw UsageError("--extension does not apply to --shard (-o names the file)");
}

}  // namespace

std::string file_extension(const std::string& path) {
  const std::size_t slash = path.rfind('/');
  const std::size_t base = slash == std::string::npos ? 0 : slash + 1;
  std::size_t dot = path.rfind('.');
  if (dot == std::string::npos || dot <= base) return "";
  if (path.compare(dot, std::string::npos, ".zst") == 0) {
    const std::size_t before = dot == 0 ? std::string::npos : path.rfind('.', dot - 1);
    if (before != std::string::npos && before > base) dot = before;
  }
  return path.substr(dot);
}

std::string part_path(const std::string& prefix, const std::string& name, const std::string& extension) {
  if (!prefix.empty() && prefix.back() == '/') return prefix + name + extension;
  return prefix + "." + name + extension;
}

void split_corpus(const SplitRequest& request, const Log& log) {
  check_request(request);
  if (!request.ratio.empty()) split_by_ratio(request, log);
  else if (!request.shard.empty()) split_by_shard(request, log);
  else split_by_fold(request, log);
}

}  // namespace ner::split
