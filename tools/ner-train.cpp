// ner-train: trains a tagger on a labelled stream and writes one model file (see libner/train).
#include <chrono>

#include "libner/cli/tool.h"
#include "libner/dist/dist_env.h"
#include "libner/scheme/scheme.h"
#include "libner/train/model_options.h"
#include "libner/train/run_profile.h"
#include "libner/train/runtime.h"
#include "libner/train/trainer.h"

int main(int argc, char** argv) {
  ner::keep_freed_memory();
  ner::keep_compiled_kernels();
  ner::cli::Tool tool("ner-train", "Train a named-entity tagger on a labelled stream");
  auto& app = tool.app();
  ner::TrainOptions o;
  ner::ModelOptions model;
  std::string optimizer = "adam", decay = "constant";

  const std::string data = "Data";
  app.add_option("-t,--train", o.train_path, "Labelled training stream (token first, label last)")
      ->required()
      ->group(data);
  app.add_option("-d,--dev", o.dev_path, "Labelled dev stream, scored each epoch; the best epoch is kept")->group(data);
  app.add_option("-o,--output", o.model_path, "Model file to write (and MODEL.ckpt, the checkpoint)")
      ->required()
      ->group(data);
  app.add_option("--log", o.log_path, "Per-epoch TSV log (epoch, loss, dev P/R/F1, seconds, tokens/s)")->group(data);
  app.add_option("--embeddings", o.embeddings_path, "Pre-trained token embeddings (word2vec text format)")->group(data);
  app.add_option("--bigram-embeddings", o.bigram_embeddings_path,
                 "Pre-trained bigram embeddings (word2vec text format, a bigram written as its two tokens)")
      ->group(data);
  app.add_option("--bert", o.bert_path,
                 "HuggingFace BERT folder (config.json, vocab.txt, model.safetensors) for the bert-* architectures")
      ->type_name("DIR")
      ->group(data);
  app.add_option("--max-len", o.max_len, "Cut training sentences longer than N tokens (0: never)")->group(data);
  app.add_option("--min-count", o.min_count, "Tokens seen fewer times become <unk>")
      ->capture_default_str()
      ->group(data);
  app.add_option("--bigram-min-count", o.bigram_min_count, "Bigrams seen fewer times become <unk> (with --bigram-dim)")
      ->capture_default_str()
      ->group(data);

  model.add_to(app);

  const std::string training = "Training";
  app.add_option("--epochs", o.epochs, "Epochs")->capture_default_str()->group(training);
  app.add_option("--patience", o.patience, "Stop after N epochs without a better dev F1 (0: never)")
      ->capture_default_str()
      ->group(training);
  app.add_option("--batch-size", o.batch.sentences, "Sentences per batch (0: no limit)")
      ->capture_default_str()
      ->group(training);
  app.add_option("--batch-tokens", o.batch.tokens, "Padded tokens per batch (0: no limit)")
      ->capture_default_str()
      ->group(training);
  app.add_option("--optimizer", optimizer, "Optimizer")
      ->check(CLI::IsMember(ner::optimizer_names()))
      ->capture_default_str()
      ->group(training);
  app.add_option("--lr", o.lr, "Learning rate")->capture_default_str()->group(training);
  app.add_option("--weight-decay", o.weight_decay, "Weight decay (AdamW: decoupled)")
      ->capture_default_str()
      ->group(training);
  app.add_option("--warmup", o.warmup, "Linear warm-up over this fraction of the steps")
      ->check(CLI::Range(0.0, 1.0))
      ->capture_default_str()
      ->group(training);
  app.add_option("--decay", decay, "Learning-rate decay after warm-up")
      ->check(CLI::IsMember(ner::lr_decay_names()))
      ->capture_default_str()
      ->group(training);
  app.add_option("--clip", o.clip, "Clip the gradient norm to this (0: off)")->capture_default_str()->group(training);
  app.add_option("--ema", o.ema,
                 "Score dev with, and keep, an exponential moving average of the weights with this decay a step "
                 "(e.g. 0.999; 0: the weights themselves)")
      ->check(CLI::Range(0.0, 0.99999))
      ->capture_default_str()
      ->group(training);
  app.add_option("--bert-lr", o.bert_lr, "Learning rate of BERT's weights (--lr: the layers on top)")
      ->capture_default_str()
      ->group(training);
  app.add_flag("--freeze-bert", o.freeze_bert, "Keep BERT's weights fixed; train the layers on top only")->group(training);
  app.add_option("--accumulate", o.accumulate, "Sum the gradients of N batches before each optimizer step")
      ->check(CLI::PositiveNumber)
      ->capture_default_str()
      ->group(training);
  app.add_flag("--bf16", o.bf16, "bf16 autocast for the forward pass (CUDA, and CPUs with bf16 instructions; elsewhere ignored with a warning)")
      ->group(training);
  app.add_option("--seed", o.seed, "Random seed (initialisation, shuffling, dropout)")
      ->capture_default_str()
      ->group(training);
  app.add_flag("--resume", o.resume, "Continue from MODEL.ckpt when it exists")->group(training);

  const std::string run = "Running";
  app.add_option("--threads", o.threads, "CPU threads: parts of each batch trained at once, one thread each (0: one per CPU)")->capture_default_str()->group(run);
  app.add_option("--device", o.device, "cpu, cuda, cuda:N or auto")->capture_default_str()->group(run);
  std::string dist_backend = "auto";
  double dist_timeout = 1800;
  app.add_option("--dist-backend", dist_backend,
                 "Data-parallel backend when RANK/WORLD_SIZE (torchrun) or Slurm's variables name several "
                 "processes: nccl between GPUs, gloo on CPU; auto picks by --device")
      ->check(CLI::IsMember(ner::dist_backend_names()))
      ->capture_default_str()
      ->group(run);
  app.add_option("--dist-timeout", dist_timeout,
                 "Seconds a process waits for the others (rendezvous, each all-reduce) before failing")
      ->check(CLI::PositiveNumber)
      ->capture_default_str()
      ->group(run);

  std::string profile_path;
  app.add_option("--profile", profile_path, ner::kProfileHelp)->group(run);

  return tool.run(argc, argv, [&] {
    o.optimizer = ner::parse_optimizer(optimizer);
    o.decay = ner::parse_lr_decay(decay);
    o.dist.backend = ner::parse_dist_backend(dist_backend);
    o.dist.timeout = std::chrono::milliseconds(static_cast<long long>(dist_timeout * 1000));
    o.detect_scheme = !model.scheme_given();
    o.train_scheme = model.train_scheme();
    if (o.resume && model.any_given())
      tool.log().detail("--resume: the model options come from the checkpoint when there is one");
    // Each process of a data-parallel job profiles itself: FILE.rankN.
    const auto dist = ner::dist_env_from_environment();
    ner::RunProfile profile(profile_path.empty() || !dist.distributed()
                                ? profile_path
                                : profile_path + ".rank" + std::to_string(dist.rank));
    const int status = ner::train_model(o, model.config(), tool.log());
    profile.write();
    return status;
  });
}
