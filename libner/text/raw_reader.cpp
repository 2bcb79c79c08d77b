#include "libner/text/raw_reader.h"

#include <nlohmann/json.hpp>

#include "libner/io/error.h"

namespace ner {

std::string sanitize_id(std::string_view id) {
  std::string out(id);
  for (char& c : out)
    if (static_cast<unsigned char>(c) < 0x20 || c == 0x7F) c = ' ';
  return out;
}

RawReader::RawReader(std::vector<std::string> paths, RawInputOptions options)
    : paths_(std::move(paths)), options_(std::move(options)) {
  if (paths_.empty()) paths_.push_back("-");
  for (const std::string& path : paths_)
    if (!is_std_stream(path)) LineReader probe(path);  // throws "FILE: cannot open: ..."
}

RawReader::~RawReader() = default;

bool RawReader::open_next_file() {
  // An empty file (nothing but a BOM and line ends) is an error, as the list of bad input
  // has it: it is almost always a failed step upstream, and no document can come from it.
  if (reader_ && !saw_text_ && options_.layout != RawLayout::WholeFile)
    throw Error(reader_->name(), 0, "empty file");
  reader_.reset();
  if (path_index_ >= paths_.size()) return false;
  const std::string& path = paths_[path_index_++];
  reader_ = std::make_unique<LineReader>(path);
  display_name_ = is_std_stream(path) ? "" : path;
  read_whole_ = false;
  saw_text_ = false;
  return true;
}

bool RawReader::next(RawDocument& document) {
  for (;;) {
    if (reader_ && next_in_file(document)) return true;
    if (!open_next_file()) return false;
  }
}

bool RawReader::next_in_file(RawDocument& document) {
  document.file = reader_->name();
  if (options_.layout == RawLayout::WholeFile) {
    if (read_whole_) return false;
    read_whole_ = true;
    storage_ = reader_->read_all();
    document.text = storage_;
    document.id = sanitize_id(display_name_.empty() ? "-" : display_name_);
    document.line = 1;
    if (storage_.find_first_not_of("\r\n") == std::string::npos) throw Error(reader_->name(), 0, "empty file");
    return true;
  }
  std::string_view line;
  for (;;) {
    if (!reader_->next(line)) return false;
    saw_text_ |= !line.empty();
    const std::size_t number = reader_->line_number();
    const std::string where = display_name_.empty() ? std::to_string(number)
                                                    : display_name_ + ":" + std::to_string(number);
    document.line = number;
    if (options_.layout == RawLayout::Lines) {
      document.text = line;
      document.id = sanitize_id(where);
      return true;
    }
    // JSON lines: blank lines between records are allowed and skipped.
    if (line.find_first_not_of(" \t") == std::string_view::npos) continue;
    nlohmann::json record;
    try {
      record = nlohmann::json::parse(line);
    } catch (const nlohmann::json::parse_error& e) {
      throw Error(reader_->name(), number, "invalid JSON at byte " + std::to_string(e.byte));
    } catch (const nlohmann::json::exception&) {  // a number beyond a double, 1e99999 (found by tests/fuzz)
      throw Error(reader_->name(), number, "invalid JSON: a number out of range");
    }
    if (!record.is_object()) throw Error(reader_->name(), number, "a JSON line must be an object");
    const auto text = record.find(options_.text_field);
    if (text == record.end())
      throw Error(reader_->name(), number, "no \"" + options_.text_field + "\" field");
    if (!text->is_string())
      throw Error(reader_->name(), number, "field \"" + options_.text_field + "\" is not a string");
    storage_ = text->get<std::string>();
    document.text = storage_;
    const auto id = record.find(options_.id_field);
    if (id == record.end() || id->is_null()) document.id = sanitize_id(where);
    else document.id = sanitize_id(id->is_string() ? id->get<std::string>() : id->dump());
    return true;
  }
}

}  // namespace ner
