// ner-tag's work: read a stream, label it, write it back with the predicted label as a new last
// column (every input column, comment and -DOCSTART- line kept, so `ner-tag | ner-eval` scores a
// labelled input), or as JSON lines of documents with spans (span_writer.h).
//
// Memory stays bounded: sentences are read in windows (`read_ahead` sentences), each window is tagged
// in batches of similar length and written in input order before the next is read.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>

#include "libner/train/batching.h"

namespace ner {

class Tagger;
class Log;

enum class TagFormat { conll, jsonl };
TagFormat parse_tag_format(std::string_view name);  // "conll", "jsonl"; UsageError otherwise

struct TagOptions {
  std::size_t read_ahead = 1000;            // sentences read and sorted by length at a time
  BatchLimits batch{64, 0, 1};              // sentences (and padded tokens) per batch
  TagFormat format = TagFormat::conll;
};

struct TagCounts {
  std::size_t sentences = 0;
  std::size_t tokens = 0;
  double seconds = 0;          // the whole call
  double tagger_seconds = 0;   // of which in Tagger::tag (ids, batches, the model, decoding)
};

// Tags `input` ("-": stdin) into `output` ("-": stdout), committed at the end.
TagCounts tag_stream(const Tagger& tagger, const std::string& input, const std::string& output,
                     const TagOptions& options);

}  // namespace ner
