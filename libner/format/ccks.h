// CCKS 2019 Task 1 ("yidu-s4k") JSON lines: one record per line,
//   {"originalText": "...", "entities": [{"label_type": "药物", "overlap": 0, "start_pos": 3, "end_pos": 7}]}
// with start_pos inclusive and end_pos exclusive, in code points. The format has no document id.
// Records are written back in this shape, keys in this order and "overlap" always 0 (the field
// says whether a mention overlaps another; the flat data the suite writes never does).
#pragma once

#include <string>

#include "libner/format/json_lines.h"

namespace ner {

class CcksReader : public JsonLinesReader {
 public:
  using JsonLinesReader::JsonLinesReader;

 protected:
  void read(const nlohmann::json& record, Document& doc, const Origin& where) override;
};

class CcksWriter : public JsonLinesWriter {
 public:
  using JsonLinesWriter::JsonLinesWriter;

 protected:
  void render(const Document& doc, std::string& line) const override;
};

}  // namespace ner
