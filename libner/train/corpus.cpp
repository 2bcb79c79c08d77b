#include "libner/train/corpus.h"

#include <algorithm>
#include <set>

#include "libner/io/error.h"
#include "libner/io/input.h"
#include "libner/io/utf8.h"
#include "libner/stream/conll_reader.h"
#include "libner/text/sentence_splitter.h"
#include "libner/text/tokenizer.h"

namespace ner {

std::size_t LabelledCorpus::token_count() const {
  std::size_t n = 0;
  for (const auto& s : tokens) n += s.size();
  return n;
}

std::vector<std::size_t> LabelledCorpus::lengths() const {
  std::vector<std::size_t> out;
  out.reserve(tokens.size());
  for (const auto& s : tokens) out.push_back(s.size());
  return out;
}

LabelledCorpus read_labelled_corpus(const std::string& path) {
  LineReader lines(path);
  ConllReader reader(lines);
  LabelledCorpus corpus;
  corpus.name = lines.name();
  Sentence sentence;
  while (reader.next(sentence)) {
    if (sentence.empty()) continue;
    std::vector<std::string> toks, labs;
    toks.reserve(sentence.size());
    labs.reserve(sentence.size());
    for (std::size_t i = 0; i < sentence.size(); ++i) {
      auto& cols = sentence.tokens[i];
      if (cols.size() < 2)
        throw Error(corpus.name, sentence.lines[i], "a labelled stream needs a token and a label column");
      toks.push_back(std::move(cols.front()));
      labs.push_back(std::move(cols.back()));
    }
    corpus.tokens.push_back(std::move(toks));
    corpus.labels.push_back(std::move(labs));
  }
  return corpus;
}

std::size_t cut_long_sentences(LabelledCorpus& corpus, std::size_t max_len) {
  if (max_len == 0) return 0;
  SentenceSplitOptions options;
  options.max_len = max_len;
  options.pack = true;  // cut at sentence ends only as often as the limit needs
  std::size_t cuts = 0;
  LabelledCorpus out;
  out.name = corpus.name;
  for (std::size_t s = 0; s < corpus.size(); ++s) {
    auto& toks = corpus.tokens[s];
    auto& labs = corpus.labels[s];
    if (toks.size() <= max_len) {
      out.tokens.push_back(std::move(toks));
      out.labels.push_back(std::move(labs));
      continue;
    }
    // The stream keeps no separators, so the tokens are laid end to end as the splitter's text.
    std::string text;
    std::vector<TextToken> text_tokens;
    text_tokens.reserve(toks.size());
    std::size_t at = 0;
    for (const auto& t : toks) {
      const std::size_t n = utf8::length(t);
      text_tokens.push_back({t, at, at + n});
      text += t;
      at += n;
    }
    const std::size_t pieces_before = out.size();
    for (auto [begin, end] : split_sentences(text_tokens, text, options, decode(labs))) {
      // The splitter keeps an entity longer than max_len whole; the model cannot (BERT's positions).
      for (std::size_t piece_end; begin < end; begin = piece_end) {
        piece_end = begin + std::min(max_len, end - begin);
        out.tokens.emplace_back(toks.begin() + begin, toks.begin() + piece_end);
        out.labels.emplace_back(labs.begin() + begin, labs.begin() + piece_end);
      }
    }
    cuts += out.size() - pieces_before - 1;
  }
  corpus = std::move(out);
  return cuts;
}

std::vector<std::string> collect_labels(const LabelledCorpus& corpus) {
  std::set<std::string> seen;
  for (const auto& s : corpus.labels) seen.insert(s.begin(), s.end());
  std::vector<std::string> out;
  if (seen.erase("O")) out.push_back("O");
  out.insert(out.end(), seen.begin(), seen.end());
  return out;
}

void respell_labels(LabelledCorpus& corpus, Scheme scheme) {
  for (auto& labels : corpus.labels) labels = respell(labels, scheme);
}

std::size_t count_ill_formed(const LabelledCorpus& corpus, Scheme scheme) {
  std::size_t n = 0;
  for (const auto& labels : corpus.labels) {
    const auto tags = parse_tags(labels);
    if (find_ill_formed(tags, scheme) != tags.size()) ++n;
  }
  return n;
}

Scheme detect_scheme(const LabelledCorpus& corpus) {
  bool l_or_u = false, m = false, e_or_s = false;
  for (const auto& s : corpus.labels)
    for (const auto& label : s) {
      if (label.size() < 2 || label[1] != '-') continue;
      const char p = label[0];
      l_or_u |= p == 'L' || p == 'U';
      m |= p == 'M';
      e_or_s |= p == 'E' || p == 'S';
    }
  if (l_or_u) return Scheme::BILOU;
  if (m) return Scheme::BMES;
  if (e_or_s) return Scheme::IOBES;
  if (count_ill_formed(corpus, Scheme::IOB2) > 0 && count_ill_formed(corpus, Scheme::IOB1) == 0) return Scheme::IOB1;
  return Scheme::IOB2;
}

}  // namespace ner
