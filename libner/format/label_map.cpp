#include "libner/format/label_map.h"

#include <sys/stat.h>

#include "libner/io/error.h"
#include "libner/io/input.h"

namespace ner {

namespace {

std::string_view trim(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t')) s.remove_suffix(1);
  return s;
}

bool is_file(const std::string& path) {
  struct stat st;
  return ::stat(path.c_str(), &st) == 0 && !S_ISDIR(st.st_mode);
}

}  // namespace

void LabelMap::add(const std::string& from, const std::string& to) {
  if (from.empty()) throw UsageError("--map: an empty type name in a pair");
  if (!map_.emplace(from, to).second) throw UsageError("--map: the type '" + from + "' is mapped twice");
}

LabelMap LabelMap::parse(const std::string& spec) {
  LabelMap map;
  if (is_file(spec)) {
    LineReader lines(spec);
    std::string_view line;
    while (lines.next(line)) {
      line = trim(line);
      if (line.empty() || line.front() == '#') continue;
      auto sep = line.find('\t');
      if (sep == std::string_view::npos) sep = line.find('=');
      if (sep == std::string_view::npos)
        throw Error(lines.name(), lines.line_number(), "expected 'TYPE=NEW' or 'TYPE<TAB>NEW'");
      try {
        map.add(std::string(trim(line.substr(0, sep))), std::string(trim(line.substr(sep + 1))));
      } catch (const UsageError& e) {
        throw Error(lines.name(), lines.line_number(), e.what());
      }
    }
    return map;
  }
  if (spec.find('=') == std::string::npos)
    throw UsageError("--map: '" + spec + "' is neither a file nor a list of TYPE=NEW pairs");
  std::size_t i = 0;
  while (i <= spec.size()) {
    auto comma = spec.find(',', i);
    if (comma == std::string::npos) comma = spec.size();
    const std::string_view pair = trim(std::string_view(spec).substr(i, comma - i));
    i = comma + 1;
    if (pair.empty()) continue;
    const auto eq = pair.find('=');
    if (eq == std::string_view::npos) throw UsageError("--map: '" + std::string(pair) + "' is not TYPE=NEW");
    map.add(std::string(trim(pair.substr(0, eq))), std::string(trim(pair.substr(eq + 1))));
  }
  return map;
}

}  // namespace ner
