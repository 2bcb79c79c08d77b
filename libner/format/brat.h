// brat standoff (brat.nlplab.org/standoff.html): a folder of NAME.txt (the text) and NAME.ann
// (one annotation a line). Entities are the text-bound lines
//   T1<TAB>Disease 10 15<TAB>the text
// with offsets in code points of the .txt (end exclusive) and the document id NAME. Other lines
// (relations, events, attributes, notes) are not entities and are passed over. A discontinuous
// entity ("T2<TAB>Drug 0 5;8 12") cannot be one span: it is skipped and counted.
#pragma once

#include <set>
#include <string>
#include <vector>

#include "libner/format/document_io.h"

namespace ner {

class BratReader : public DocumentReader {
 public:
  // `path` is a folder (its *.txt files, in name order, each with its .ann) or one .txt file.
  explicit BratReader(const std::string& path);
  bool next(Document& doc) override;
  Origin origin() const override { return origin_; }

  const Tally& discontinuous() const { return discontinuous_; }

 private:
  std::vector<std::string> texts_;
  std::size_t next_ = 0;
  Origin origin_;
  Tally discontinuous_;
};

// Writes NAME.txt and NAME.ann for each document into a folder made beside the destination and
// moves them into the destination (created when missing) on commit(); without commit() nothing is
// left behind. NAME is the document id after its last '/', a leading '.' made '_'; two documents
// with one NAME are an error.
class BratWriter : public DocumentWriter {
 public:
  explicit BratWriter(const std::string& folder);
  ~BratWriter() override;
  void write(const Document& doc, const Origin& from) override;
  void commit() override;

 private:
  std::string folder_;
  std::string staging_;
  std::vector<std::string> names_;  // in order written
  std::set<std::string> taken_;
  bool committed_ = false;
};

}  // namespace ner
