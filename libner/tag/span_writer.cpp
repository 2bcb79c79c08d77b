#include "libner/tag/span_writer.h"

#include <algorithm>
#include <cmath>
#include <stdexcept>

#include "libner/io/utf8.h"
#include "libner/scheme/scheme.h"

namespace ner {

namespace {

bool parse_unsigned(const std::string& s, std::size_t& value) {
  if (s.empty() || s.size() > 18) return false;
  value = 0;
  for (char c : s) {
    if (c < '0' || c > '9') return false;
    value = value * 10 + static_cast<std::size_t>(c - '0');
  }
  return true;
}

bool is_ascii_byte(char c) { return static_cast<unsigned char>(c) < 0x80; }

}  // namespace

bool SpanWriter::has_offsets(const Sentence& sentence) {
  if (sentence.empty()) return false;
  for (const auto& cols : sentence.tokens) {
    std::size_t start = 0, end = 0;
    if (cols.size() < 3 || !parse_unsigned(cols[1], start) || !parse_unsigned(cols[2], end) || start >= end)
      return false;
  }
  return true;
}

void SpanWriter::append_text(const std::string& token, std::size_t start) {
  if (start > length_) {
    text_.append(start - length_, ' ');
    length_ = start;
  }
  text_ += token;
  length_ += utf8::length(token);
}

void SpanWriter::add(const Sentence& sentence, const std::vector<std::string>& labels,
                     const std::vector<float>* confidences) {
  const std::string doc = sentence.comment("doc");
  bool docstart = false;
  for (const auto& line : sentence.preamble) docstart |= is_docstart_line(line);
  if (!doc.empty()) seen_doc_comment_ = true;
  const bool offsets = has_offsets(sentence);
  std::size_t first_start = 0;
  if (offsets) parse_unsigned(sentence.tokens[0][1], first_start);
  const bool continues = open_ && doc.empty() && !docstart &&
                         (seen_doc_comment_ || (offsets && first_start >= length_));
  if (!continues) {
    flush();
    id_ = doc.empty() ? std::to_string(++unnamed_) : doc;
    open_ = true;
  }
  if (sentence.empty()) return;

  // Where each token starts in the document, in code points.
  std::vector<std::size_t> starts(sentence.size()), ends(sentence.size());
  for (std::size_t i = 0; i < sentence.size(); ++i) {
    const std::string& token = sentence.tokens[i][0];
    if (offsets) {
      parse_unsigned(sentence.tokens[i][1], starts[i]);
      parse_unsigned(sentence.tokens[i][2], ends[i]);
      append_text(token, starts[i]);
    } else {
      const bool space = !text_.empty() && is_ascii_byte(text_.back()) && text_.back() != '\n' &&
                         is_ascii_byte(token.front());
      starts[i] = length_ + (space ? 1 : 0);
      append_text(token, starts[i]);
      ends[i] = length_;
    }
  }
  if (confidences && confidences->size() != labels.size())
    throw std::logic_error("SpanWriter::add: one confidence per label expected");
  const auto spans = decode(labels);
  if (spans.empty()) return;
  const auto cps = utf8::code_point_offsets(text_);
  for (const auto& span : spans) {
    const std::size_t start = starts[span.begin], end = ends[span.end - 1];
    const std::string text = end <= length_ ? text_.substr(cps[start], cps[end] - cps[start]) : std::string();
    nlohmann::ordered_json entity{{"start", start}, {"end", end}, {"label", span.type}, {"text", text}};
    if (confidences) {
      const float lowest = *std::min_element(confidences->begin() + static_cast<std::ptrdiff_t>(span.begin),
                                             confidences->begin() + static_cast<std::ptrdiff_t>(span.end));
      entity["score"] = std::round(lowest * 1e4) / 1e4;  // four decimals: a confidence, not a checksum
    }
    entities_.push_back(std::move(entity));
  }
}

void SpanWriter::flush() {
  if (!open_) return;
  nlohmann::ordered_json doc = {{"id", id_}, {"text", text_}, {"entities", entities_}};
  out_ << doc.dump() << '\n';
  open_ = false;
  text_.clear();
  length_ = 0;
  entities_ = nlohmann::ordered_json::array();
}

void SpanWriter::finish() { flush(); }

}  // namespace ner
