#include "libner/format/relabel.h"

#include <optional>

#include "libner/format/conll_spans.h"
#include "libner/io/error.h"
#include "libner/io/input.h"
#include "libner/stream/conll_reader.h"
#include "libner/stream/conll_writer.h"
#include "libner/stream/sentence.h"

namespace ner {

StreamRelabeler::StreamRelabeler(std::unique_ptr<OutputFile> out, const RelabelOptions& options, CorpusStats* stats)
    : out_(std::move(out)), options_(options), stats_(stats), decoder_(options.dialect) {}

bool StreamRelabeler::run(const std::string& path) {
  LineReader lines(path);
  ConllReader reader(lines);
  Sentence sentence;
  bool anything = false;
  int offsets = -1;
  // Documents, counted for --stats by the rule of conll_spans.h: a marker starts one (a `# doc =`
  // right after -DOCSTART- names it), and before any marker each sentence is one.
  bool seen_marker = false, pending = false, pending_docstart = false;
  std::string pending_id;
  const auto begin_document = [&](const std::string& id, std::size_t line) {
    const std::string number = std::to_string(line);
    document_ = !id.empty() ? id : lines.name() == "<stdin>" ? number : lines.name() + ":" + number;
    if (stats_) stats_->add_document();
  };
  std::vector<Span> spans;
  while (reader.next(sentence)) {
    anything = true;
    for (const auto& line : sentence.preamble) {
      const bool docstart = is_docstart_line(line);
      const auto id = docstart ? std::nullopt : document_comment_id(line);
      if (!docstart && !id) continue;
      seen_marker = true;
      if (id && pending && pending_docstart) {
        pending_id = *id;
        pending_docstart = false;
        continue;
      }
      if (id && !pending && !id->empty() && *id == document_) continue;  // the same document goes on
      if (pending && !pending_docstart) begin_document(pending_id, lines.line_number());  // no sentence
      pending = true;
      pending_docstart = docstart;
      pending_id = id ? *id : std::string();
    }
    if (!sentence.empty()) {
      ++sentences_;
      if (pending) begin_document(pending_id, sentence.lines.front());
      else if (!seen_marker) begin_document("", sentence.lines.front());
      pending = false;
      if (offsets < 0) offsets = has_offsets(sentence.tokens.front()) ? 1 : 0;
      if (options_.dialect.strip_position_digit)
        for (auto& cols : sentence.tokens) strip_position_digit(cols[0]);
      if (has_label_column(sentence.tokens.front().size(), offsets == 1)) {
        spans = decoder_.decode(sentence.last_column(), lines.name(), sentence.lines);
        std::size_t kept = 0;
        for (auto& s : spans) {
          const std::string& type = options_.map(s.type);
          if (type.empty()) {
            unmapped_.add({lines.name(), sentence.lines[s.begin]});
            continue;
          }
          if (!fits_a_label_column(type)) throw Error(lines.name(), sentence.lines[s.begin], unwritable_type(type));
          spans[kept++] = {s.begin, s.end, type};
          if (stats_) stats_->add_entity(type);
        }
        spans.resize(kept);
        const auto labels = encode(spans, sentence.size(), options_.scheme);
        for (std::size_t t = 0; t < sentence.size(); ++t) sentence.tokens[t].back() = labels[t];
      }
      if (stats_) stats_->add_sentence(sentence.size(), document_);
    }
    if (out_) write_sentence(*out_, sentence);
  }
  if (pending && !pending_docstart) begin_document(pending_id, lines.line_number());
  return anything;
}

}  // namespace ner
