#include "libner/text/tokenize_stream.h"

#include <charconv>

#include "libner/text/token_scanner.h"

namespace ner {

namespace {

void append_number(std::string& out, std::size_t n) {
  char digits[24];
  const auto result = std::to_chars(digits, digits + sizeof digits, n);
  out.append(digits, result.ptr);
}

}  // namespace

void write_tokenized_document(OutputFile& out, std::string_view id, std::string_view text,
                              const TokenizerOptions& tokenizer, SentenceSplitter& splitter,
                              TokenizeStats& stats) {
  stats.bytes += text.size();
  // Pass 1: where the sentences end (skipped when no cut is possible, as for a line of text).
  splitter.reset();
  if (splitter.may_cut(text)) {
    TokenScanner scanner(text, tokenizer);
    ScannedToken t;
    while (scanner.next(t)) splitter.push(boundary_of(t));
  }
  splitter.finish();
  const std::vector<std::size_t>& cuts = splitter.cuts();

  // Pass 2: write, a blank line at each cut. Lines gather in `buffer`, handed on in large pieces.
  constexpr std::size_t kFlushAt = 1 << 16;
  std::string buffer;
  buffer.reserve(kFlushAt + 256);
  TokenScanner scanner(text, tokenizer);
  ScannedToken t;
  std::size_t index = 0, next_cut = 0, sentence_start = 0;
  while (scanner.next(t)) {
    if (index == 0) buffer.append("# doc = ").append(id).push_back('\n');
    if (next_cut < cuts.size() && cuts[next_cut] == index) {
      buffer.push_back('\n');
      if (index - sentence_start > stats.longest_sentence) stats.longest_sentence = index - sentence_start;
      sentence_start = index;
      ++next_cut;
    }
    append_token_text(buffer, text.substr(t.byte_begin, t.byte_end - t.byte_begin), tokenizer.normalization);
    buffer.push_back('\t');
    append_number(buffer, t.start);
    buffer.push_back('\t');
    append_number(buffer, t.end);
    buffer.push_back('\n');
    if (buffer.size() >= kFlushAt) {
      out.write(buffer);
      buffer.clear();
    }
    ++index;
  }
  if (index == 0) {
    ++stats.empty_documents;
    return;
  }
  if (index - sentence_start > stats.longest_sentence) stats.longest_sentence = index - sentence_start;
  buffer.push_back('\n');
  out.write(buffer);
  ++stats.documents;
  stats.tokens += index;
  stats.sentences += cuts.size() + 1;
}

TokenizeStats tokenize_stream(const std::vector<std::string>& inputs, OutputFile& out,
                              const TokenizeStreamOptions& options) {
  TokenizeStats stats;
  RawReader reader(inputs, options.input);
  SentenceSplitter splitter(options.split);
  RawDocument document;
  while (reader.next(document))
    write_tokenized_document(out, document.id, document.text, options.tokenizer, splitter, stats);
  return stats;
}

}  // namespace ner
