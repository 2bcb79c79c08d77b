#include "libner/eval/conlleval_reader.h"

#include <utility>

#include "libner/io/error.h"
#include "libner/stream/sentence.h"

namespace ner {

ConllevalReader::ConllevalReader(LineReader& lines, const ConllevalOptions& options)
    : lines_(lines), options_(options), splitter_(options.delimiter) {}

std::string_view ConllevalReader::field(int column, const char* what) {
  const long n = static_cast<long>(fields_.size());
  const long index = column < 0 ? n + column : column - 1;
  if (index < 0 || index >= n)
    throw Error(lines_.name(), line_,
                std::string("no ") + what + " column " + std::to_string(column) + ": the line has " +
                    std::to_string(n) + " columns");
  return fields_[static_cast<std::size_t>(index)];
}

// -r (lines 97-105): the outside label reads as O, and every other label as B-label, so that each
// token is a chunk of its own.
std::string_view ConllevalReader::raw_label(std::string_view label, std::string& storage) const {
  if (label == options_.outside) return "O";
  if (label == "O") return label;
  storage.assign("B-");
  storage.append(label.data(), label.size());
  return storage;
}

void ConllevalReader::detect() {
  detected_ = true;
  if (!options_.detect_tabs) return;
  std::string_view text;
  while (lines_.next(text)) {
    ahead_.emplace_back(std::string(text), lines_.line_number());
    if (is_comment_line(text)) continue;
    splitter_.split(text, fields_);
    if (fields_.empty()) continue;
    if (fields_.size() == 1 && fields_[0] != "-X-" && text.find('\t') != std::string_view::npos) {
      splitter_ = FieldSplitter("\t");
      tab_separated_ = true;
    }
    return;
  }
}

bool ConllevalReader::read(std::string_view& text) {
  if (!detected_) detect();
  while (true) {
    if (next_ahead_ < ahead_.size()) {
      text = ahead_[next_ahead_].first;
      line_ = ahead_[next_ahead_++].second;
    } else {
      if (!lines_.next(text)) return false;
      line_ = lines_.line_number();
    }
    if (!(tab_separated_ && is_comment_line(text))) return true;
    document_marked_ = document_marked_ || is_document_marker(text);
  }
}

bool ConllevalReader::next(ConllevalLine& line) {
  std::string_view text;
  if (!read(text)) return false;
  splitter_.split(text, fields_);
  const long last_index = static_cast<long>(fields_.size()) - 1;
  // Lines 85-90: the first line sets the number of fields (an empty one sets none).
  if (last_index_ < 0) {
    last_index_ = last_index;
    columns_line_ = line_;
  } else if (last_index != last_index_ && !fields_.empty()) {
    throw Error(lines_.name(), line_,
                "unexpected number of columns: " + std::to_string(last_index + 1) + " (" +
                    std::to_string(last_index_ + 1) + " on line " + std::to_string(columns_line_) + ")");
  }
  line.starts_document = false;
  if (fields_.empty() || fields_[0] == "-X-") {
    line.boundary = true;
    line.token = "-X-";
    line.gold = line.predicted = "O";
    return true;
  }
  if (fields_.size() < 2)
    throw Error(lines_.name(), line_,
                "expected at least 2 columns (the gold and the predicted label), found 1");
  line.boundary = false;
  line.starts_document = std::exchange(document_marked_, false);
  // Line 128: the first field is the token only when more than the two labels are left.
  line.token = fields_.size() > 2 ? fields_[0] : std::string_view();
  line.gold = field(options_.gold_column, "gold");
  line.predicted = field(options_.predicted_column, "predicted");
  if (options_.raw) {
    line.gold = raw_label(line.gold, raw_gold_);
    line.predicted = raw_label(line.predicted, raw_predicted_);
  }
  return true;
}

bool ConllevalSentences::read_line(ConllevalLine& line) {
  const bool got = reader_.next(line);
  if (!second_) return got;
  ConllevalLine other;
  const bool got2 = second_->next(other);
  if (got != got2) {
    const auto& longer = got ? reader_ : *second_;
    const auto& shorter = got ? *second_ : reader_;
    throw Error(shorter.name(), shorter.line_number(),
                "the input ends here, but " + longer.name() + " goes on at line " +
                    std::to_string(longer.line_number()));
  }
  if (!got) return false;
  if (line.boundary != other.boundary || line.token != other.token) {
    auto what = [](const ConllevalLine& l) {
      return l.boundary ? std::string("a sentence boundary") : "token '" + std::string(l.token) + "'";
    };
    throw Error(second_->name(), second_->line_number(),
                what(other) + ", but line " + std::to_string(reader_.line_number()) + " of " + reader_.name() +
                    " has " + what(line));
  }
  line.predicted2 = other.predicted;
  return true;
}

bool ConllevalSentences::next(LabelledSentence& sentence) {
  sentence.clear();
  arena_.clear();
  ends_.clear();
  if (done_) return false;
  const std::size_t pieces = second_ ? 4 : 3;
  auto append = [&](std::string_view piece) {
    arena_.append(piece.data(), piece.size());
    ends_.push_back(arena_.size());
  };
  ConllevalLine line;
  while (true) {
    if (!read_line(line)) {
      done_ = true;
      sentence.closed = false;
      break;
    }
    if (line.boundary) {
      if (!ends_.empty()) break;  // consecutive boundaries change nothing in conlleval's counts
      continue;
    }
    if (ends_.empty()) sentence.starts_document = line.starts_document || line.token == "-DOCSTART-";
    append(line.token);
    append(line.gold);
    append(line.predicted);
    if (second_) append(line.predicted2);
    sentence.lines.push_back(reader_.line_number());
  }
  if (ends_.empty()) return false;
  const std::size_t n = ends_.size() / pieces;
  auto piece = [&](std::size_t k) {
    const std::size_t begin = k == 0 ? 0 : ends_[k - 1];
    return std::string_view(arena_.data() + begin, ends_[k] - begin);
  };
  for (std::size_t i = 0; i < n; ++i) {
    sentence.tokens.push_back(piece(i * pieces));
    sentence.gold.push_back(piece(i * pieces + 1));
    sentence.predicted.push_back(piece(i * pieces + 2));
    if (second_) sentence.predicted2.push_back(piece(i * pieces + 3));
  }
  sentence.source = reader_.name();
  return true;
}

}  // namespace ner
