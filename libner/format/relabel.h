// conll to conll: rewrites the label column of a stream (another scheme, another separator, mapped
// types) and strips Weibo's position digits, leaving every other column, comment and -DOCSTART-
// line as it was. Labels are read the conlleval way and written well-formed, so this is also how
// ill-formed sequences are repaired.
#pragma once

#include <memory>
#include <string>

#include "libner/format/columns.h"
#include "libner/format/label_map.h"
#include "libner/format/stats.h"
#include "libner/io/output.h"

namespace ner {

struct RelabelOptions {
  ColumnDialect dialect;
  Scheme scheme = Scheme::IOB2;  // of the output
  LabelMap map;
};

class StreamRelabeler {
 public:
  // `out` may be null (only `stats` is kept); `stats` may be null.
  StreamRelabeler(std::unique_ptr<OutputFile> out, const RelabelOptions& options, CorpusStats* stats);

  // Relabels one input stream ("-" is stdin) onto the output; false when it held nothing at all
  // (no sentence, no comment).
  bool run(const std::string& path);
  std::size_t sentences() const { return sentences_; }  // so far, over every run
  void commit() {
    if (out_) out_->commit();
  }

  const LabelDecoder& labels() const { return decoder_; }
  const Tally& unmapped() const { return unmapped_; }  // entities whose type maps to nothing

 private:
  std::unique_ptr<OutputFile> out_;
  RelabelOptions options_;
  CorpusStats* stats_;
  LabelDecoder decoder_;
  Tally unmapped_;
  std::size_t sentences_ = 0;
  std::string document_;  // id of the current document, for --stats
};

}  // namespace ner
