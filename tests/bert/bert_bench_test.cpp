// Benchmark, not a test: hidden from ctest by the "[.]" tag. tests/bench/bert.sh and
// scripts/gpu-check.sh run it as `ner_model_tests "[bert-bench]"`. A randomly initialised BERT of the
// chosen shape (default BERT-base: 12 layers, hidden 768, 12 heads, intermediate 3072, vocabulary
// 21128) runs forward (and, with NER_BENCH_TRAIN=1, forward + backward + AdamW) on random ids, and
// the tokens per second are printed. Knobs (environment): NER_BENCH_DEVICE cpu|cuda,
// NER_BENCH_DTYPE fp32|bf16 (bf16: the weights in bf16 for inference, autocast for training),
// NER_BENCH_BATCH, NER_BENCH_LENGTH, NER_BENCH_LAYERS, NER_BENCH_HIDDEN, NER_BENCH_HEADS,
// NER_BENCH_INTERMEDIATE, NER_BENCH_VOCAB, NER_BENCH_ITERS, NER_BENCH_THREADS, NER_BENCH_PAD
// (fraction of each row that is padding, default 0), NER_BENCH_PROFILE=FILE (the timed steps under
// LibTorch's profiler, written as ner-tag --profile writes it).
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <string>

#include <torch/torch.h>
// c10 defines a glog-style CHECK(cond); Catch's must win in this file.
#undef CHECK
#include <catch2/catch.hpp>
#include <torch/version.h>

#include "libner/bert/bert_encoder.h"
#include "libner/train/bert_training.h"
#include "libner/train/optimizer.h"
#include "libner/train/run_profile.h"

namespace {

long env_long(const char* name, long fallback) {
  const char* v = std::getenv(name);
  return v && *v ? std::strtol(v, nullptr, 10) : fallback;
}

std::string env_string(const char* name, const char* fallback) {
  const char* v = std::getenv(name);
  return v && *v ? v : fallback;
}

}  // namespace

TEST_CASE("bert benchmark: encoder tokens per second", "[.][bert-bench]") {
  ner::bert::BertConfig c;
  c.num_hidden_layers = env_long("NER_BENCH_LAYERS", 12);
  c.hidden_size = env_long("NER_BENCH_HIDDEN", 768);
  c.num_attention_heads = env_long("NER_BENCH_HEADS", 12);
  c.intermediate_size = env_long("NER_BENCH_INTERMEDIATE", 3072);
  c.vocab_size = env_long("NER_BENCH_VOCAB", 21128);
  const long batch = env_long("NER_BENCH_BATCH", 32), length = env_long("NER_BENCH_LENGTH", 128);
  const long iters = env_long("NER_BENCH_ITERS", 3);
  const bool train = env_long("NER_BENCH_TRAIN", 0) != 0;
  const std::string dtype = env_string("NER_BENCH_DTYPE", "fp32");
  const torch::Device device(env_string("NER_BENCH_DEVICE", "cpu"));
  const bool bf16 = dtype == "bf16";
  if (device.is_cpu()) torch::set_num_threads(static_cast<int>(env_long("NER_BENCH_THREADS", 2)));
  torch::manual_seed(0);

  ner::bert::BertEncoder encoder(c);
  encoder->to(device);
  if (bf16 && !train) encoder->to(torch::kBFloat16);
  train ? encoder->train() : encoder->eval();
  const auto ids = torch::randint(std::min<std::int64_t>(1000, c.vocab_size / 2), c.vocab_size, {batch, length}, torch::TensorOptions().dtype(torch::kLong).device(device));
  auto mask = torch::ones({batch, length}, torch::TensorOptions().dtype(torch::kLong).device(device));
  const long pad = static_cast<long>(length * std::strtod(env_string("NER_BENCH_PAD", "0").c_str(), nullptr));
  if (pad > 0) mask.slice(1, length - pad, length).zero_();
  // ner-train's optimiser (multi-tensor steps), at AdamW's default weight decay.
  auto optimizer = ner::make_optimizer(ner::OptimizerKind::adamw, encoder->parameters(), 2e-5, 0.01);

  auto step = [&] {
    if (!train) {
      torch::NoGradGuard no_grad;
      return encoder->forward(ids, mask).sum().to(torch::kFloat);
    }
    torch::Tensor loss;
    {
      ner::Bf16Autocast autocast(bf16, device);
      loss = encoder->forward(ids, mask).to(torch::kFloat).pow(2).mean();
    }
    optimizer->zero_grad();
    loss.backward();
    optimizer->step();
    return loss.detach();
  };
  step().item<float>();  // warm-up (kernel selection, allocator)
  ner::RunProfile profile(env_string("NER_BENCH_PROFILE", ""));
  const auto start = std::chrono::steady_clock::now();
  torch::Tensor last;
  for (long i = 0; i < iters; ++i) last = step();
  last.item<float>();  // waits for the device
  const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  profile.write();
  const double tokens = static_cast<double>(batch * length * iters);
  // Matrix-multiply FLOPs per token of one forward pass (3x for training), attention included.
  const double h = static_cast<double>(c.hidden_size), inner = static_cast<double>(c.intermediate_size);
  const double flops = c.num_hidden_layers * (8 * h * h + 4 * h * inner + 4 * static_cast<double>(length) * h);
  const double achieved = tokens * flops * (train ? 3 : 1) / seconds;
  // Padded positions count as tokens (the work is done for them).
  const std::string padded = pad > 0 ? " (" + std::to_string(pad) + " padded)" : "";
  std::printf("bert %s %s %s: layers %ld hidden %ld batch %ld x length %ld%s: %.0f tokens/s (%.1f ms/batch, %.2f TFLOP/s)\n",
              train ? "train" : "forward", device.str().c_str(), dtype.c_str(), static_cast<long>(c.num_hidden_layers),
              static_cast<long>(c.hidden_size), batch, length, padded.c_str(), tokens / seconds, 1000 * seconds / iters,
              achieved / 1e12);
  std::fflush(stdout);
}
