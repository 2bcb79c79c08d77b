// A plain serialisation of named tensors: for each tensor its name, dtype, shape and raw
// little-endian bytes. Used for the model file's weights and the trainer's checkpoints; independent
// of torch::save's pickle format, which changed between LibTorch 1.x and 2.x.
#pragma once

#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include <nlohmann/json.hpp>
#include <torch/torch.h>

namespace ner {

using NamedTensors = std::vector<std::pair<std::string, torch::Tensor>>;

// Serialises tensors of dtypes float32/64, float16, bfloat16, int64/32/16/8, uint8 and bool
// (copied to the CPU, made contiguous).
std::string encode_tensors(const NamedTensors& tensors);
// Throws ner::Error(file_name, 0, ...) when `bytes` is malformed or truncated.
NamedTensors decode_tensors(std::string_view bytes, const std::string& file_name);

// A module's parameters and buffers by their dotted names.
NamedTensors module_tensors(const torch::nn::Module& module);
// Copies `tensors` into the module's parameters and buffers (moving them to each one's device
// and dtype). Every name must match one of the module's, with the same shape: otherwise throws
// ner::Error(file_name, 0, ...) naming the missing, unexpected or misshapen tensors.
void load_module_tensors(torch::nn::Module& module, const NamedTensors& tensors, const std::string& file_name);

// A file of named tensors with a JSON header (magic "NERTENSR"): for checkpoints (optimizer
// state, the model, the trainer's state). Written atomically.
void write_tensor_file(const std::string& path, const nlohmann::json& header, const NamedTensors& tensors);
std::pair<nlohmann::json, NamedTensors> read_tensor_file(const std::string& path);

}  // namespace ner
