// What the JSON-lines formats (ccks, jsonl, cblue) share: one JSON object per line, read with
// nlohmann-json and checked with messages that name the line; written in the layout of Python's
// json.dumps(ensure_ascii=False), the layout yidu-s4k itself uses, so a record that is converted
// back unchanged compares equal to its source.
#pragma once

#include <nlohmann/json.hpp>

#include <cstddef>
#include <string>
#include <string_view>

#include "libner/format/document_io.h"
#include "libner/io/input.h"
#include "libner/io/output.h"

namespace ner {

class JsonLinesReader : public DocumentReader {
 public:
  explicit JsonLinesReader(const std::string& path) : lines_(path) {}
  bool next(Document& doc) override;  // skips blank lines
  Origin origin() const override { return origin_; }

 protected:
  // Fills `doc` from one parsed object.
  virtual void read(const nlohmann::json& record, Document& doc, const Origin& where) = 0;

 private:
  LineReader lines_;
  Origin origin_;
};

// Writes one line per document: the object that render() appends, then a newline.
class JsonLinesWriter : public DocumentWriter {
 public:
  explicit JsonLinesWriter(const std::string& path) : out_(path) {}
  void write(const Document& doc, const Origin& from) final;
  void commit() final { out_.commit(); }

 protected:
  // Appends `doc` as one JSON object (no newline) to `line`.
  virtual void render(const Document& doc, std::string& line) const = 0;

 private:
  OutputFile out_;
  std::string line_;  // reused, so that a long run allocates once
};

namespace json {

// Parses `line` as one JSON object; throws ner::Error at `where` ("invalid JSON at byte N: ...").
nlohmann::json parse_object(std::string_view line, const Origin& where);

// The string member `key` of `object`; throws at `where` when it is missing or not a string.
const std::string& get_string(const nlohmann::json& object, const char* key, const Origin& where);

// A character offset: a non-negative integer, or a string of decimal digits (cMedQANER writes
// "offset": "12"). `what` names the value in the message.
std::size_t get_offset(const nlohmann::json& value, const std::string& what, const Origin& where);

// The member `key` when present and not null; nullptr otherwise.
const nlohmann::json* find(const nlohmann::json& object, const char* key);

// Appends `s` as a JSON string literal: quotes, backslashes and C0 controls escaped, other
// characters written as UTF-8 (json.dumps(ensure_ascii=False)).
void append_string(std::string& out, std::string_view s);

}  // namespace json
}  // namespace ner
