// ner-tokenize as a library call: raw documents in, the stream format with offsets out.
//
//   # doc = ID
//   患<TAB>0<TAB>1
//   者<TAB>1<TAB>2
//   <blank line after each sentence>
//
// Offsets count code points of the original document (after a file's BOM, if any), end exclusive,
// also when the token text is normalised. Documents without a single token (an empty line) are
// left out, since the stream format has no way to hold them, and counted. Memory holds one
// document and, for the sentence splitter, at most max_len tokens' positions: tokens are scanned
// twice (once to find the cuts, once to write) and never stored.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

#include "libner/io/output.h"
#include "libner/text/raw_reader.h"
#include "libner/text/sentence_splitter.h"
#include "libner/text/tokenizer.h"

namespace ner {

struct TokenizeStreamOptions {
  RawInputOptions input;
  TokenizerOptions tokenizer;
  SentenceSplitOptions split;
};

struct TokenizeStats {
  std::size_t documents = 0;        // written
  std::size_t empty_documents = 0;  // left out: no token
  std::size_t sentences = 0;
  std::size_t tokens = 0;
  std::size_t bytes = 0;            // of document text read
  std::size_t longest_sentence = 0;
};

// Tokenises one document and writes it. `splitter` is reset and reused (it keeps its buffers).
void write_tokenized_document(OutputFile& out, std::string_view id, std::string_view text,
                              const TokenizerOptions& tokenizer, SentenceSplitter& splitter,
                              TokenizeStats& stats);

// Reads every document of `inputs` (see raw_reader.h) and writes it to `out`. Does not commit.
TokenizeStats tokenize_stream(const std::vector<std::string>& inputs, OutputFile& out,
                              const TokenizeStreamOptions& options);

}  // namespace ner
