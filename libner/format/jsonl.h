// The plain span format of doccano and spaCy users, one JSON object per line:
//   {"id": "7", "text": "...", "entities": [{"start": 0, "end": 3, "label": "DIS"}]}
// Offsets in code points, end exclusive. On input the variants doccano exports are accepted too:
// "label" instead of "entities", entities as [start, end, "label"] arrays, and "start_offset" /
// "end_offset" keys; "id" may be a number or absent.
#pragma once

#include <string>

#include "libner/format/json_lines.h"
#include "libner/io/output.h"

namespace ner {

class JsonlReader : public JsonLinesReader {
 public:
  using JsonLinesReader::JsonLinesReader;

 protected:
  void read(const nlohmann::json& record, Document& doc, const Origin& where) override;
};

class JsonlWriter : public DocumentWriter {
 public:
  explicit JsonlWriter(const std::string& path) : out_(path) {}
  void write(const Document& doc, const Origin& from) override;
  void commit() override { out_.commit(); }

 private:
  OutputFile out_;
  std::string line_;
};

}  // namespace ner
