#include "libner/format/brat.h"

#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstdio>
#include <filesystem>

#include "libner/io/error.h"
#include "libner/io/input.h"
#include "libner/io/output.h"
#include "libner/io/remove_tree.h"
#include "libner/io/utf8.h"

namespace fs = std::filesystem;

namespace ner {

namespace {

bool ends_with(const std::string& s, std::string_view suffix) {
  return s.size() >= suffix.size() && s.compare(s.size() - suffix.size(), suffix.size(), suffix) == 0;
}

bool parse_size(std::string_view s, std::size_t& value) {
  if (s.empty() || s.size() > 18 || s.find_first_not_of("0123456789") != std::string_view::npos) return false;
  value = std::stoull(std::string(s));
  return true;
}

// The text field of a .ann line cannot hold a line break; brat and this writer put a space there.
std::string one_line(std::string s) {
  std::replace(s.begin(), s.end(), '\n', ' ');
  std::replace(s.begin(), s.end(), '\r', ' ');
  return s;
}

std::vector<std::string_view> split_tabs(std::string_view line) {
  std::vector<std::string_view> fields;
  std::size_t i = 0;
  for (;;) {
    const auto tab = line.find('\t', i);
    fields.push_back(line.substr(i, tab == std::string_view::npos ? std::string_view::npos : tab - i));
    if (tab == std::string_view::npos) return fields;
    i = tab + 1;
  }
}

}  // namespace

BratReader::BratReader(const std::string& path) {
  std::error_code ec;
  const auto status = fs::status(path, ec);
  if (ec || !fs::exists(status)) throw Error(path, 0, "cannot open: " + errno_message(ENOENT));
  if (fs::is_directory(status)) {
    for (const auto& entry : fs::directory_iterator(path, ec)) {
      const std::string name = entry.path().string();
      if (ends_with(name, ".txt") && entry.is_regular_file()) texts_.push_back(name);
    }
    if (ec) throw Error(path, 0, "cannot read the folder: " + ec.message());
    std::sort(texts_.begin(), texts_.end());
  } else if (ends_with(path, ".txt")) {
    texts_.push_back(path);
  } else {
    throw Error(path, 0, "not a folder of brat .txt/.ann files nor a .txt file");
  }
}

bool BratReader::next(Document& doc) {
  if (next_ == texts_.size()) return false;
  const std::string& txt = texts_[next_++];
  origin_ = {txt, 0};
  doc = Document();
  doc.id = fs::path(txt).stem().string();
  doc.text = LineReader(txt).read_all();
  const auto offsets = utf8::code_point_offsets(doc.text);
  const std::size_t length = offsets.size() - 1;

  const std::string ann = txt.substr(0, txt.size() - 4) + ".ann";
  LineReader lines(ann);
  std::string_view line;
  while (lines.next(line)) {
    if (line.empty() || line.front() != 'T') continue;  // R, E, A, M, N, #, *: not entities
    const Origin where{ann, lines.line_number()};
    const auto fields = split_tabs(line);
    if (fields.size() < 2) throw Error(where.file, where.line, "expected 'T<n><TAB>type start end<TAB>text'");
    const std::string_view spec = fields[1];
    if (spec.find(';') != std::string_view::npos) {
      discontinuous_.add(where);
      continue;
    }
    const auto sp1 = spec.find(' ');
    const auto sp2 = sp1 == std::string_view::npos ? sp1 : spec.find(' ', sp1 + 1);
    Entity e;
    if (sp2 == std::string_view::npos || !parse_size(spec.substr(sp1 + 1, sp2 - sp1 - 1), e.start) ||
        !parse_size(spec.substr(sp2 + 1), e.end))
      throw Error(where.file, where.line, "expected 'type start end', found '" + std::string(spec) + "'");
    e.label = std::string(spec.substr(0, sp1));
    check_entity(e, length, where);
    if (fields.size() >= 3) {
      const std::string span = doc.text.substr(offsets[e.start], offsets[e.end] - offsets[e.start]);
      if (one_line(span) != one_line(std::string(fields[2])))
        throw Error(where.file, where.line,
                    "the text '" + std::string(fields[2]) + "' differs from the text at " +
                        std::to_string(e.start) + "-" + std::to_string(e.end) + " of " + txt + ": '" + span + "'");
    }
    doc.entities.push_back(std::move(e));
  }
  return true;
}

BratWriter::BratWriter(const std::string& folder) : folder_(folder) {
  if (is_std_stream(folder)) throw UsageError("brat output is a folder: give it with -o");
  while (folder_.size() > 1 && folder_.back() == '/') folder_.pop_back();
  std::string tmpl = folder_ + ".tmp.XXXXXX";
  if (!::mkdtemp(tmpl.data())) throw Error(folder, 0, "cannot write: " + errno_message(errno));
  staging_ = tmpl;
}

BratWriter::~BratWriter() {
  if (staging_.empty()) return;
  remove_tree(staging_);
}

void BratWriter::write(const Document& doc, const Origin& from) {
  // Ids made from where a document starts ("corpus/part1.txt:7") keep only their last component.
  std::string name = doc.id.substr(doc.id.rfind('/') + 1);
  if (!name.empty() && name.front() == '.') name.front() = '_';
  if (name.empty()) name = "_";
  if (!taken_.insert(name).second)
    throw Error(from.file, from.line, "two documents would be brat file " + name + ".txt (document id '" + doc.id + "')");

  OutputFile txt(staging_ + "/" + name + ".txt");
  txt << doc.text;
  txt.commit();

  const auto offsets = utf8::code_point_offsets(doc.text);
  OutputFile ann(staging_ + "/" + name + ".ann");
  std::size_t k = 0;
  for (const Entity& e : doc.entities) {
    if (e.label.empty() || e.label.find_first_of(" \t\n\r") != std::string::npos)
      throw Error(from.file, from.line, "the label '" + e.label + "' cannot be a brat type (it is empty or holds a space)");
    ann << 'T' << std::to_string(++k) << '\t' << e.label << ' ' << std::to_string(e.start) << ' '
        << std::to_string(e.end) << '\t'
        << one_line(doc.text.substr(offsets[e.start], offsets[e.end] - offsets[e.start])) << '\n';
  }
  ann.commit();
  names_.push_back(name);
}

void BratWriter::commit() {
  if (committed_) return;
  std::error_code ec;
  fs::create_directories(folder_, ec);
  if (ec) throw Error(folder_, 0, "cannot create the folder: " + ec.message());
  for (const auto& name : names_) {
    for (const char* ext : {".txt", ".ann"}) {
      const std::string from = staging_ + "/" + name + ext, to = folder_ + "/" + name + ext;
      if (std::rename(from.c_str(), to.c_str()) != 0)
        throw Error(to, 0, "cannot move into place: " + errno_message(errno));
    }
  }
  remove_tree(staging_);
  staging_.clear();
  committed_ = true;
}

}  // namespace ner
