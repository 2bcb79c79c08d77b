#include "libner/tag/tag_stream.h"

#include <chrono>
#include <vector>

#include "libner/io/error.h"
#include "libner/io/input.h"
#include "libner/io/output.h"
#include "libner/stream/conll_reader.h"
#include "libner/stream/conll_writer.h"
#include "libner/tag/span_writer.h"
#include "libner/tag/tagger.h"

namespace ner {

TagFormat parse_tag_format(std::string_view name) {
  if (name == "conll") return TagFormat::conll;
  if (name == "jsonl") return TagFormat::jsonl;
  throw UsageError("unknown output format '" + std::string(name) + "' (conll, jsonl)");
}

TagCounts tag_stream(const Tagger& tagger, const std::string& input, const std::string& output,
                     const TagOptions& options) {
  using Clock = std::chrono::steady_clock;
  const auto start = Clock::now();
  const auto since = [](Clock::time_point t) { return std::chrono::duration<double>(Clock::now() - t).count(); };
  LineReader lines(input);
  ConllReader reader(lines);
  OutputFile out(output);
  SpanWriter spans(out);
  TagCounts counts;
  const std::size_t window = options.read_ahead ? options.read_ahead : 1;
  std::vector<Sentence> sentences;
  std::vector<std::vector<std::string>> tokens;
  bool more = true;
  while (more) {
    sentences.clear();
    tokens.clear();
    Sentence sentence;
    while (sentences.size() < window && (more = reader.next(sentence))) {
      tokens.push_back(sentence.column(0));
      sentences.push_back(std::move(sentence));
    }
    if (sentences.empty()) break;
    std::vector<std::vector<float>> confidences;
    const bool jsonl = options.format == TagFormat::jsonl;
    const auto tagging = Clock::now();
    const auto labels = tagger.tag(tokens, options.batch, jsonl ? &confidences : nullptr);
    counts.tagger_seconds += since(tagging);
    for (std::size_t s = 0; s < sentences.size(); ++s) {
      Sentence& sent = sentences[s];
      counts.sentences += sent.empty() ? 0 : 1;
      counts.tokens += sent.size();
      if (jsonl) {
        spans.add(sent, labels[s], &confidences[s]);
        continue;
      }
      for (std::size_t i = 0; i < sent.size(); ++i) sent.tokens[i].push_back(labels[s][i]);
      write_sentence(out, sent);
    }
    // Pipelines see each window as soon as it is done.
    if (is_std_stream(output)) out.flush();
  }
  if (options.format == TagFormat::jsonl) spans.finish();
  out.commit();
  counts.seconds = since(start);
  return counts;
}

}  // namespace ner
