#include "libner/format/cblue.h"

#include <cstdlib>
#include <vector>

#include "libner/io/error.h"
#include "libner/io/utf8.h"

namespace ner {

namespace {

std::vector<char32_t> code_points(std::string_view s) {
  std::vector<char32_t> cps;
  cps.reserve(s.size());
  for (std::size_t i = 0; i < s.size();) cps.push_back(utf8::decode(s, i));
  return cps;
}

char32_t fold(char32_t c) { return c >= 'A' && c <= 'Z' ? c + ('a' - 'A') : c; }

// Whether `mention` occurs at `at` in `text`, ignoring ASCII case.
bool occurs_at(const std::vector<char32_t>& text, const std::vector<char32_t>& mention, std::size_t at) {
  if (at + mention.size() > text.size()) return false;
  for (std::size_t k = 0; k < mention.size(); ++k)
    if (fold(text[at + k]) != fold(mention[k])) return false;
  return true;
}

}  // namespace

void CblueReader::read(const nlohmann::json& record, Document& doc, const Origin& where) {
  doc.text = json::get_string(record, "text", where);
  const nlohmann::json* mentions = json::find(record, "mention_data");
  if (!mentions) return;
  if (!mentions->is_array()) throw Error(where.file, where.line, "\"mention_data\" is not an array");
  const std::vector<char32_t> text = code_points(doc.text);
  std::size_t k = 0;
  for (const auto& m : *mentions) {
    const std::string what = "mention " + std::to_string(++k);
    if (!m.is_object()) throw Error(where.file, where.line, what + " is not an object");
    const std::vector<char32_t> mention = code_points(json::get_string(m, "mention", where));
    const nlohmann::json* offset = json::find(m, "offset");
    if (!offset) throw Error(where.file, where.line, what + " lacks \"offset\"");
    std::size_t start = json::get_offset(*offset, what + " offset", where);
    if (mention.empty()) throw Error(where.file, where.line, what + " is empty");
    if (!occurs_at(text, mention, start)) {
      // The nearest occurrence, the earlier one on a tie.
      std::size_t best = text.size();
      for (std::size_t at = 0; at + mention.size() <= text.size(); ++at) {
        if (!occurs_at(text, mention, at)) continue;
        const auto distance = [&](std::size_t p) { return p > start ? p - start : start - p; };
        if (best == text.size() || distance(at) < distance(best)) best = at;
      }
      if (best == text.size()) {
        unmatched_.add(where);
        continue;
      }
      moved_.add(where);
      start = best;
    }
    doc.entities.push_back({start, start + mention.size(), json::get_string(m, "type", where)});
  }
}

}  // namespace ner
