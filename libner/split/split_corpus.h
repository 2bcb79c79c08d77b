// ner-split: cuts a corpus into parts that are disjoint and whose union is the input.
//
// - By ratio (`6:2:2` -> train, dev, test): a seeded random assignment of whole documents (or
//   sentences) with exact part sizes (partition.h).
// - By fold (`--folds K --fold i`): the same assignment into K equal folds; fold i is the test
//   part and the other folds the train part, so the K runs of one seed partition the corpus.
// - By shard (`--shard i/N`): the i-th of N contiguous blocks, copied byte for byte, so that the
//   shards 1..N concatenated in order are the input exactly (for tagging on many machines).
//
// Every split reads its input twice (the first pass validates it and counts its units, the second
// writes), so memory holds a line and never a document or a list of documents; stdin is first
// copied to a temporary file. Parts are written through OutputFile and committed only once all
// are written: an error leaves no part behind.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "libner/io/log.h"
#include "libner/split/document_reader.h"

namespace ner::split {

enum class SplitUnit { Document, Sentence };

// A split as asked for on the command line. Exactly one of `ratio`, `folds` or `shard` is set.
struct SplitRequest {
  std::vector<std::string> inputs;  // files; "-" or none is stdin; several are read as one corpus
  InputFormat format = InputFormat::Auto;
  SplitUnit unit = SplitUnit::Document;
  std::uint64_t seed = 1;

  std::string ratio;         // "6:2:2"
  std::uint64_t folds = 0;   // K
  std::uint64_t fold = 0;    // i, 1-based
  std::string shard;         // "i/N"

  std::string names;      // comma-separated part names; default train,test / train,dev,test / part1..
  std::string output;     // ratio/folds: the prefix of the part files; shard: the file ("" = stdout)
  std::string extension;  // of the part files; "" = the first input's, .zst included
};

// Runs the split; reports what it wrote through `log`. Throws ner::UsageError for a bad request
// and ner::Error for bad input or a failed write.
void split_corpus(const SplitRequest& request, const Log& log);

// The path of one part: PREFIX.NAME.EXT, or PREFIX/NAME.EXT when the prefix ends with '/'.
std::string part_path(const std::string& prefix, const std::string& name, const std::string& extension);

// The extension of a file name, with the one before .zst: "a/corpus.conll.zst" -> ".conll.zst",
// "x.txt" -> ".txt", "README" -> "".
std::string file_extension(const std::string& path);

}  // namespace ner::split
