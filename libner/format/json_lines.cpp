#include "libner/format/json_lines.h"

#include "libner/io/error.h"
#include "libner/io/input.h"

namespace ner {

bool JsonLinesReader::next(Document& doc) {
  std::string_view line;
  while (lines_.next(line)) {
    if (line.find_first_not_of(" \t") == std::string_view::npos) continue;
    origin_ = {lines_.name(), lines_.line_number()};
    doc = Document();
    read(json::parse_object(line, origin_), doc, origin_);
    if (doc.id.empty()) doc.id = line_id(lines_);
    return true;
  }
  return false;
}

std::string line_id(const LineReader& lines) {
  const std::string number = std::to_string(lines.line_number());
  return lines.name() == "<stdin>" ? number : lines.name() + ":" + number;
}

void check_entity(const Entity& entity, std::size_t text_length, const Origin& where) {
  const std::string span = "[" + std::to_string(entity.start) + ", " + std::to_string(entity.end) + ")";
  if (entity.start >= entity.end)
    throw Error(where.file, where.line, "entity " + span + " '" + entity.label + "' is empty or reversed");
  if (entity.end > text_length)
    throw Error(where.file, where.line,
                "entity " + span + " '" + entity.label + "' is out of range: the text has " +
                    std::to_string(text_length) + " characters");
}

void JsonLinesWriter::write(const Document& doc, const Origin&) {
  line_.clear();
  render(doc, line_);
  line_ += '\n';
  out_ << line_;
}

namespace json {

nlohmann::json parse_object(std::string_view line, const Origin& where) {
  nlohmann::json value;
  try {
    value = nlohmann::json::parse(line);
  } catch (const nlohmann::json::parse_error& e) {
    // what() is "[json.exception.parse_error.101] parse error at line 1, column 7: <why>".
    std::string why = e.what();
    const auto column = why.find("column ");
    const auto colon = column == std::string::npos ? std::string::npos : why.find(": ", column);
    if (colon != std::string::npos) why = why.substr(colon + 2);
    throw Error(where.file, where.line, "invalid JSON at byte " + std::to_string(e.byte) + ": " + why);
  } catch (const nlohmann::json::exception& e) {
    // Not a parse_error: a number beyond a double, 1e99999 (found by tests/fuzz).
    const std::string why = e.what();
    throw Error(where.file, where.line, "invalid JSON: " + why.substr(why.find("] ") == std::string::npos ? 0 : why.find("] ") + 2));
  }
  if (!value.is_object()) throw Error(where.file, where.line, "expected a JSON object, found " + std::string(value.type_name()));
  return value;
}

const nlohmann::json* find(const nlohmann::json& object, const char* key) {
  const auto it = object.find(key);
  return it == object.end() || it->is_null() ? nullptr : &*it;
}

const std::string& get_string(const nlohmann::json& object, const char* key, const Origin& where) {
  const nlohmann::json* value = find(object, key);
  if (!value) throw Error(where.file, where.line, std::string("missing \"") + key + "\"");
  if (!value->is_string())
    throw Error(where.file, where.line, std::string("\"") + key + "\" is not a string");
  return value->get_ref<const std::string&>();
}

std::size_t get_offset(const nlohmann::json& value, const std::string& what, const Origin& where) {
  if (value.is_number_unsigned()) return value.get<std::size_t>();
  if (value.is_number_integer() && value.get<long long>() >= 0) return value.get<std::size_t>();
  if (value.is_string()) {
    const auto& s = value.get_ref<const std::string&>();
    if (!s.empty() && s.size() < 19 && s.find_first_not_of("0123456789") == std::string::npos)
      return std::stoull(s);
  }
  throw Error(where.file, where.line, what + " is not a non-negative integer: " + value.dump());
}

void append_string(std::string& out, std::string_view s) {
  static const char* const kHex = "0123456789abcdef";
  out += '"';
  std::size_t plain = 0;  // start of the run of bytes that need no escape
  for (std::size_t i = 0; i < s.size(); ++i) {
    const auto c = static_cast<unsigned char>(s[i]);
    if (c >= 0x20 && c != '"' && c != '\\') continue;
    out.append(s.data() + plain, i - plain);
    plain = i + 1;
    switch (c) {
      case '"': out += "\\\""; break;
      case '\\': out += "\\\\"; break;
      case '\n': out += "\\n"; break;
      case '\r': out += "\\r"; break;
      case '\t': out += "\\t"; break;
      case '\b': out += "\\b"; break;
      case '\f': out += "\\f"; break;
      default:
        out += "\\u00";
        out += kHex[c >> 4];
        out += kHex[c & 15];
    }
  }
  out.append(s.data() + plain, s.size() - plain);
  out += '"';
}

}  // namespace json
}  // namespace ner
