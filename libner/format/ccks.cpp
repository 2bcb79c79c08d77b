#include "libner/format/ccks.h"

#include "libner/io/error.h"
#include "libner/io/utf8.h"

namespace ner {

void CcksReader::read(const nlohmann::json& record, Document& doc, const Origin& where) {
  doc.text = json::get_string(record, "originalText", where);
  const nlohmann::json* entities = json::find(record, "entities");
  if (!entities) return;
  if (!entities->is_array()) throw Error(where.file, where.line, "\"entities\" is not an array");
  const std::size_t length = utf8::length(doc.text);
  std::size_t k = 0;
  for (const auto& e : *entities) {
    const std::string what = "entity " + std::to_string(++k);
    if (!e.is_object()) throw Error(where.file, where.line, what + " is not an object");
    Entity entity;
    entity.label = json::get_string(e, "label_type", where);
    const nlohmann::json* start = json::find(e, "start_pos");
    const nlohmann::json* end = json::find(e, "end_pos");
    if (!start || !end) throw Error(where.file, where.line, what + " lacks \"start_pos\" or \"end_pos\"");
    entity.start = json::get_offset(*start, what + " start_pos", where);
    entity.end = json::get_offset(*end, what + " end_pos", where);
    check_entity(entity, length, where);
    doc.entities.push_back(std::move(entity));
  }
}

void CcksWriter::render(const Document& doc, std::string& line) const {
  line += "{\"originalText\": ";
  json::append_string(line, doc.text);
  line += ", \"entities\": [";
  for (std::size_t k = 0; k < doc.entities.size(); ++k) {
    const Entity& e = doc.entities[k];
    if (k) line += ", ";
    line += "{\"label_type\": ";
    json::append_string(line, e.label);
    line += ", \"overlap\": 0, \"start_pos\": ";
    line += std::to_string(e.start);
    line += ", \"end_pos\": ";
    line += std::to_string(e.end);
    line += '}';
  }
  line += "]}";
}

}  // namespace ner
