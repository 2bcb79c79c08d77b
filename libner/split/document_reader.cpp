#include "libner/split/document_reader.h"

#include <nlohmann/json.hpp>

#include "libner/io/error.h"
#include "libner/stream/sentence.h"

namespace ner::split {

namespace {

// As ConllReader: a line of nothing but TABs and spaces ends a sentence.
bool is_blank(std::string_view line) { return line.find_first_not_of(" \t") == std::string_view::npos; }

std::size_t count_columns(std::string_view line) {
  std::size_t n = 0;
  bool in_field = false;
  for (char c : line) {
    const bool sep = c == '\t' || c == ' ';
    if (!sep && !in_field) ++n;
    in_field = !sep;
  }
  return n;
}

bool looks_like_json_object(std::string_view text) {
  const std::size_t first = text.find_first_not_of(" \t");
  return first != std::string_view::npos && text[first] == '{' && nlohmann::json::accept(text);
}

}  // namespace

const char* format_name(InputFormat format) {
  switch (format) {
    case InputFormat::Stream: return "stream";
    case InputFormat::JsonLines: return "JSON lines";
    case InputFormat::Auto: break;
  }
  return "auto";
}

DocumentReader::DocumentReader(std::vector<InputFile> inputs, InputFormat format)
    : inputs_(std::move(inputs)), format_(format) {}

DocumentReader::~DocumentReader() = default;

bool DocumentReader::open_next_input() {
  if (next_input_ == inputs_.size()) return false;
  const InputFile& input = inputs_[next_input_];
  try {
    reader_ = std::make_unique<LineReader>(input.path);
  } catch (const Error& e) {
    throw Error(input.name, e.line(), e.message());
  }
  new_input_ = next_input_ > 0;
  ++next_input_;
  return true;
}

void DocumentReader::fail(const std::string& message) const {
  throw Error(inputs_[next_input_ - 1].name, reader_ ? reader_->line_number() : 0, message);
}

bool DocumentReader::next(CorpusLine& out) {
  for (;;) {
    if (ready_pos_ < ready_.size()) {
      const HeldLine& line = ready_[ready_pos_++];
      out = CorpusLine{line.text, line.raw, line.document, line.sentence};
      return true;
    }
    ready_.clear();
    ready_pos_ = 0;
    if (!reader_ && !open_next_input()) return false;

    std::string_view text;
    bool got = false;
    try {
      got = reader_->next(text);
    } catch (const Error& e) {
      throw Error(inputs_[next_input_ - 1].name, e.line(), e.message());
    }
    if (!got) {
      // The end of a file ends its last sentence, and comments after it join it.
      if (!held_.empty()) place_preamble(false);
      in_sentence_ = false;
      reader_.reset();
      continue;
    }
    const std::string_view raw = reader_->raw();
    const bool blank = is_blank(text);
    if (format_ == InputFormat::Auto && !blank)
      format_ = looks_like_json_object(text) ? InputFormat::JsonLines : InputFormat::Stream;

    if (format_ == InputFormat::JsonLines) {
      if (!blank) read_record(text);
      out = CorpusLine{text, raw, doc_index_, sentence_index_};
      return true;
    }
    if (in_sentence_ || (blank && held_.empty())) {
      // Inside a sentence, or the blank lines after one: no decision to make.
      if (blank) in_sentence_ = false;
      else check_columns(text);
      out = CorpusLine{text, raw, doc_index_, sentence_index_};
      return true;
    }
    Kind kind = Kind::Token;
    if (blank) kind = Kind::Blank;
    else if (is_document_marker(text)) kind = Kind::Marker;
    else if (is_comment_line(text)) kind = Kind::Comment;
    held_.push_back(HeldLine{std::string(text), std::string(raw), kind});
    if (kind == Kind::Token) {
      check_columns(text);
      place_preamble(true);
      in_sentence_ = true;
    }
  }
}

void DocumentReader::read_record(std::string_view text) {
  if (validate_ && !looks_like_json_object(text)) {
    const std::size_t first = text.find_first_not_of(" \t");
    if (text[first] != '{') fail("not a JSON object (JSON lines hold one object per line)");
    std::size_t byte = 0;
    try {
      const auto ignored = nlohmann::json::parse(text);
      (void)ignored;
    } catch (const nlohmann::json::parse_error& e) {
      byte = e.byte;
    } catch (const nlohmann::json::exception&) {  // a number beyond a double, 1e99999 (found by tests/fuzz)
    }
    fail("invalid JSON" + (byte ? " at byte " + std::to_string(byte) + " of the line" : std::string()));
  }
  if (doc_content_) {
    ++doc_index_;
    ++sentence_index_;
  }
  doc_content_ = sentence_tokens_ = true;
}

void DocumentReader::check_columns(std::string_view text) {
  if (!validate_) return;
  const std::size_t n = count_columns(text);
  if (columns_ == 0) columns_ = n;
  if (n != columns_)
    fail("expected " + std::to_string(columns_) + " columns, found " + std::to_string(n));
}

void DocumentReader::place_preamble(bool sentence_follows) {
  // The whole preamble belongs to the sentence after it (or, at the end of a file, to the one
  // before it).
  if (sentence_follows && sentence_tokens_) {
    ++sentence_index_;
    sentence_tokens_ = false;
  }
  // A document starts at the first line of each block that holds a marker.
  for (std::size_t i = 0; i < held_.size(); ++i) {
    HeldLine& line = held_[i];
    const bool block_start = line.kind != Kind::Blank && (i == 0 || held_[i - 1].kind == Kind::Blank);
    if (block_start) {
      bool marker = false;
      for (std::size_t j = i; j < held_.size() && held_[j].kind != Kind::Blank; ++j)
        marker = marker || held_[j].kind == Kind::Marker;
      if ((marker || new_input_) && doc_content_) {
        ++doc_index_;
        doc_content_ = false;
      }
      new_input_ = false;
      saw_marker_ = saw_marker_ || marker;
    }
    if (line.kind == Kind::Marker || line.kind == Kind::Token) doc_content_ = true;
    line.document = doc_index_;
    line.sentence = sentence_index_;
  }
  if (sentence_follows) sentence_tokens_ = true;
  ready_.swap(held_);
  held_.clear();
  ready_pos_ = 0;
}

}  // namespace ner::split
