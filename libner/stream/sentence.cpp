#include "libner/stream/sentence.h"

namespace ner {

std::vector<std::string> Sentence::last_column() const { return column(-1); }

std::vector<std::string> Sentence::column(int k) const {
  std::vector<std::string> out;
  out.reserve(tokens.size());
  for (const auto& cols : tokens) {
    const int index = k < 0 ? static_cast<int>(cols.size()) + k : k;
    out.push_back(index >= 0 && index < static_cast<int>(cols.size()) ? cols[index] : std::string());
  }
  return out;
}

std::string Sentence::comment(std::string_view key) const {
  for (const auto& line : preamble) {
    std::string_view rest(line);
    if (rest.substr(0, 1) != "#") continue;
    rest.remove_prefix(1);
    while (!rest.empty() && rest.front() == ' ') rest.remove_prefix(1);
    if (rest.substr(0, key.size()) != key) continue;
    rest.remove_prefix(key.size());
    while (!rest.empty() && rest.front() == ' ') rest.remove_prefix(1);
    if (rest.substr(0, 1) != "=") continue;
    rest.remove_prefix(1);
    while (!rest.empty() && rest.front() == ' ') rest.remove_prefix(1);
    return std::string(rest);
  }
  return {};
}

std::vector<std::string> split_columns(std::string_view line) {
  std::vector<std::string> cols;
  std::size_t i = 0;
  while (i < line.size()) {
    while (i < line.size() && (line[i] == '\t' || line[i] == ' ')) ++i;
    if (i == line.size()) break;
    std::size_t j = i;
    while (j < line.size() && line[j] != '\t' && line[j] != ' ') ++j;
    cols.emplace_back(line.substr(i, j - i));
    i = j;
  }
  return cols;
}

bool is_comment_line(std::string_view line) {
  return !line.empty() && line.front() == '#' && line.find('\t') == std::string_view::npos;
}

bool is_docstart_line(std::string_view line) { return line.substr(0, 10) == "-DOCSTART-"; }

namespace {

// Whether the comment `line` (after "#" and spaces) starts with `key` as a whole word.
bool comment_has_key(std::string_view line, std::string_view key) {
  if (line.empty() || line.front() != '#') return false;
  line.remove_prefix(1);
  while (!line.empty() && line.front() == ' ') line.remove_prefix(1);
  if (line.substr(0, key.size()) != key) return false;
  line.remove_prefix(key.size());
  return line.empty() || line.front() == ' ' || line.front() == '=';
}

}  // namespace

bool is_document_marker(std::string_view line) {
  if (is_docstart_line(line)) return true;
  if (!is_comment_line(line)) return false;
  // `# doc = ID` (the suite's own), `# newdoc` / `# newdoc id = ID` (CoNLL-U).
  return (comment_has_key(line, "doc") && line.find('=') != std::string_view::npos) ||
         comment_has_key(line, "newdoc");
}

}  // namespace ner
