// ner-split: train/dev/test splits, cross-validation folds and shards of a corpus (libner/split).
#include "libner/cli/tool.h"
#include "libner/split/split_corpus.h"

int main(int argc, char** argv) {
  ner::cli::Tool tool("ner-split", "Split a corpus into train/dev/test parts, cross-validation folds or shards");
  auto& app = tool.app();
  ner::split::SplitRequest request;
  std::string by = "document";
  bool jsonl = false, conll = false;

  app.add_option("FILE", request.inputs, "Input files, read as one corpus (- or none: stdin; .zst read compressed)");
  app.add_option("--ratio", request.ratio, "Split by ratio, e.g. 6:2:2 (train:dev:test) or 0.8:0.2")
      ->type_name("R");
  app.add_option("--folds", request.folds, "Cross-validation: the number of folds (with --fold)")->type_name("K");
  app.add_option("--fold", request.fold, "Cross-validation: write fold I (1..K) as test, the rest as train")
      ->type_name("I");
  app.add_option("--shard", request.shard,
                 "Write the I-th of N contiguous blocks byte for byte; shards 1..N concatenated are the input")
      ->type_name("I/N");
  app.add_option("--by", by, "The unit moved whole: document (the default) or sentence")
      ->check(CLI::IsMember({"document", "sentence"}));
  app.add_option("--seed", request.seed, "Seed of the random assignment (default 1); same seed, same split")
      ->type_name("N");
  app.add_option("--names", request.names, "Part names (default train,test for 2 parts, train,dev,test for 3, else part1,part2,...)")->type_name("LIST");
  app.add_option("-o,--output", request.output,
                 "Ratio/folds: prefix of the part files (PREFIX.NAME.EXT; PREFIX/NAME.EXT when it ends in /; "
                 "default: the input without extension); shard: the output file (default stdout)")
      ->type_name("PATH");
  app.add_option("--extension", request.extension, "Extension of the part files (default: the input's, .zst kept)")
      ->type_name("EXT");
  auto* jsonl_flag = app.add_flag("--jsonl", jsonl, "Input is JSON lines, one record per document");
  app.add_flag("--conll", conll, "Input is the stream format")->excludes(jsonl_flag);
  app.footer(
      "Without --jsonl or --conll, a first non-blank line holding a JSON object means JSON lines.\n"
      "Documents start at -DOCSTART-, '# doc = ID' or '# newdoc' lines; a stream without them\n"
      "is split by sentence. Stdin is copied to a temporary file (every split reads twice).\n"
      "Examples:\n"
      "  ner-split --ratio 6:2:2 --seed 7 corpus.conll       # corpus.{train,dev,test}.conll\n"
      "  ner-split --folds 5 --fold 2 -o cv/f2 corpus.conll  # cv/f2.{train,test}.conll\n"
      "  ner-split --shard 3/8 big.conll.zst > shard3.conll  # cat shard1..8 = big.conll (decompressed)");

  return tool.run(argc, argv, [&] {
    request.unit = by == "sentence" ? ner::split::SplitUnit::Sentence : ner::split::SplitUnit::Document;
    if (jsonl) request.format = ner::split::InputFormat::JsonLines;
    if (conll) request.format = ner::split::InputFormat::Stream;
    ner::split::split_corpus(request, tool.log());
    return 0;
  });
}
