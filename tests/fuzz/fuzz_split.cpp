// ner-split (libner/split): the document reader (stream or JSON lines, detected or named, markers,
// comments, column checks) and the three splits, through ner::split::split_corpus as the tool
// calls it. Shards must concatenate to the input byte for byte; ratio and fold parts must hold
// every line of the input (their sizes add up to at least its lines that are not blank).
//
// Choices (the input's last byte):
//   bits 0-1  format: auto, stream, JSON lines, auto
//   bit 2     by sentence (else by document)
//   bits 3-4  split: ratio 6:2:2, folds 3 fold 2, shards 1..3, ratio 1:1
//   bits 5-7  the seed
#include <cstdint>
#include <filesystem>
#include <string>

#include "fuzz_convert.h"  // read_file
#include "fuzz_input.h"
#include "libner/io/remove_tree.h"
#include "libner/split/split_corpus.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using namespace ner;
  namespace fs = std::filesystem;
  const fuzz::Input in(data, size);
  const std::string dir = fuzz::scratch_dir() + "/parts";
  ner::remove_tree(dir);
  fs::create_directory(dir);

  split::SplitRequest r;
  r.inputs = {fuzz::write_file("corpus.txt", in.text)};
  static const split::InputFormat formats[] = {split::InputFormat::Auto, split::InputFormat::Stream,
                                               split::InputFormat::JsonLines, split::InputFormat::Auto};
  r.format = formats[in.bits(0, 2)];
  r.unit = in.bit(2) ? split::SplitUnit::Sentence : split::SplitUnit::Document;
  r.seed = in.bits(5, 3);
  Log log("ner-fuzz");
  log.set_quiet(true);
  const unsigned how = in.bits(3, 2);
  if (how == 2) {
    std::string joined;
    for (int i = 1; i <= 3; ++i) {
      r.shard = std::to_string(i) + "/3";
      r.output = dir + "/shard" + std::to_string(i);
      try {
        split::split_corpus(r, log);
      } catch (const ner::Error&) {
        if (i == 1) return 0;  // bad input: every shard says so
        std::fprintf(stderr, "ner-fuzz: shard %d failed where shard 1 did not\n", i);
        std::abort();
      }
      joined += fuzz::read_file(r.output);
    }
    NER_FUZZ_CHECK(joined == in.text);
    return 0;
  }
  if (how == 1) {
    r.folds = 3;
    r.fold = 2;
  } else {
    r.ratio = how == 0 ? "6:2:2" : "1:1";
  }
  r.output = dir + "/";
  fuzz::expect_errors_only([&] { split::split_corpus(r, log); });
  return 0;
}
