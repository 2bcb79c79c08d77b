#include "libner/eval/aligned_reader.h"

#include "libner/io/error.h"

namespace ner {

struct AlignedReader::Stream {
  explicit Stream(const std::string& path) : lines(path), reader(lines) {}
  LineReader lines;
  ConllReader reader;
  Sentence sentence;
  bool starts_document = false;
  bool ended = false;
  const std::string& name() const { return lines.name(); }
};

AlignedReader::AlignedReader(const std::string& gold, const std::string& predicted, const std::string& predicted2,
                             const AlignedOptions& options)
    : options_(options), gold_(std::make_unique<Stream>(gold)) {
  predicted_.push_back(std::make_unique<Stream>(predicted));
  if (!predicted2.empty()) predicted_.push_back(std::make_unique<Stream>(predicted2));
}

AlignedReader::~AlignedReader() = default;

bool AlignedReader::advance(Stream& s) {
  s.starts_document = false;
  while (s.reader.next(s.sentence)) {
    for (const auto& line : s.sentence.preamble)
      if (is_document_marker(line)) s.starts_document = true;
    if (!s.sentence.empty()) return true;
  }
  s.ended = true;
  return false;
}

std::size_t AlignedReader::label_index(const Stream& s, int column) const {
  const std::size_t n = s.sentence.tokens[0].size();
  const long index = column < 0 ? static_cast<long>(n) + column : column - 1;
  if (n < 2)
    throw Error(s.name(), s.sentence.lines[0], "expected a label column after the token, found 1 column");
  if (index < 1 || index >= static_cast<long>(n))
    throw Error(s.name(), s.sentence.lines[0],
                "no label column " + std::to_string(column) + ": the line has " + std::to_string(n) +
                    " columns, the first being the token");
  return static_cast<std::size_t>(index);
}

void AlignedReader::check(const Stream& gold, const Stream& other) const {
  if (gold.ended != other.ended) {
    const Stream& done = gold.ended ? gold : other;
    const Stream& going = gold.ended ? other : gold;
    throw Error(done.name(), done.lines.line_number(),
                "the input ends here, but " + going.name() + " goes on at line " +
                    std::to_string(going.sentence.lines[0]));
  }
  if (gold.ended) return;
  const auto& g = gold.sentence;
  const auto& o = other.sentence;
  const std::size_t n = std::min(g.size(), o.size());
  for (std::size_t i = 0; i < n; ++i) {
    if (g.tokens[i][0] != o.tokens[i][0])
      throw Error(gold.name(), g.lines[i],
                  "token '" + g.tokens[i][0] + "' differs from '" + o.tokens[i][0] + "' on line " +
                      std::to_string(o.lines[i]) + " of " + other.name());
  }
  if (g.size() != o.size()) {
    const Stream& shorter = g.size() < o.size() ? gold : other;
    const Stream& longer = g.size() < o.size() ? other : gold;
    throw Error(shorter.name(), shorter.sentence.lines.back(),
                "the sentence ends after this line, but in " + longer.name() + " it goes on at line " +
                    std::to_string(longer.sentence.lines[n]));
  }
}

bool AlignedReader::next(LabelledSentence& sentence) {
  sentence.clear();
  advance(*gold_);
  for (auto& p : predicted_) {
    advance(*p);
    check(*gold_, *p);
  }
  if (gold_->ended) return false;
  const auto& g = gold_->sentence;
  const std::size_t gold_index = label_index(*gold_, options_.gold_column);
  const std::size_t predicted_index = label_index(*predicted_[0], options_.predicted_column);
  const std::size_t predicted2_index =
      predicted_.size() > 1 ? label_index(*predicted_[1], options_.predicted_column) : 0;
  for (std::size_t i = 0; i < g.size(); ++i) {
    sentence.tokens.push_back(g.tokens[i][0]);
    sentence.gold.push_back(g.tokens[i][gold_index]);
    sentence.predicted.push_back(predicted_[0]->sentence.tokens[i][predicted_index]);
    if (predicted_.size() > 1) sentence.predicted2.push_back(predicted_[1]->sentence.tokens[i][predicted2_index]);
  }
  sentence.lines = g.lines;
  sentence.source = gold_->name();
  sentence.starts_document = gold_->starts_document;
  sentence.closed = true;
  return true;
}

}  // namespace ner
