// A labelled stream held in memory for training: the first column of each token line is the
// token, the last one its label (README "The stream format"); offsets and other columns between
// them are ignored.
#pragma once

#include <cstddef>
#include <string>
#include <vector>

#include "libner/scheme/scheme.h"

namespace ner {

class Log;

struct LabelledCorpus {
  std::string name;                              // the path, for messages
  std::vector<std::vector<std::string>> tokens;  // per sentence
  std::vector<std::vector<std::string>> labels;  // per sentence, same lengths

  std::size_t size() const { return tokens.size(); }
  std::size_t token_count() const;
  std::vector<std::size_t> lengths() const;
};

// Reads every sentence with tokens; a token line needs at least two columns (token and label).
// Throws ner::Error naming the line otherwise.
LabelledCorpus read_labelled_corpus(const std::string& path);

// Cuts sentences longer than `max_len` tokens into pieces of at most max_len with ner-tokenize's
// splitter (libner/text/sentence_splitter.h): after sentence ends (。！？；), packed again while
// they fit, then after ，、 and finally anywhere, never inside an entity unless the entity itself
// is longer (then after max_len tokens). Long records cost linear time in the recurrent layers
// and quadratic memory in BERT, and shorter pieces batch with less padding. Returns the number of cuts.
std::size_t cut_long_sentences(LabelledCorpus& corpus, std::size_t max_len);

// The labels that occur, "O" first (when present), then in byte order, so that a corpus gives
// the same label ids on every run.
std::vector<std::string> collect_labels(const LabelledCorpus& corpus);

// The scheme that the labels are written in: BILOU when L- or U- occur, BMES for M-, IOBES for E-
// or S-, else IOB2, or IOB1 when the labels are ill-formed as IOB2 and well-formed as IOB1.
Scheme detect_scheme(const LabelledCorpus& corpus);

// Rewrites every sentence's labels in `scheme` (respell: ill-formed runs come out repaired).
void respell_labels(LabelledCorpus& corpus, Scheme scheme);

// How many sentences are ill-formed under `scheme` (a CRF with the scheme's constraints cannot
// produce them).
std::size_t count_ill_formed(const LabelledCorpus& corpus, Scheme scheme);

}  // namespace ner
