// What the ner-convert targets share: one conversion as the tool runs it (ner::convert), and then
// the promise that what the suite writes it can read back: the output converted again, to the
// same format, must be read without an error and come out byte for byte the same.
#pragma once

#include <cstdio>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <string>

#include "fuzz_input.h"
#include "libner/format/convert.h"
#include "libner/io/log.h"

namespace ner::fuzz {

inline std::string read_file(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  return std::string(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
}

inline const char* extension(Format f) {
  switch (f) {
    case Format::Conll: return ".conll";
    case Format::Ccks: return ".ccks";
    case Format::Jsonl: return ".jsonl";
    default: return ".out";
  }
}

// Scheme k of the seven, wrapping.
inline Scheme scheme_of(unsigned k) {
  static const Scheme all[] = {Scheme::IOB2, Scheme::IOB1, Scheme::IOE1, Scheme::IOE2,
                               Scheme::IOBES, Scheme::BILOU, Scheme::BMES};
  return all[k % 7];
}

// Runs `o`; false when its options do not go together (a UsageError: not a finding). ner::Error
// passes through to the caller.
inline bool convert_quietly(const ConvertOptions& o, ConvertReport* report = nullptr) {
  try {
    check_options(o);
  } catch (const UsageError&) {
    return false;
  }
  Log log("ner-fuzz");
  log.set_quiet(true);
  const ConvertReport r = convert(o, log);
  r.print(o, log);
  if (report) *report = r;
  return true;
}

// Whether a stream has a line that reads as a comment (a '#' and no TAB) and yet ends a sentence:
// a token of a one-column stream, which no reader can tell from a comment (ner(7)).
inline bool token_like_comment(const std::string& stream) {
  std::size_t i = 0;
  while (i < stream.size()) {
    std::size_t end = stream.find('\n', i);
    if (end == std::string::npos) end = stream.size();
    const std::string_view line(stream.data() + i, end - i);
    if (!line.empty() && line.front() == '#' && line.find('\t') == std::string_view::npos &&
        (end + 1 >= stream.size() || stream[end + 1] == '\n'))
      return true;
    i = end + 1;
  }
  return false;
}

inline std::string without_line_end_cr(const std::string& stream) {
  std::string out;
  for (std::size_t i = 0; i < stream.size(); ++i)
    if (!(stream[i] == '\r' && (i + 1 == stream.size() || stream[i + 1] == '\n'))) out += stream[i];
  return out;
}

inline std::string without_blank_lines(const std::string& stream) {
  std::string out;
  std::size_t i = 0;
  while (i < stream.size()) {
    std::size_t end = stream.find('\n', i);
    if (end == std::string::npos) end = stream.size();
    if (end > i) out.append(stream, i, end - i).push_back('\n');
    i = end + 1;
  }
  return out;
}

// Converts `o` (its output replaced by a scratch file when it writes conll, ccks or jsonl), then
// converts that output again to its own format and checks that nothing changed. Input errors of
// the first conversion are expected; an error or a difference in the second is a finding.
inline void convert_and_reread(ConvertOptions o) {
  const bool rereadable = o.to && (*o.to == Format::Conll || *o.to == Format::Ccks || *o.to == Format::Jsonl);
  if (rereadable) {
    o.output = scratch_dir() + "/first" + extension(*o.to);
    std::remove(o.output.c_str());  // the last input's
  }
  try {
    if (!convert_quietly(o)) return;
  } catch (const ner::Error&) {
    return;
  }
  if (!rereadable) return;

  ConvertOptions again;
  again.from = *o.to;
  again.to = o.to;
  again.inputs = {o.output};
  again.output = scratch_dir() + "/second" + extension(*o.to);
  again.dialect.scheme = o.to_scheme;
  again.to_scheme = o.to_scheme;
  again.overlaps = o.overlaps == OverlapPolicy::Keep ? OverlapPolicy::Keep : OverlapPolicy::Fail;
  ConvertReport report;
  try {
    convert_quietly(again, &report);
  } catch (const ner::Error& e) {
    if (e.message() == "empty file") return;  // nothing was written: the stream holds no empty document
    std::fprintf(stderr, "ner-fuzz: the output of the first conversion cannot be read back: %s\n", e.what());
    std::abort();
  }
  // The suite writes every scheme well-formed.
  NER_FUZZ_CHECK(report.ill_formed.count() == 0);
  std::string first = read_file(o.output), second = read_file(again.output);
  // A CR that does not end a line makes a token (or a whole line) that the stream cannot hold: it is
  // written as it was read and read back as a line end. Such inputs are read and written, but their
  // output is not held to the same bytes.
  if (*o.to == Format::Conll && !o.inputs.empty() && std::filesystem::is_regular_file(o.inputs.front())) {
    const std::string input = read_file(o.inputs.front());
    for (std::size_t i = input.find('\r'); i != std::string::npos; i = input.find('\r', i + 1))
      if (i + 1 == input.size() || input[i + 1] != '\n') return;
  }
  if (*o.to == Format::Conll) {
    // A column that ends in CR at the end of a line reads back as a CRLF line end, and a token
    // that begins with a BOM on line 1 as a BOM (LineReader accepts both); the stream cannot
    // hold such tokens.
    first = without_line_end_cr(first);
    if (first.compare(0, 3, "\xEF\xBB\xBF") == 0) {
      first.erase(0, 3);  // and where U+FEFF was the whole token, the blank lines it leaves
      first.erase(0, first.find_first_not_of('\n') == std::string::npos ? first.size() : first.find_first_not_of('\n'));
    }
  }
  if (*o.to == Format::Conll && token_like_comment(first)) {
    // A one-column stream cannot tell a token "#x" that begins a sentence from a comment line
    // (ner(7)): read back, it is a comment before the next sentence. Only blank lines move.
    first = without_blank_lines(first);
    second = without_blank_lines(second);
  }
  if (first != second) {
    std::fprintf(stderr, "ner-fuzz: converting the output again changed it\n--- first\n%s--- second\n%s",
                 first.c_str(), second.c_str());
    std::abort();
  }
}

}  // namespace ner::fuzz

namespace ner::fuzz {

// The choices of a conversion from a span format (the input's last byte):
//   bits 0-1  --to: conll, jsonl, ccks, or none (--stats only)
//   bits 2-3  --overlaps: longest, first, fail, keep
//   bits 4-5  --max-len: none, 0, 3, 16 (conll output only)
//   bit 6     --map with a type mapped to another and one mapped to nothing
//   bit 7     --to-scheme BMES instead of IOB2, and --stats
inline ConvertOptions span_options(const Input& in, Format from) {
  ConvertOptions o;
  o.from = from;
  static const Format to[] = {Format::Conll, Format::Jsonl, Format::Ccks};
  if (in.bits(0, 2) < 3) o.to = to[in.bits(0, 2)];
  static const OverlapPolicy overlaps[] = {OverlapPolicy::Longest, OverlapPolicy::First, OverlapPolicy::Fail,
                                           OverlapPolicy::Keep};
  o.overlaps = overlaps[in.bits(2, 2)];
  if (o.overlaps == OverlapPolicy::Keep && (!o.to || *o.to == Format::Conll)) o.overlaps = OverlapPolicy::Longest;
  static const long max_len[] = {-1, 0, 3, 16};
  if (!o.to || *o.to == Format::Conll) o.max_len = max_len[in.bits(4, 2)];
  if (in.bit(6)) o.map = LabelMap::parse("DIS=疾病和诊断,药物=,B=A");
  if (in.bit(7)) {
    o.to_scheme = Scheme::BMES;
    o.stats = true;
  }
  o.output = "/dev/null";
  return o;
}

}  // namespace ner::fuzz
