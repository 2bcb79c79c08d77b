#include "libner/train/trainer.h"

#include <chrono>
#include <cmath>
#include <cstdio>
#include <filesystem>
#include <functional>
#include <map>
#include <optional>
#include <utility>

#include "libner/dist/data_parallel.h"
#include "libner/eval/entity_counter.h"
#include "libner/io/error.h"
#include "libner/io/log.h"
#include "libner/io/output.h"
#include "libner/model/bert_assets.h"
#include "libner/model/bigrams.h"
#include "libner/model/dropout.h"
#include "libner/model/embedding_encoder.h"
#include "libner/model/model_file.h"
#include "libner/model/ner_model.h"
#include "libner/model/vocabulary.h"
#include "libner/scheme/scheme.h"
#include "libner/train/batch_tensors.h"
#include "libner/train/bert_training.h"
#include "libner/train/checkpoint.h"
#include "libner/train/corpus.h"
#include "libner/train/interrupt.h"
#include "libner/train/optimizer.h"
#include "libner/train/progress.h"
#include "libner/train/runtime.h"
#include "libner/train/tensor_runs.h"
#include "libner/train/training_log.h"
#include "libner/train/weight_average.h"

namespace ner {

namespace {

using Clock = std::chrono::steady_clock;

double seconds_since(Clock::time_point t) { return std::chrono::duration<double>(Clock::now() - t).count(); }

std::string format(const char* f, double x) {
  char buf[64];
  std::snprintf(buf, sizeof buf, f, x);
  return buf;
}

std::string rate(double tokens_per_second) {
  return tokens_per_second >= 1000 ? format("%.1fk", tokens_per_second / 1000) : format("%.0f", tokens_per_second);
}

IdSequences encode_tokens(const LabelledCorpus& corpus, const TokenIds& token_ids) {
  IdSequences out(corpus.size());
  for (std::size_t s = 0; s < corpus.size(); ++s) {
    out[s].reserve(corpus.tokens[s].size());
    for (const auto& token : corpus.tokens[s]) out[s].push_back(token_ids(token));
  }
  return out;
}

IdSequences encode_labels(const LabelledCorpus& corpus, const std::vector<std::string>& labels) {
  std::map<std::string, int64_t> index;
  for (std::size_t i = 0; i < labels.size(); ++i) index[labels[i]] = static_cast<int64_t>(i);
  IdSequences out(corpus.size());
  for (std::size_t s = 0; s < corpus.size(); ++s) {
    out[s].reserve(corpus.labels[s].size());
    for (const auto& label : corpus.labels[s]) {
      auto it = index.find(label);
      if (it == index.end()) throw Error(corpus.name, 0, "label '" + label + "' is not in the model's label set");
      out[s].push_back(it->second);
    }
  }
  return out;
}

// Tags the dev corpus and counts entities the way conlleval does. In a job of several processes
// each tags its slice of every batch and the counts are summed, so all ranks get the same scores.
// `shards` batches are decoded at once (one thread each, as in training), counted in batch order.
// The predictions are respelled in `output_scheme` when there is one (--train-scheme).
Scores score_dev(NerModel& model, const LabelledCorpus& dev, const IdSequences& dev_ids,
                 const std::vector<std::string>& labels, const std::optional<Scheme>& output_scheme,
                 const BatchLimits& limits, const torch::Device& device, DataParallel& parallel, int shards) {
  torch::NoGradGuard no_grad;
  model->eval();
  std::vector<Batch> batches;
  for (const auto& global : make_batches(dev.lengths(), limits))
    if (auto local = parallel.local_batch(global); !local.empty()) batches.push_back(std::move(local));
  std::vector<std::vector<std::vector<int64_t>>> paths(batches.size());
  for_each_in_parallel(batches.size(), shards, [&](std::size_t b) {
    auto t = make_batch_tensors(dev_ids, nullptr, batches[b], device);
    paths[b] = model->decode(t.token_ids, t.mask);
  });
  EntityCounter counter;
  for (std::size_t b = 0; b < batches.size(); ++b) {
    for (std::size_t r = 0; r < batches[b].size(); ++r) {
      std::vector<std::string> predicted;
      predicted.reserve(paths[b][r].size());
      for (int64_t id : paths[b][r]) predicted.push_back(labels.at(static_cast<std::size_t>(id)));
      counter.add(dev.labels[batches[b][r]], output_scheme ? respell(predicted, *output_scheme) : predicted);
    }
  }
  model->train();
  const TypeCounts local = counter.total();
  const auto sums = parallel.sum({static_cast<double>(local.gold), static_cast<double>(local.predicted),
                                  static_cast<double>(local.correct)});
  TypeCounts total;
  total.gold = static_cast<std::size_t>(sums[0]);
  total.predicted = static_cast<std::size_t>(sums[1]);
  total.correct = static_cast<std::size_t>(sums[2]);
  return scores_of(total);
}

// The batch's mean loss, with the forward pass under bf16 autocast when `bf16` is set.
torch::Tensor batch_loss(NerModel& model, const BatchTensors& t, bool bf16, const torch::Device& device) {
  const Bf16Autocast autocast(bf16, device);
  return model->loss(t.token_ids, t.mask, t.label_ids);
}

// Adds to the .grad of `params` (the model's trainable parameters) the gradient of `batch`'s mean
// loss times `scale`, with the batch
// cut into `shards` contiguous parts whose losses and gradients are computed at once, each on one
// thread with a dropout generator of its own (seeded from `seed` and the part), then summed in part
// order: the result does not depend on the threads' timing. `weight` is a part's weight in the
// batch's mean (sentences for the CRF, tokens for the softmax). Returns the batch's mean loss.
double add_sharded_gradients(NerModel& model, const std::vector<torch::Tensor>& params, const IdSequences& ids,
                             const IdSequences& label_ids, const Batch& batch, int shards,
                             const std::function<std::size_t(const Batch&)>& weight, double scale, std::uint64_t seed,
                             bool bf16, const torch::Device& device) {
  std::vector<Batch> parts;
  const std::size_t size = (batch.size() + static_cast<std::size_t>(shards) - 1) / static_cast<std::size_t>(shards);
  for (std::size_t i = 0; i < batch.size(); i += size)
    parts.emplace_back(batch.begin() + static_cast<std::ptrdiff_t>(i),
                       batch.begin() + static_cast<std::ptrdiff_t>(std::min(batch.size(), i + size)));
  const double total = static_cast<double>(weight(batch));
  std::vector<std::vector<torch::Tensor>> grads(parts.size());
  std::vector<double> losses(parts.size());
  for_each_in_parallel(parts.size(), shards, [&](std::size_t k) {
    const ThreadGenerator generator(epoch_seed(seed, k));
    const auto loss = batch_loss(model, make_batch_tensors(ids, &label_ids, parts[k], device), bf16, device);
    const double share = static_cast<double>(weight(parts[k])) / total;
    grads[k] = torch::autograd::grad({loss * (share * scale)}, params, {}, false, false, /*allow_unused=*/true);
    losses[k] = share * loss.item<double>();
  });
  torch::NoGradGuard no_grad;
  for_each_tensor_run(params, shards, [&](std::size_t begin, std::size_t end) {
    for (std::size_t i = begin; i < end; ++i) {
      torch::Tensor sum;
      for (const auto& g : grads)
        if (g[i].defined()) sum = sum.defined() ? sum + g[i] : g[i];
      if (!sum.defined()) continue;
      auto& grad = params[i].mutable_grad();
      if (grad.defined()) grad.add_(sum);
      else grad = sum;
    }
  });
  double loss = 0;
  for (double l : losses) loss += l;
  return loss;
}

nlohmann::json training_info(const TrainOptions& o, const ModelConfig& config, const TrainingProgress& p,
                             const LabelledCorpus& train, const std::optional<Scores>& dev, int64_t parameters) {
  nlohmann::json info = {{"trainer", "ner-train " NER_VERSION},
                         {"train", o.train_path},
                         {"train_sentences", train.size()},
                         {"train_tokens", train.token_count()},
                         {"epoch", p.epoch},
                         {"steps", p.step},
                         {"seed", o.seed},
                         {"optimizer", optimizer_name(o.optimizer)},
                         {"lr", o.lr},
                         {"weight_decay", o.weight_decay},
                         {"warmup", o.warmup},
                         {"decay", lr_decay_name(o.decay)},
                         {"clip", o.clip},
                         {"batch_sentences", o.batch.sentences},
                         {"batch_tokens", o.batch.tokens},
                         {"max_len", o.max_len},
                         {"min_count", o.min_count},
                         {"parameters", parameters},
                         {"seconds", std::round(p.total_seconds * 10) / 10}};
  if (!o.dev_path.empty()) info["dev"] = o.dev_path;
  if (dev) info["dev_scores"] = {{"precision", dev->precision}, {"recall", dev->recall}, {"f1", dev->f1}};
  if (!o.embeddings_path.empty()) info["embeddings"] = o.embeddings_path;
  if (config.bigram_dim > 0) info["bigram_min_count"] = o.bigram_min_count;
  if (!o.bigram_embeddings_path.empty()) info["bigram_embeddings"] = o.bigram_embeddings_path;
  if (!o.bert_path.empty())
    info["bert"] = {{"path", o.bert_path}, {"bert_lr", o.bert_lr}, {"freeze", o.freeze_bert}, {"bf16", o.bf16}};
  if (o.accumulate > 1) info["accumulate"] = o.accumulate;
  if (o.ema > 0) info["ema"] = o.ema;
  return info;
}

}  // namespace

int train_model(const TrainOptions& o, const ModelConfig& requested, const Log& tool_log) {
  if (o.model_path.empty()) throw UsageError("ner-train needs -o MODEL");
  if (o.epochs == 0) throw UsageError("--epochs must be at least 1");
  if (o.batch.sentences == 0 && o.batch.tokens == 0) throw UsageError("--batch-size or --batch-tokens must be positive");
  const auto run_start = Clock::now();
  set_torch_threads(o.threads);
  // A job of several processes (RANK/WORLD_SIZE, libner/dist): every rank trains on its slice of
  // each global batch; rank 0 alone logs and writes the log, checkpoints and the model.
  const DistEnv dist_env = dist_env_from_environment();
  Log log = tool_log;
  if (!dist_env.is_main()) log.set_quiet(true);
  // The model and its checkpoint are written only after the first epoch: a bad path fails now.
  if (dist_env.is_main()) {
    check_output_path(o.model_path);
    check_output_path(checkpoint_path(o.model_path));
  }
  const torch::Device device(DataParallel::rank_device(resolve_device(o.device), dist_env));
  DataParallel parallel(dist_env, o.dist, device);
  if (parallel.active()) log.info("data-parallel: " + parallel.describe());

  LabelledCorpus train = read_labelled_corpus(o.train_path);
  if (train.size() == 0) throw Error(train.name, 0, "no labelled sentences to train on");
  if (const auto cuts = cut_long_sentences(train, o.max_len))
    log.info("cut " + std::to_string(cuts) + " times sentences longer than " + std::to_string(o.max_len) + " tokens");
  std::optional<LabelledCorpus> dev;
  if (!o.dev_path.empty()) dev = read_labelled_corpus(o.dev_path);

  // The network's definition: from the checkpoint when resuming, else from the data and options.
  const std::string ckpt_path = checkpoint_path(o.model_path);
  std::optional<Checkpoint> ckpt;
  if (o.resume) {
    if (std::filesystem::exists(ckpt_path)) {
      ckpt = load_checkpoint(ckpt_path);
      if (ckpt->seed != o.seed) log.warn("the checkpoint was made with --seed " + std::to_string(ckpt->seed) +
                                         "; the run goes on with --seed " + std::to_string(o.seed));
    } else {
      log.info("no checkpoint " + ckpt_path + ": starting afresh");
    }
  }
  if (parallel.active() && parallel.sum({ckpt ? 1.0 : 0.0})[0] != (ckpt ? parallel.size() : 0))
    throw Error(ckpt_path, 0, "--resume: some ranks found the checkpoint and some did not (it must be on a file "
                              "system that every rank reads)");
  ModelConfig config;
  Vocabulary vocabulary;
  std::vector<std::string> labels;
  std::vector<int64_t> bigram_keys;  // a fresh model's; a checkpoint holds them with the weights
  TrainingProgress progress;
  if (ckpt) {
    config = ckpt->config;
    vocabulary = ckpt->vocabulary;
    labels = ckpt->labels;
    progress = ckpt->progress;
  } else {
    config = requested;
    prepare_bert_config(config, o);
    if (o.detect_scheme) config.scheme = scheme_name(detect_scheme(train));
    if (!o.train_scheme.empty()) {
      const std::string learnt = scheme_name(parse_scheme(o.train_scheme));
      if (learnt != config.scheme) config.output_scheme = std::exchange(config.scheme, learnt);
    }
  }
  const std::string& data_scheme = config.output_scheme.empty() ? config.scheme : config.output_scheme;
  if (const auto bad = count_ill_formed(train, parse_scheme(data_scheme)))
    log.warn(std::to_string(bad) + " training sentences are ill-formed as " + data_scheme +
             " (give --scheme, or repair them with ner-convert --repair)");
  // --train-scheme: the labels are learnt and decoded in config.scheme; dev is scored in the
  // data's, as ner-tag writes them.
  std::optional<Scheme> output_scheme;
  if (!config.output_scheme.empty()) {
    respell_labels(train, parse_scheme(config.scheme));
    output_scheme = parse_scheme(config.output_scheme);
  }
  if (!ckpt) {
    labels = collect_labels(train);
    VocabularyCounter counter;
    for (const auto& sentence : train.tokens)
      for (const auto& token : sentence) counter.count(token);
    // A BERT model reads BERT's own vocabulary (config.bert), so its Vocabulary stays empty.
    if (config.encoder != "bert") vocabulary = counter.build(o.min_count);
    if (!o.bigram_embeddings_path.empty() && config.bigram_dim == 0)
      throw UsageError("--bigram-embeddings needs --bigram-dim");
  }
  // BERT reads at most max_position_embeddings - 2 tokens: longer sentences are cut for training
  // and dev scoring (ner-tag tags them in overlapping windows instead).
  if (const auto limit = encoder_max_tokens(config)) {
    if (const auto cuts = cut_long_sentences(train, limit))
      log.info("cut " + std::to_string(cuts) + " times training sentences longer than BERT's " +
               std::to_string(limit) + " tokens");
    if (dev) cut_long_sentences(*dev, limit);
  }
  const TokenIds token_ids(config, vocabulary);
  const IdSequences train_ids = encode_tokens(train, token_ids);
  const IdSequences train_labels = encode_labels(train, labels);
  const IdSequences dev_ids = dev ? encode_tokens(*dev, token_ids) : IdSequences();
  if (!ckpt && config.bigram_dim > 0) {
    bigram_keys = collect_bigram_keys(train_ids, static_cast<int64_t>(vocabulary.size()), o.bigram_min_count);
    config.bigram_vocab_size = static_cast<int64_t>(bigram_keys.size());
  }
  if (o.accumulate == 0) throw UsageError("--accumulate must be at least 1");
  if (o.accumulate > 1 && parallel.active()) throw UsageError("--accumulate is not available in a data-parallel job");
  const bool bf16 = o.bf16 && bf16_is_native(device.str());
  if (o.bf16 && !bf16) log.warn("--bf16: this CPU has no bf16 instructions; training in float32");

  torch::manual_seed(o.seed);
  NerModel model(config, static_cast<int64_t>(vocabulary.size()), labels);
  if (!ckpt && config.encoder == "bert") {
    load_pretrained_bert(*model, o.bert_path);
    log.info("BERT: " + o.bert_path + " (" + std::to_string(bert_config_of(config).num_hidden_layers) + " layers, hidden " +
             std::to_string(bert_config_of(config).hidden_size) + ")");
  }
  if (!ckpt && config.bigram_dim > 0) {
    auto& encoder = model->embedding_encoder("--bigram-dim");
    encoder.set_bigram_keys(bigram_keys);
    if (!o.bigram_embeddings_path.empty()) {
      const auto found = encoder.load_bigram_word2vec(vocabulary, o.bigram_embeddings_path);
      log.info("bigram embeddings: " + std::to_string(found) + " of " + std::to_string(bigram_keys.size()) +
               " bigrams found in " + o.bigram_embeddings_path);
    }
  }
  model->to(device);
  if (ckpt) {
    load_module_tensors(*model, model_tensors_of(*ckpt), ckpt_path);
  } else if (!o.embeddings_path.empty()) {
    const auto found = model->load_embeddings(vocabulary, o.embeddings_path);
    log.info("embeddings: " + std::to_string(found) + " of " + std::to_string(vocabulary.size() - 2) +
             " tokens found in " + o.embeddings_path);
  }
  // One process on the CPU: each batch is cut into parts trained at once, one thread each
  // (add_sharded_gradients), since these models' small operations gain little from being split
  // across threads; the optimiser shares out its tensors among the same threads. --threads 1
  // (and CUDA, and a job of several processes) keeps the plain step.
  const int shards = device.is_cpu() && !parallel.active() ? set_torch_piece_threads(o.threads) : 1;
  const OptimizerKind optimizer_kind = ckpt ? parse_optimizer(ckpt->optimizer) : o.optimizer;
  auto optimizer = make_model_optimizer(optimizer_kind, *model, o, shards);
  if (ckpt) {
    load_optimizer_state(*optimizer, ckpt->tensors, ckpt->optimizer_state, ckpt_path);
    for (const auto& [name, t] : ckpt->tensors)
      if (name == "rng.cpu") set_cpu_rng_state(t);
  }
  parallel.start(*model);  // rank 0's weights everywhere; gradient buckets
  std::vector<torch::Tensor> trainable;  // what add_sharded_gradients differentiates (a frozen BERT is not)
  for (const auto& p : model->parameters())
    if (p.requires_grad()) trainable.push_back(p);
  WeightAverage average(trainable, o.ema);
  if (ckpt && average.active() && !average.load(ckpt->tensors, ckpt_path))
    log.warn("--ema: the checkpoint holds no weight average; it starts from the weights of step " +
             std::to_string(ckpt->progress.step));
  // Each rank draws its own dropout masks (rank 0 keeps the run's stream, which the checkpoint saves).
  if (parallel.rank() > 0) torch::manual_seed(epoch_seed(o.seed + static_cast<std::uint64_t>(parallel.rank()), progress.step));

  const auto train_lengths = train.lengths();

  // The schedule is planned over all epochs; early stopping only cuts it short.
  const std::size_t batches_per_epoch = make_batches(train_lengths, o.batch, epoch_seed(o.seed, 1)).size();
  LrSchedule schedule;
  schedule.base = o.lr;
  schedule.total_steps = batches_per_epoch * o.epochs;
  schedule.warmup_steps = static_cast<std::size_t>(std::llround(o.warmup * static_cast<double>(schedule.total_steps)));
  schedule.decay = o.decay;

  log.info(config.arch + ": " + std::to_string(model->parameter_count()) + " parameters, " +
           (config.encoder == "bert" ? std::to_string(config.bert["vocab"].size()) + " BERT pieces"
                                     : std::to_string(vocabulary.size()) + " tokens in the vocabulary") +
           (config.bigram_dim > 0 ? " and " + std::to_string(config.bigram_vocab_size) + " bigrams" : "") + ", " +
           std::to_string(labels.size()) +
           " labels (" + config.scheme + "); " + std::to_string(train.size()) + " training sentences (" +
           std::to_string(train.token_count()) + " tokens)" + (dev ? ", " + std::to_string(dev->size()) + " dev" : "") +
           "; " + (device.is_cuda() ? "cuda" : "cpu, " + (shards > 1 ? std::to_string(shards) + " threads, one a batch part"
                                                    : std::to_string(torch::get_num_threads()) + " threads")));
  if (ckpt)
    log.info("resuming after epoch " + std::to_string(progress.epoch) +
             (progress.batch ? ", batch " + std::to_string(progress.batch) : std::string()));

  TrainingLog tsv;
  tsv.open(parallel.is_main() ? o.log_path : std::string(), ckpt.has_value(), progress.epoch);
  InterruptGuard interrupt;
  ProgressBar bar(Log::fancy_stderr() && !log.quiet());
  model->train();
  double previous_seconds = progress.total_seconds;

  auto save_ckpt = [&] {
    if (!parallel.is_main()) return;
    progress.total_seconds = previous_seconds + seconds_since(run_start);
    save_checkpoint(ckpt_path, config, vocabulary, labels, progress, o.seed, model, *optimizer,
                    optimizer_name(optimizer_kind), average);
  };
  auto interrupted = [&] {
    bar.finish();
    save_ckpt();
    log.info("interrupted: saved " + ckpt_path + "; run the same command with --resume to continue");
    return 130;
  };

  for (std::size_t epoch = progress.epoch + 1; epoch <= o.epochs; ++epoch) {
    if (progress.patience_exhausted(o.patience)) break;
    const auto batches = make_batches(train_lengths, o.batch, epoch_seed(o.seed, epoch));
    bar.start("epoch " + std::to_string(epoch) + "/" + std::to_string(o.epochs), batches.size());
    auto train_start = Clock::now();
    const std::size_t first_batch = progress.batch;  // > 0 when resuming within the epoch
    for (std::size_t b = progress.batch; b < batches.size(); ++b) {
      // This rank's slice of the global batch, and its weight in the batch's mean loss: sentences
      // for the CRF's per-sentence mean, tokens for the softmax's per-token mean (loss_share).
      const Batch local = parallel.local_batch(batches[b]);
      const bool per_token = config.decoder == "softmax";
      auto weight = [&](const Batch& batch) {
        if (!per_token) return batch.size();
        std::size_t tokens = 0;
        for (auto i : batch) tokens += train_lengths[i];
        return tokens;
      };
      const double share = parallel.active() ? loss_share(weight(local), weight(batches[b])) : 1.0;
      // --accumulate N: gradients of N batches summed (each loss / N), one optimiser step.
      const bool first_of_step = b % o.accumulate == 0 || b == first_batch;
      const bool last_of_step = (b + 1) % o.accumulate == 0 || b + 1 == batches.size();
      set_group_learning_rates(*optimizer, schedule.at(progress.step), o);
      if (first_of_step) optimizer->zero_grad();
      parallel.before_backward(share);
      double local_loss = 0;
      std::size_t local_tokens = 0;
      if (shards > 1 && !local.empty()) {
        // The parts' dropout seeds: from the step, apart from the epochs' shuffling seeds.
        local_loss = add_sharded_gradients(model, trainable, train_ids, train_labels, local, shards, weight,
                                           1.0 / static_cast<double>(o.accumulate),
                                           epoch_seed(o.seed ^ 0x5eedULL, progress.step), bf16, device);
        for (auto i : local) local_tokens += train_lengths[i];
      } else if (!local.empty()) {
        const auto t = make_batch_tensors(train_ids, &train_labels, local, device);
        const auto loss = batch_loss(model, t, bf16, device);
        (o.accumulate > 1 ? loss / static_cast<double>(o.accumulate) : loss).backward();
        local_loss = loss.item<double>();
        local_tokens = t.tokens;
      }
      parallel.after_backward();  // the global batch's gradient on every rank
      if (last_of_step) {
        if (o.clip > 0) clip_gradient_norm(model->parameters(), o.clip, shards);
        optimizer->step();
        average.update(progress.step, shards);
      }
      if (o.interrupt_after_steps && progress.step + 1 == o.interrupt_after_steps) InterruptGuard::request();
      // The global batch's loss and tokens, and whether any rank was interrupted.
      const auto totals = parallel.sum({share * local_loss, static_cast<double>(local_tokens),
                                        InterruptGuard::requested() ? 1.0 : 0.0});
      if (totals[2] > 0) InterruptGuard::request();
      progress.step += 1;
      progress.batch = b + 1;
      progress.epoch_loss += totals[0] * static_cast<double>(batches[b].size());
      progress.epoch_sentences += batches[b].size();
      progress.epoch_tokens += static_cast<std::size_t>(totals[1]);
      const double secs = progress.epoch_seconds + seconds_since(train_start);
      bar.update(b + 1, "loss " + format("%.3f", progress.epoch_loss / static_cast<double>(progress.epoch_sentences)) +
                            ", " + rate(static_cast<double>(progress.epoch_tokens) / std::max(secs, 1e-9)) + " tok/s");
      if (InterruptGuard::requested()) {
        progress.epoch_seconds += seconds_since(train_start);
        return interrupted();
      }
    }
    progress.epoch_seconds += seconds_since(train_start);
    bar.finish();

    EpochRecord record;
    record.epoch = epoch;
    record.loss = progress.epoch_sentences ? progress.epoch_loss / static_cast<double>(progress.epoch_sentences) : 0;
    record.tokens_per_second = static_cast<double>(progress.epoch_tokens) / std::max(progress.epoch_seconds, 1e-9);
    const auto dev_start = Clock::now();
    bool better = false;
    {
      // --ema: dev scores, and the model file keeps, the averaged weights; training goes on from its own.
      const AveragedWeights averaged(average);  // without --ema, nothing to swap
      if (dev) record.dev = score_dev(model, *dev, dev_ids, labels, output_scheme, o.batch, device, parallel, shards);
      record.seconds = progress.epoch_seconds + seconds_since(dev_start);

      better = !dev || record.dev->f1 > progress.best_f1;
      progress.epoch = epoch;
      progress.batch = 0;
      if (better) {
        progress.best_f1 = dev ? record.dev->f1 : -1;
        progress.best_epoch = epoch;
        progress.bad_epochs = 0;
      } else {
        progress.bad_epochs += 1;
      }
      progress.total_seconds = previous_seconds + seconds_since(run_start);
      if (better && parallel.is_main())
        save_model(o.model_path, config, vocabulary, labels, model,
                   training_info(o, config, progress, train, record.dev, model->parameter_count()));
    }
    tsv.add(record);
    std::string line = "epoch " + std::to_string(epoch) + "/" + std::to_string(o.epochs) + ": loss " +
                       format("%.4f", record.loss);
    if (record.dev)
      line += ", dev P/R/F1 " + format("%.2f", record.dev->precision) + "/" + format("%.2f", record.dev->recall) + "/" +
              format("%.2f", record.dev->f1) + (better ? " (best)" : "");
    line += ", " + format("%.1f", record.seconds) + " s, " + rate(record.tokens_per_second) + " tokens/s";
    log.info(line);
    progress.epoch_loss = 0;
    progress.epoch_sentences = progress.epoch_tokens = 0;
    progress.epoch_seconds = 0;
    save_ckpt();
    if (parallel.sum({InterruptGuard::requested() ? 1.0 : 0.0})[0] > 0) return interrupted();
  }
  if (progress.patience_exhausted(o.patience))
    log.info("stopped early: no better dev F1 for " + std::to_string(o.patience) + " epochs");
  if (dev)
    log.info("best dev F1 " + format("%.2f", progress.best_f1) + " at epoch " + std::to_string(progress.best_epoch) +
             "; model written to " + o.model_path);
  else
    log.info("model written to " + o.model_path);
  return 0;
}

}  // namespace ner
