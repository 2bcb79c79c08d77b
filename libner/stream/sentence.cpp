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

std::optional<std::string> document_comment_id(std::string_view line) {
  if (line.substr(0, 1) != "#") return std::nullopt;
  line.remove_prefix(1);
  const auto skip_spaces = [&] {
    while (!line.empty() && (line.front() == ' ' || line.front() == '\t')) line.remove_prefix(1);
  };
  const auto take = [&](std::string_view word) {
    skip_spaces();
    if (line.substr(0, word.size()) != word) return false;
    line.remove_prefix(word.size());
    return true;
  };
  if (take("newdoc")) {  // CoNLL-U: `# newdoc` or `# newdoc id = ID`
    skip_spaces();
    if (line.empty()) return std::string();
    if (!take("id") || !take("=")) return std::nullopt;
  } else if (!take("doc") || !take("=")) {
    return std::nullopt;
  }
  skip_spaces();
  return std::string(line);
}

bool is_document_marker(std::string_view line) {
  return is_docstart_line(line) || (is_comment_line(line) && document_comment_id(line));
}

}  // namespace ner
