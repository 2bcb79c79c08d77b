// The plain span format of doccano and spaCy users, one JSON object per line:
//   {"id": "7", "text": "...", "entities": [{"start": 0, "end": 3, "label": "DIS"}]}
// Offsets in code points, end exclusive. On input the variants doccano exports are accepted too:
// "label" instead of "entities", entities as [start, end, "label"] arrays, and "start_offset" /
// "end_offset" keys; "id" may be a number or absent.
#pragma once

#include <string>

#include "libner/format/json_lines.h"

namespace ner {

class JsonlReader : public JsonLinesReader {
 public:
  using JsonLinesReader::JsonLinesReader;

 protected:
  void read(const nlohmann::json& record, Document& doc, const Origin& where) override;
};

class JsonlWriter : public JsonLinesWriter {
 public:
  using JsonLinesWriter::JsonLinesWriter;

 protected:
  void render(const Document& doc, std::string& line) const override;
};

}  // namespace ner
