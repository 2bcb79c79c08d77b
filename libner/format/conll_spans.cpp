#include "libner/format/conll_spans.h"

#include <algorithm>
#include <charconv>
#include <cstdint>
#include <limits>

#include "libner/format/overlaps.h"
#include "libner/io/error.h"
#include "libner/io/utf8.h"

namespace ner {

namespace {

// Spaces filled into a document's gaps beyond this many may not outnumber its token characters.
constexpr std::size_t kMaxFill = std::size_t{1} << 20;

bool parse_size(std::string_view s, std::size_t& value) {
  if (s.empty() || s.size() > 18) return false;
  const auto [end, ec] = std::from_chars(s.data(), s.data() + s.size(), value);
  return ec == std::errc() && end == s.data() + s.size();
}

void append_size(std::string& out, std::size_t value) {
  char digits[24];
  const auto [end, ec] = std::to_chars(digits, digits + sizeof digits, value);
  out.append(digits, end);
}

// A document id on a `# doc =` line must stay on that line: control characters become spaces.
std::string one_line(std::string s) {
  for (char& c : s)
    if (static_cast<unsigned char>(c) < 0x20 || c == 0x7F) c = ' ';
  return s;
}

}  // namespace

void trim_entities(Document& doc, const Origin& where, Tally& trimmed, Tally& blank) {
  if (doc.entities.empty()) return;
  std::vector<char32_t> cps;
  cps.reserve(doc.text.size());
  for (std::size_t i = 0; i < doc.text.size();) cps.push_back(utf8::decode(doc.text, i));
  std::size_t out = 0;
  for (std::size_t k = 0; k < doc.entities.size(); ++k) {
    Entity& e = doc.entities[k];
    const std::size_t start = e.start, end = e.end;
    while (e.start < e.end && is_separator_space(cps[e.start])) ++e.start;
    while (e.end > e.start && is_separator_space(cps[e.end - 1])) --e.end;
    if (e.start == e.end) {
      blank.add(where);
      continue;
    }
    if (e.start != start || e.end != end) trimmed.add(where);
    if (out != k) doc.entities[out] = std::move(e);
    ++out;
  }
  doc.entities.resize(out);
}

bool fits_a_label_column(std::string_view type) {
  if (type.empty()) return false;
  for (const char c : type)
    if (static_cast<unsigned char>(c) <= 0x20) return false;
  return true;
}

std::string unwritable_type(std::string_view type) {
  std::string shown(type);
  for (char& c : shown)
    if (static_cast<unsigned char>(c) < 0x20) c = ' ';
  return "the entity type '" + shown + "' cannot be written to the stream (it is empty or holds a space or a control character)";
}

bool has_offsets(const std::vector<std::string>& columns) {
  std::size_t start, end;
  return columns.size() >= 3 && parse_size(columns[1], start) && parse_size(columns[2], end) && start < end;
}

// --- documents to stream ---------------------------------------------------------------------

ConllDocumentWriter::ConllDocumentWriter(std::unique_ptr<OutputFile> out, const StreamWriteOptions& options,
                                         CorpusStats* stats)
    : out_(std::move(out)), options_(options), stats_(stats) {}

void ConllDocumentWriter::write(const Document& doc, const Origin& from) {
  const std::vector<TextToken> tokens = tokenize(doc.text, options_.tokenizer);
  if (stats_) stats_->add_document();

  // Each entity as the tokens it covers.
  constexpr auto kNone = std::numeric_limits<std::uint32_t>::max();
  std::vector<Span> spans;
  if (!doc.entities.empty()) {
    std::vector<std::uint32_t> owner(utf8::length(doc.text), kNone);
    for (std::size_t t = 0; t < tokens.size(); ++t)
      for (std::size_t c = tokens[t].start; c < tokens[t].end && c < owner.size(); ++c)
        owner[c] = static_cast<std::uint32_t>(t);
    for (const Entity& e : doc.entities) {
      if (!fits_a_label_column(e.label)) throw Error(from.file, from.line, unwritable_type(e.label));
      std::size_t first = e.start, last = e.end;
      while (first < e.end && owner[first] == kNone) ++first;
      while (last > first && owner[last - 1] == kNone) --last;
      if (first == last) {
        collided_.add(from);  // covers no token
        continue;
      }
      const std::size_t begin = owner[first], end = owner[last - 1] + 1;
      if (tokens[begin].start != e.start || tokens[end - 1].end != e.end) widened_.add(from);
      spans.push_back({begin, end, e.label});
    }
    std::sort(spans.begin(), spans.end());
    std::vector<std::pair<std::size_t, std::size_t>> intervals;
    for (const auto& s : spans) intervals.emplace_back(s.begin, s.end);
    const auto keep = select_non_overlapping(intervals, OverlapPolicy::First);
    if (keep.size() != spans.size()) {
      collided_.add(from, spans.size() - keep.size());
      std::vector<Span> kept;
      for (std::size_t i : keep) kept.push_back(std::move(spans[i]));
      spans = std::move(kept);
    }
  }
  if (stats_)
    for (const auto& s : spans) stats_->add_entity(s.type);

  std::vector<std::pair<std::size_t, std::size_t>> pieces;
  if (options_.max_len >= 0 && !tokens.empty())
    pieces = split_sentences(tokens, doc.text, static_cast<std::size_t>(options_.max_len), spans);
  else if (!tokens.empty())
    pieces.emplace_back(0, tokens.size());

  buffer_.clear();
  buffer_ += "# doc = ";
  buffer_ += one_line(doc.id);
  buffer_ += '\n';
  std::size_t next_span = 0;
  std::vector<Span> local;
  for (const auto& [begin, end] : pieces) {
    local.clear();
    while (next_span < spans.size() && spans[next_span].end <= begin) ++next_span;
    for (std::size_t k = next_span; k < spans.size() && spans[k].begin < end; ++k) {
      const Span& s = spans[k];
      const std::size_t b = std::max(s.begin, begin), e = std::min(s.end, end);
      if (b != s.begin || e != s.end) cut_.add(from);
      local.push_back({b - begin, e - begin, s.type});
    }
    const auto labels = encode(local, end - begin, options_.scheme);
    for (std::size_t t = begin; t < end; ++t) {
      buffer_ += tokens[t].text;
      buffer_ += '\t';
      append_size(buffer_, tokens[t].start);
      buffer_ += '\t';
      append_size(buffer_, tokens[t].end);
      buffer_ += '\t';
      buffer_ += labels[t - begin];
      buffer_ += '\n';
    }
    buffer_ += '\n';
    if (stats_) stats_->add_sentence(end - begin, doc.id);
    if (out_ && buffer_.size() > (1u << 16)) {
      out_->write(buffer_);
      buffer_.clear();
    }
  }
  if (out_) out_->write(buffer_);
}

// --- stream to documents ---------------------------------------------------------------------

ConllDocumentReader::ConllDocumentReader(const std::string& path, const StreamReadOptions& options)
    : lines_(path), reader_(lines_), options_(options), decoder_(options.dialect) {}

void ConllDocumentReader::start_document(std::string id, bool from_docstart) {
  finish_document();
  current_ = Building();  // not emplace(): clang sees Building as not default-constructible inside the class
  current_->doc.id = std::move(id);
  current_->origin = {lines_.name(), lines_.line_number()};
  current_->from_docstart = from_docstart;
}

void ConllDocumentReader::finish_document() {
  if (!current_) return;
  // A -DOCSTART- line with no sentence after it (the end of a CoNLL-2003 file) makes no document.
  if (current_->from_docstart && !current_->has_tokens) {
    current_.reset();
    return;
  }
  // `# doc =` with no value and no sentence after it: named where it stands, as the span readers
  // name a document without an id (an empty id would not survive a round trip; found by tests/fuzz).
  if (current_->doc.id.empty()) {
    const std::string number = std::to_string(current_->origin.line);
    current_->doc.id = lines_.name() == "<stdin>" ? number : lines_.name() + ":" + number;
  }
  ready_.push_back(std::move(*current_));
  current_.reset();
}

bool ConllDocumentReader::next(Document& doc) {
  while (ready_.empty()) {
    if (!reader_.next(sentence_)) {
      finish_document();
      break;
    }
    for (const auto& line : sentence_.preamble) {
      if (is_docstart_line(line)) {
        start_document("", true);
        seen_marker_ = true;
      } else if (auto id = document_comment_id(line)) {
        seen_marker_ = true;
        if (current_ && current_->from_docstart && !current_->has_tokens) {
          current_->doc.id = std::move(*id);
          current_->from_docstart = false;
        } else if (current_ && current_->has_tokens && !id->empty() && *id == current_->doc.id) {
          // The id of the document going on, repeated on a later sentence: it continues.
        } else {
          start_document(std::move(*id), false);
        }
      }
    }
    if (!sentence_.empty()) {
      if (!seen_marker_ || !current_) start_document("", false);
      if (!current_->has_tokens) {
        current_->origin.line = sentence_.lines.front();
        if (current_->doc.id.empty()) {
          const std::string number = std::to_string(sentence_.lines.front());
          current_->doc.id = lines_.name() == "<stdin>" ? number : lines_.name() + ":" + number;
        }
      }
      append(sentence_);
    }
  }
  if (ready_.empty()) return false;
  doc = std::move(ready_.front().doc);
  origin_ = ready_.front().origin;
  ready_.pop_front();
  return true;
}

void ConllDocumentReader::append(const Sentence& sentence) {
  const std::string& file = lines_.name();
  if (offsets_ < 0) offsets_ = has_offsets(sentence.tokens.front()) ? 1 : 0;
  // A sentence whose offsets go back into the text before cannot continue the document: its
  // sentences were taken apart (ner-split by sentence, say). It starts a document of its own.
  std::size_t first_start;
  if (offsets_ == 1 && current_->has_tokens && parse_size(sentence.tokens.front()[1], first_start) &&
      first_start < current_->length) {
    restarted_.add({file, sentence.lines.front()});
    start_document("", false);
    current_->origin.line = sentence.lines.front();
    const std::string number = std::to_string(sentence.lines.front());
    current_->doc.id = file == "<stdin>" ? number : file + ":" + number;
  }
  Building& b = *current_;
  const bool labelled = has_label_column(sentence.tokens.front().size(), offsets_ == 1);
  positions_.clear();
  labels_.clear();
  std::string token;
  for (std::size_t t = 0; t < sentence.size(); ++t) {
    const auto& cols = sentence.tokens[t];
    token = cols[0];
    if (options_.dialect.strip_position_digit) strip_position_digit(token);
    const std::size_t length = utf8::length(token);
    std::size_t start, end;
    if (offsets_ == 1) {
      if (!parse_size(cols[1], start) || !parse_size(cols[2], end) || start >= end)
        throw Error(file, sentence.lines[t], "expected offsets 'start end' with start < end in columns 2 and 3");
      if (start < b.length)
        throw Error(file, sentence.lines[t],
                    "the offsets " + cols[1] + "-" + cols[2] + " go back into the text before (it reaches " +
                        std::to_string(b.length) + ")");
      // The spaces put in the gaps are bounded by what the stream holds, so that an offset such
      // as 99999999999 is an error rather than a 100 GB document (found by tests/fuzz).
      const std::size_t fill = start - b.length + (length < end - start ? end - start - length : 0);
      if (b.filled + fill > kMaxFill + (b.length - b.filled) + length)
        throw Error(file, sentence.lines[t],
                    "the offsets " + cols[1] + "-" + cols[2] + " leave a gap of " + std::to_string(fill) +
                        " characters: more than the tokens fill, so they cannot be offsets into one text");
      b.filled += fill;
      b.doc.text.append(start - b.length, ' ');
      if (length == end - start) {
        b.doc.text += token;
      } else {
        refitted_.add({file, sentence.lines[t]});
        if (length < end - start) {
          b.doc.text += token;
          b.doc.text.append(end - start - length, ' ');
        } else {
          const auto cp = utf8::code_point_offsets(token);
          b.doc.text.append(token, 0, cp[end - start]);
        }
      }
    } else {
      if (b.has_tokens || t > 0) {
        b.doc.text += options_.joiner;
        b.length += utf8::length(options_.joiner);
      }
      start = b.length;
      end = start + length;
      b.doc.text += token;
    }
    b.length = end;
    positions_.emplace_back(start, end);
    if (labelled) labels_.push_back(cols.back());
  }
  b.has_tokens = true;
  if (!labelled) return;
  for (const Span& s : decoder_.decode(labels_, file, sentence.lines))
    b.doc.entities.push_back({positions_[s.begin].first, positions_[s.end - 1].second, s.type});
}

}  // namespace ner
