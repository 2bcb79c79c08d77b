// The stream format seen as documents, both ways (README "The stream format"):
//
// Documents to stream: the text is cut into tokens by ner::tokenize (one per character by
// default), each written as `token<TAB>start<TAB>end<TAB>label` with code-point offsets into the
// original text, and the first sentence of a document carries `# doc = ID`. A document is one
// sentence unless a maximum length asks ner::split_sentences to cut it.
//
// The whitespace rule: characters that cannot be a token (ASCII space, TAB, CR, LF, other C0
// controls; tokenizer.h is_separator_space) make no token, every other character makes one.
// An entity that begins or ends with such characters is trimmed to its first and last token
// character before conversion (trim_entities; 87 entities of yidu-s4k are) and counted; one that
// holds nothing else is dropped and counted.
//
// Stream to documents: `# doc = ID` (or CoNLL-U's `# newdoc`) or -DOCSTART- starts a document
// and the sentences after it continue it (so does a later `# doc =` with the same id); before the first such marker every sentence is a
// document of its own (the column files of Resume, Weibo and cMedQANER have no markers), and so
// is a sentence whose offsets go back into the document before it. A stream has offsets when columns 2 and 3
// of its first token line are unsigned integers with start < end: then each token is put at its
// offsets and the gaps are filled with ASCII spaces, which rebuilds yidu-s4k texts exactly (their
// only separator characters are ASCII spaces). Without offsets the tokens are joined with a
// joiner ("" for Chinese, " " for English), between sentences too.
#pragma once

#include <cstddef>
#include <deque>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "libner/format/columns.h"
#include "libner/format/document_io.h"
#include "libner/format/stats.h"
#include "libner/io/input.h"
#include "libner/io/output.h"
#include "libner/stream/conll_reader.h"
#include "libner/text/tokenizer.h"

namespace ner {

// Trims the entities of `doc` of separator characters at their ends (counted in `trimmed`) and
// drops those left empty (counted in `blank`).
void trim_entities(Document& doc, const Origin& where, Tally& trimmed, Tally& blank);

// Whether a token line's columns carry offsets: columns 2 and 3 unsigned integers, start < end.
bool has_offsets(const std::vector<std::string>& columns);

// Whether the token lines of a stream end in a label column: four columns or more with offsets,
// two or more without.
inline bool has_label_column(std::size_t columns, bool offsets) { return columns >= (offsets ? 4u : 2u); }

// Whether an entity type can be the type of a label column: a stream reader takes a space, a TAB or
// a line end for the end of the column, and an empty type for none (found by tests/fuzz). The
// message for one that cannot: unwritable_type.
bool fits_a_label_column(std::string_view type);
std::string unwritable_type(std::string_view type);


struct StreamWriteOptions {
  Scheme scheme = Scheme::IOB2;
  long max_len = -1;  // < 0: a document is one sentence; otherwise split_sentences(max_len)
  TokenizerOptions tokenizer;
};

class ConllDocumentWriter : public DocumentWriter {
 public:
  // `out` may be null: then nothing is written and only `stats` (which may be null) is kept.
  ConllDocumentWriter(std::unique_ptr<OutputFile> out, const StreamWriteOptions& options, CorpusStats* stats);
  // The entities must not overlap (see overlaps.h); they need not be sorted.
  void write(const Document& doc, const Origin& from) override;
  void commit() override {
    if (out_) out_->commit();
  }

  const Tally& widened() const { return widened_; }    // entities stretched to token boundaries
  const Tally& collided() const { return collided_; }  // dropped: they overlap once stretched
  const Tally& cut() const { return cut_; }            // longer than max_len, cut across sentences

 private:
  std::unique_ptr<OutputFile> out_;
  StreamWriteOptions options_;
  CorpusStats* stats_;
  Tally widened_, collided_, cut_;
  std::string buffer_;
};

struct StreamReadOptions {
  ColumnDialect dialect;
  std::string joiner;  // between tokens when the stream has no offsets
};

class ConllDocumentReader : public DocumentReader {
 public:
  ConllDocumentReader(const std::string& path, const StreamReadOptions& options);
  bool next(Document& doc) override;
  Origin origin() const override { return origin_; }

  const LabelDecoder& labels() const { return decoder_; }
  // Tokens whose text is longer or shorter than their offsets say (a normalised stream): the
  // text holds them cut or padded with spaces.
  const Tally& refitted() const { return refitted_; }
  // Sentences whose offsets go back into the text before them (sentences taken apart, as by
  // ner-split by sentence): each starts a document of its own.
  const Tally& restarted() const { return restarted_; }

 private:
  struct Building {
    Document doc;
    Origin origin;
    std::size_t length = 0;  // of doc.text, in code points
    std::size_t filled = 0;  // of those, the spaces put between and after tokens (see append)
    bool has_tokens = false;
    bool from_docstart = false;  // started by -DOCSTART- and not yet named by `# doc =`
  };
  void start_document(std::string id, bool from_docstart);
  void finish_document();
  void append(const Sentence& sentence);

  LineReader lines_;
  ConllReader reader_;
  StreamReadOptions options_;
  LabelDecoder decoder_;
  Sentence sentence_;
  std::optional<Building> current_;
  std::deque<Building> ready_;
  bool seen_marker_ = false;
  int offsets_ = -1;  // -1 not yet known, 0 no, 1 yes
  Origin origin_;
  Tally refitted_, restarted_;
  std::vector<std::pair<std::size_t, std::size_t>> positions_;
  std::vector<std::string> labels_;
};

}  // namespace ner
