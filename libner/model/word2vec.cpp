#include "libner/model/word2vec.h"

#include <cerrno>
#include <cstdlib>
#include <string_view>

#include "libner/io/error.h"
#include "libner/io/input.h"

namespace ner {

namespace {

bool is_separator(char c) { return c == ' ' || c == '\t'; }

// Splits at runs of spaces and TABs; `fields` is reused across lines.
void split_fields(std::string_view line, std::vector<std::string_view>& fields) {
  fields.clear();
  std::size_t i = 0;
  while (i < line.size()) {
    while (i < line.size() && is_separator(line[i])) ++i;
    std::size_t j = i;
    while (j < line.size() && !is_separator(line[j])) ++j;
    if (j > i) fields.push_back(line.substr(i, j - i));
    i = j;
  }
}

bool parse_integer(std::string_view s, int64_t& value) {
  if (s.empty() || s.size() > 18) return false;
  value = 0;
  for (char c : s) {
    if (c < '0' || c > '9') return false;
    value = value * 10 + (c - '0');
  }
  return true;
}

}  // namespace

int64_t read_word2vec(const std::string& path, int64_t dimension, const std::function<bool(const std::string&)>& wanted,
                      const std::function<void(const std::string&, const std::vector<float>&)>& use) {
  LineReader reader(path);
  std::string_view line;
  std::vector<std::string_view> fields;
  std::vector<float> values;
  std::string number, token;
  int64_t count = 0;
  bool first = true;
  while (reader.next(line)) {
    split_fields(line, fields);
    if (fields.empty()) continue;
    if (first) {
      first = false;
      int64_t n = 0, dim = 0;
      if (fields.size() == 2 && parse_integer(fields[0], n) && parse_integer(fields[1], dim)) {
        if (dim != dimension)
          throw Error(reader.name(), reader.line_number(),
                      "embeddings of dimension " + std::to_string(dim) + ", but the model's is " +
                          std::to_string(dimension) + " (set the embedding size to match)");
        continue;
      }
    }
    if (static_cast<int64_t>(fields.size()) != dimension + 1)
      throw Error(reader.name(), reader.line_number(),
                  "expected a token and " + std::to_string(dimension) + " values, found " +
                      std::to_string(fields.size()) + " fields");
    ++count;
    token.assign(fields[0]);
    if (!wanted(token)) continue;
    values.clear();
    for (std::size_t i = 1; i < fields.size(); ++i) {
      number.assign(fields[i]);
      char* end = nullptr;
      errno = 0;
      float v = std::strtof(number.c_str(), &end);
      if (end != number.c_str() + number.size() || errno == ERANGE)
        throw Error(reader.name(), reader.line_number(), "not a number: '" + number + "'");
      values.push_back(v);
    }
    use(token, values);
  }
  return count;
}

}  // namespace ner
