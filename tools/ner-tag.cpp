// ner-tag: labels a stream with a trained model (see libner/tag).
#include <cstdio>
#include <iostream>

#include "libner/cli/tool.h"
#include "libner/io/error.h"
#include "libner/model/model_file.h"
#include "libner/tag/model_info.h"
#include "libner/tag/tag_stream.h"
#include "libner/tag/tagger.h"
#include "libner/train/run_profile.h"
#include "libner/train/runtime.h"

int main(int argc, char** argv) {
  ner::keep_freed_memory();
  ner::keep_compiled_kernels();
  ner::cli::Tool tool("ner-tag", "Label a stream with a trained model");
  auto& app = tool.app();
  std::string model_path, info_path, input = "-", output = "-", format = "conll", device = "cpu";
  ner::TagOptions o;
  int threads = 0;
  app.add_option("input", input, "Stream to label (token in column 1; '-' or none: stdin)");
  app.add_option("-m,--model", model_path, "Model file made by ner-train");
  app.add_option("-o,--output", output, "Where to write ('-' or none: stdout)");
  app.add_option("--format", format, "conll: the input with the label appended; jsonl: documents with spans")
      ->check(CLI::IsMember({"conll", "jsonl"}))
      ->capture_default_str();
  app.add_option("--info", info_path, "Print what a model file holds and exit (reads no weights)");
  app.add_option("--batch-size", o.batch.sentences, "Sentences per batch")->capture_default_str();
  app.add_option("--batch-tokens", o.batch.tokens, "Padded tokens per batch (0: no limit)")->capture_default_str();
  app.add_option("--read-ahead", o.read_ahead, "Sentences read and sorted by length at a time")->capture_default_str();
  std::size_t window = 0, stride = 0;
  app.add_option("--window", window,
                 "Tokens per window for sentences longer than a BERT model reads (0: its limit, "
                 "max_position_embeddings - 2)")
      ->capture_default_str();
  app.add_option("--stride", stride, "Tokens between the starts of such windows (0: half the window)")
      ->capture_default_str();
  bool bf16 = false;
  app.add_flag("--bf16", bf16,
               "bf16 autocast on CUDA and on CPUs with bf16 instructions (elsewhere a warning and float32)");
  app.add_option("--threads", threads, "CPU threads: batches decoded at once, one thread each (0: one per CPU)")
      ->capture_default_str();
  app.add_option("--device", device, "cpu, cuda, cuda:N or auto")->capture_default_str();
  std::string profile_path;
  app.add_option("--profile", profile_path, ner::kProfileHelp);

  return tool.run(argc, argv, [&] {
    if (!info_path.empty()) {
      std::cout << ner::describe_model(info_path, ner::read_model_header(info_path)) << std::flush;
      return 0;
    }
    if (model_path.empty()) throw ner::UsageError("ner-tag needs -m MODEL (or --info MODEL)");
    if (o.batch.sentences == 0 && o.batch.tokens == 0) throw ner::UsageError("--batch-size or --batch-tokens must be positive");
    o.format = ner::parse_tag_format(format);
    ner::Tagger tagger(model_path, device);
    tagger.set_threads(threads);
    tagger.set_windows(window, stride);
    if (!tagger.set_bf16(bf16)) tool.log().warn("--bf16: this CPU has no bf16 instructions; tagging in float32");
    ner::RunProfile profile(profile_path);
    const auto counts = ner::tag_stream(tagger, input, output, o);
    profile.write();
    // Where the time went: the tagger (the model, on its device) against reading and writing.
    char timing[160];
    const auto per_second = [&](double s) { return s > 0 ? static_cast<double>(counts.tokens) / s : 0.0; };
    std::snprintf(timing, sizeof timing, " in %.2f s (%.0f tokens/s); the tagger %.2f s (%.0f tokens/s)", counts.seconds,
                  per_second(counts.seconds), counts.tagger_seconds, per_second(counts.tagger_seconds));
    tool.log().detail("tagged " + std::to_string(counts.sentences) + " sentences, " + std::to_string(counts.tokens) +
                      " tokens" + timing);
    return 0;
  });
}
