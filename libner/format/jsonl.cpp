#include "libner/format/jsonl.h"

#include "libner/io/error.h"
#include "libner/io/utf8.h"

namespace ner {

namespace {

Entity read_entity(const nlohmann::json& e, const std::string& what, const Origin& where) {
  Entity entity;
  if (e.is_array()) {
    if (e.size() != 3 || !e[2].is_string())
      throw Error(where.file, where.line, what + " is not [start, end, \"label\"]");
    entity.start = json::get_offset(e[0], what + " start", where);
    entity.end = json::get_offset(e[1], what + " end", where);
    entity.label = e[2].get<std::string>();
    return entity;
  }
  if (!e.is_object()) throw Error(where.file, where.line, what + " is not an object");
  const nlohmann::json* start = json::find(e, "start");
  const nlohmann::json* end = json::find(e, "end");
  if (!start) start = json::find(e, "start_offset");
  if (!end) end = json::find(e, "end_offset");
  if (!start || !end) throw Error(where.file, where.line, what + " lacks \"start\" or \"end\"");
  entity.start = json::get_offset(*start, what + " start", where);
  entity.end = json::get_offset(*end, what + " end", where);
  entity.label = json::get_string(e, "label", where);
  return entity;
}

}  // namespace

void JsonlReader::read(const nlohmann::json& record, Document& doc, const Origin& where) {
  doc.text = json::get_string(record, "text", where);
  if (const nlohmann::json* id = json::find(record, "id")) {
    if (id->is_string()) doc.id = id->get<std::string>();
    else if (id->is_number_integer()) doc.id = id->dump();
    else throw Error(where.file, where.line, "\"id\" is neither a string nor an integer");
  }
  const nlohmann::json* entities = json::find(record, "entities");
  if (!entities) entities = json::find(record, "label");
  if (!entities) return;
  if (!entities->is_array()) throw Error(where.file, where.line, "\"entities\" is not an array");
  const std::size_t length = utf8::length(doc.text);
  std::size_t k = 0;
  for (const auto& e : *entities) {
    Entity entity = read_entity(e, "entity " + std::to_string(++k), where);
    check_entity(entity, length, where);
    doc.entities.push_back(std::move(entity));
  }
}

void JsonlWriter::render(const Document& doc, std::string& line) const {
  line += "{\"id\": ";
  json::append_string(line, doc.id);
  line += ", \"text\": ";
  json::append_string(line, doc.text);
  line += ", \"entities\": [";
  for (std::size_t k = 0; k < doc.entities.size(); ++k) {
    const Entity& e = doc.entities[k];
    if (k) line += ", ";
    line += "{\"start\": ";
    line += std::to_string(e.start);
    line += ", \"end\": ";
    line += std::to_string(e.end);
    line += ", \"label\": ";
    json::append_string(line, e.label);
    line += '}';
  }
  line += "]}";
}

}  // namespace ner
