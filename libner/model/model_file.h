// The model file: everything ner-tag needs in one file.
//
//   bytes 0-7   "NERMODEL"
//   uint32 LE   format version (kModelFormatVersion)
//   uint64 LE   length of the JSON header, then the header (UTF-8)
//   uint64 LE   length of the weights, then the weights: one zstd frame of the tensor
//               serialisation in tensor_io.h (names, dtypes, shapes, little-endian bytes)
//
// The header holds "config" (ModelConfig), "labels", "scheme", "vocabulary", "info" (whatever the
// trainer records: corpus, epochs, dev scores) and "weights": {"bytes", "fnv1a64"} so a truncated
// or damaged file is refused with a clear message before anything is built from it. The format is
// our own rather than torch::save's pickles, which differ between LibTorch 1.x and 2.x.
//
// This header is torch-free; load_model returns the network behind a pointer to its torch class.
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "libner/model/model_config.h"
#include "libner/model/vocabulary.h"

namespace ner {

class NerModel;
class NerModelImpl;

constexpr uint32_t kModelFormatVersion = 1;

// Writes the model atomically (temporary file + rename): a crash leaves the old file or none.
void save_model(const std::string& path, const ModelConfig& config, const Vocabulary& vocabulary,
                const std::vector<std::string>& labels, NerModel& model, const nlohmann::json& info);

struct LoadedModel {
  nlohmann::json header;  // as stored (see above)
  ModelConfig config;
  Vocabulary vocabulary;
  std::vector<std::string> labels;
  std::shared_ptr<NerModelImpl> model;  // on `device`, in eval mode; NerModel(model) wraps it
};

// Reads and checks a model file and builds the network on `device` ("cpu", "cuda", "cuda:1").
// Throws ner::Error(path, 0, ...) with "not a ner model file", "truncated model file",
// "model file is corrupt (...)" or "model file format version N is newer than this ner".
LoadedModel load_model(const std::string& path, const std::string& device = "cpu");

// Only the checked JSON header, without reading the weights into a network (ner-tag --info).
// It includes "format_version" and "file_bytes".
nlohmann::json read_model_header(const std::string& path);

// The container without its meaning, shared with the trainer's checkpoints: `magic` is 8 bytes,
// `payload` is compressed with zstd and its FNV-1a-64 is stored in the header under "payload".
void write_container(const std::string& path, const std::string& magic, uint32_t version,
                     nlohmann::json header, const std::string& payload);
struct Container {
  uint32_t version = 0;
  nlohmann::json header;
  std::string payload;  // decompressed
};
// `what` names the kind of file in messages ("ner model file", "checkpoint").
Container read_container(const std::string& path, const std::string& magic, uint32_t max_version,
                         const std::string& what, bool read_payload = true);

// FNV-1a, 64 bits: a checksum, not a hash for security.
uint64_t fnv1a64(const void* data, std::size_t size, uint64_t seed = 14695981039346656037ULL);

}  // namespace ner
