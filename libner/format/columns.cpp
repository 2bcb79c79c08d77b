#include "libner/format/columns.h"

#include <optional>

#include "libner/io/error.h"

namespace ner {

void strip_position_digit(std::string& token) {
  if (token.size() >= 2 && token.back() >= '0' && token.back() <= '9') token.pop_back();
}

std::vector<Span> LabelDecoder::decode(const std::vector<std::string>& labels, const std::string& file,
                                       const std::vector<std::size_t>& lines) {
  tags_.clear();
  for (std::size_t i = 0; i < labels.size(); ++i) {
    tags_.push_back(parse_tag(labels[i], dialect_.label_separator));
    if (tags_.back().prefix != 'O' && tags_.back().type.empty())
      throw Error(file, lines[i], "the label '" + labels[i] + "' has no entity type");
  }
  // Count each ill-formed label once: a label whose prefix the scheme does not use (S-X in IOB2)
  // is the culprit, not the label after it.
  const auto uses = [&](char prefix) {
    switch (dialect_.scheme) {
      case Scheme::IOB1: case Scheme::IOB2: return prefix != 'E' && prefix != 'S';
      case Scheme::IOE1: case Scheme::IOE2: return prefix != 'B' && prefix != 'S';
      default: return true;
    }
  };
  const std::string scheme = scheme_name(dialect_.scheme);
  bool last_noted = false;
  const auto note = [&](std::size_t i, const std::string& problem) {
    if (!ill_formed_) first_problem_ = problem;
    ill_formed_.add({file, lines[i]});
    last_noted = i + 1 == tags_.size();
  };
  std::optional<Tag> prev;
  for (std::size_t i = 0; i < tags_.size(); ++i) {
    const std::string& label = labels[i];
    if (!uses(tags_[i].prefix))
      note(i, "'" + label + "' is not a label of " + scheme);
    else if (!(prev && !uses(prev->prefix)) && !allowed_transition(prev, tags_[i], dialect_.scheme))
      note(i, "'" + label + "' " + (i == 0 ? std::string("at the start of a sentence") : "after '" + labels[i - 1] + "'") +
                  " is not well-formed " + scheme);
    prev = tags_[i];
  }
  if (prev && !last_noted && uses(prev->prefix) && !allowed_transition(prev, std::nullopt, dialect_.scheme))
    note(tags_.size() - 1, "'" + labels.back() + "' at the end of a sentence is not well-formed " + scheme);
  return ner::decode(tags_);
}

}  // namespace ner
