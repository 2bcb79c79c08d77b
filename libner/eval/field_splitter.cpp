#include "libner/eval/field_splitter.h"

#include <cctype>

#include "libner/io/error.h"

namespace ner {

namespace {

// The bytes a Perl regular expression matches when it is plain text with escapes, or false.
bool as_literal(const std::string& re, std::string& out) {
  static const std::string meta = "|()[{^$*+?.";
  out.clear();
  for (std::size_t i = 0; i < re.size(); ++i) {
    const char c = re[i];
    if (meta.find(c) != std::string::npos) return false;
    if (c != '\\') {
      out += c;
      continue;
    }
    if (++i == re.size()) return false;
    const char e = re[i];
    switch (e) {
      case 't': out += '\t'; break;
      case 'n': out += '\n'; break;
      case 'r': out += '\r'; break;
      case 'f': out += '\f'; break;
      case 'e': out += '\x1B'; break;
      case 'a': out += '\a'; break;
      default:
        // \<punctuation> is that character; \s, \d, \1, ... are more than text.
        if (std::isalnum(static_cast<unsigned char>(e))) return false;
        out += e;
    }
  }
  return !out.empty();
}

void drop_trailing_empty(std::vector<std::string_view>& fields) {
  while (!fields.empty() && fields.back().empty()) fields.pop_back();
}

}  // namespace

FieldSplitter::FieldSplitter(const std::string& delimiter) {
  if (as_literal(delimiter, literal_)) return;
  try {
    regex_ = std::make_unique<std::regex>(delimiter, std::regex::ECMAScript);
  } catch (const std::regex_error& e) {
    throw UsageError("cannot use the delimiter '" + delimiter + "': " + e.what());
  }
}

void FieldSplitter::split(std::string_view line, std::vector<std::string_view>& fields) const {
  fields.clear();
  if (regex_) return split_regex(line, fields);
  const char* p = line.data();
  const char* end = p + line.size();
  if (literal_.size() == 1) {
    // Fields are short (a word, a tag): a plain loop beats a call to memchr per field.
    const char d = literal_[0];
    for (const char* q = p; q != end; ++q) {
      if (*q != d) continue;
      fields.emplace_back(p, static_cast<std::size_t>(q - p));
      p = q + 1;
    }
  } else {
    std::size_t from = 0;
    for (std::size_t at; (at = line.find(literal_, from)) != std::string_view::npos; from = at + literal_.size())
      fields.push_back(line.substr(from, at - from));
    p += from;
  }
  fields.emplace_back(p, static_cast<std::size_t>(end - p));
  drop_trailing_empty(fields);
}

void FieldSplitter::split_regex(std::string_view line, std::vector<std::string_view>& fields) const {
  // Perl's rules for matches of zero length: none makes an empty field (so none at the start of
  // the line, and // splits a line into its bytes), and none at the end of the line.
  std::size_t field = 0;  // where the current field starts
  std::size_t from = 0;   // where the next search starts
  std::cmatch m;
  const char* base = line.data();
  while (from < line.size()) {
    auto flags = std::regex_constants::match_default;
    if (from > 0) flags |= std::regex_constants::match_prev_avail;
    if (!std::regex_search(base + from, base + line.size(), m, *regex_, flags)) break;
    const std::size_t at = from + static_cast<std::size_t>(m.position(0));
    const std::size_t len = static_cast<std::size_t>(m.length(0));
    if (len == 0 && at >= line.size()) break;
    if (len == 0 && at == field) {
      from = at + 1;
      continue;
    }
    fields.push_back(line.substr(field, at - field));
    // Perl returns what the groups of the expression captured as fields of their own.
    for (std::size_t g = 1; g < m.size(); ++g)
      fields.push_back(m[g].matched ? line.substr(static_cast<std::size_t>(m[g].first - base),
                                                  static_cast<std::size_t>(m[g].length()))
                                    : std::string_view());
    field = at + len;
    from = field;
  }
  fields.push_back(line.substr(field));
  drop_trailing_empty(fields);
}

}  // namespace ner
