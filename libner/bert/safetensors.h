// The safetensors file format (github.com/huggingface/safetensors, "Format" in its README):
// an 8-byte little-endian header length N, N bytes of JSON mapping each tensor name to
// {"dtype", "shape", "data_offsets": [begin, end]} (offsets relative to the byte after the header)
// plus an optional "__metadata__" object of strings, then the raw little-endian tensor bytes.
// Reading it needs no torch: this file only parses and validates; bert_weights.cpp turns entries
// into tensors.
#pragma once

#include <cstddef>
#include <cstdint>
#include <map>
#include <string>
#include <vector>

namespace ner::bert {

enum class DType { F64, F32, F16, BF16, I64, I32, I16, I8, U8, Bool };

const char* dtype_name(DType dtype);     // as the format spells it: "F32", "BF16", ...
std::size_t dtype_size(DType dtype);     // bytes per element

struct TensorEntry {
  std::string name;
  DType dtype = DType::F32;
  std::vector<std::int64_t> shape;
  std::uint64_t begin = 0;  // byte range in the data section, end exclusive
  std::uint64_t end = 0;

  std::int64_t numel() const;
  std::uint64_t nbytes() const { return end - begin; }
};

class SafetensorsFile {
 public:
  // Reads and checks the header of `path`: the header length fits the file, the JSON is an object,
  // every dtype is known, every shape matches its byte range, and the ranges lie inside the data
  // section without overlapping. Throws ner::Error naming the file and the fault.
  explicit SafetensorsFile(const std::string& path);

  const std::string& path() const { return path_; }
  const std::vector<TensorEntry>& entries() const { return entries_; }  // sorted by name
  const std::map<std::string, std::string>& metadata() const { return metadata_; }
  const TensorEntry* find(const std::string& name) const;

  // Copies the bytes of `entry` into `out` (entry.nbytes() bytes).
  void read(const TensorEntry& entry, void* out) const;

 private:
  std::string path_;
  std::uint64_t data_start_ = 0;  // file offset of the data section
  std::vector<TensorEntry> entries_;
  std::map<std::string, std::string> metadata_;
};

// One tensor to write: raw little-endian bytes of `shape` elements of `dtype`.
struct TensorBytes {
  std::string name;
  DType dtype = DType::F32;
  std::vector<std::int64_t> shape;
  const void* data = nullptr;
  std::size_t nbytes = 0;
};

// Writes a safetensors file atomically (through ner::OutputFile), tensors in the given order with
// the header padded to a multiple of 8 bytes as the reference writer does, so that the data of
// 8-byte types stays aligned.
void write_safetensors(const std::string& path, const std::vector<TensorBytes>& tensors,
                       const std::map<std::string, std::string>& metadata = {});

}  // namespace ner::bert
