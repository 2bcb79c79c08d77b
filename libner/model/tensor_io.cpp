#include "libner/model/tensor_io.h"

#include <cstring>
#include <map>

#include "libner/io/error.h"
#include "libner/model/model_file.h"

// The bytes are written as the host holds them; every machine this runs on is little-endian.
static_assert(__BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__, "the tensor format is little-endian");

namespace ner {

namespace {

constexpr uint32_t kTensorFileVersion = 1;
constexpr std::size_t kMaxDims = 16;

// Stable codes for the dtypes, independent of torch's ScalarType numbering.
struct DtypeCode {
  uint8_t code;
  torch::ScalarType type;
};
constexpr DtypeCode kDtypes[] = {
    {0, torch::kFloat32}, {1, torch::kFloat64}, {2, torch::kFloat16}, {3, torch::kBFloat16}, {4, torch::kInt64},
    {5, torch::kInt32},   {6, torch::kInt16},   {7, torch::kInt8},    {8, torch::kUInt8},    {9, torch::kBool},
};

uint8_t dtype_code(torch::ScalarType type) {
  for (const auto& d : kDtypes)
    if (d.type == type) return d.code;
  throw Error(std::string("cannot serialise tensors of dtype ") + c10::toString(type));
}

template <class T>
void put(std::string& out, T value) {
  out.append(reinterpret_cast<const char*>(&value), sizeof value);
}

// Reads from a byte range, throwing a "corrupt" error instead of reading past its end.
class ByteReader {
 public:
  ByteReader(std::string_view bytes, const std::string& file) : bytes_(bytes), file_(file) {}
  template <class T>
  T get() {
    T value;
    std::memcpy(&value, take(sizeof value), sizeof value);
    return value;
  }
  const char* take(std::size_t n) {
    if (n > bytes_.size() - pos_) fail("tensor data ends early");
    const char* p = bytes_.data() + pos_;
    pos_ += n;
    return p;
  }
  bool done() const { return pos_ == bytes_.size(); }
  [[noreturn]] void fail(const std::string& what) const {
    throw Error(file_, 0, "file is corrupt (" + what + ")");
  }

 private:
  std::string_view bytes_;
  std::size_t pos_ = 0;
  const std::string& file_;
};

std::string shape_string(const torch::IntArrayRef& sizes) {
  std::string s = "[";
  for (std::size_t i = 0; i < sizes.size(); ++i) s += (i ? "," : "") + std::to_string(sizes[i]);
  return s + "]";
}

}  // namespace

std::string encode_tensors(const NamedTensors& tensors) {
  std::string out;
  put<uint32_t>(out, static_cast<uint32_t>(tensors.size()));
  for (const auto& [name, tensor] : tensors) {
    auto t = tensor.detach().to(torch::kCPU).contiguous();
    put<uint32_t>(out, static_cast<uint32_t>(name.size()));
    out += name;
    put<uint8_t>(out, dtype_code(t.scalar_type()));
    put<uint8_t>(out, static_cast<uint8_t>(t.dim()));
    for (auto size : t.sizes()) put<int64_t>(out, size);
    const uint64_t nbytes = static_cast<uint64_t>(t.numel()) * t.element_size();
    put<uint64_t>(out, nbytes);
    out.append(static_cast<const char*>(t.data_ptr()), nbytes);
  }
  return out;
}

NamedTensors decode_tensors(std::string_view bytes, const std::string& file_name) {
  ByteReader in(bytes, file_name);
  NamedTensors tensors;
  const auto count = in.get<uint32_t>();
  for (uint32_t i = 0; i < count; ++i) {
    const auto name_size = in.get<uint32_t>();
    std::string name(in.take(name_size), name_size);
    const auto code = in.get<uint8_t>();
    const DtypeCode* dtype = nullptr;
    for (const auto& d : kDtypes)
      if (d.code == code) dtype = &d;
    if (!dtype) in.fail("unknown dtype code " + std::to_string(code) + " for tensor " + name);
    const auto dims = in.get<uint8_t>();
    if (dims > kMaxDims) in.fail("tensor " + name + " has too many dimensions");
    std::vector<int64_t> sizes;
    uint64_t numel = 1;
    for (uint8_t d = 0; d < dims; ++d) {
      const auto size = in.get<int64_t>();
      if (size < 0 || (size > 0 && numel > (uint64_t{1} << 48) / static_cast<uint64_t>(size)))
        in.fail("tensor " + name + " has an impossible shape");
      numel *= static_cast<uint64_t>(size);
      sizes.push_back(size);
    }
    const auto nbytes = in.get<uint64_t>();
    // The sizes are checked against the bytes that are there before anything is allocated, and
    // an empty tensor copies nothing (its data pointer may be null; found by tests/fuzz).
    if (nbytes != numel * c10::elementSize(dtype->type)) in.fail("tensor " + name + " has the wrong number of bytes");
    const char* data = in.take(nbytes);
    auto tensor = torch::empty(sizes, torch::TensorOptions().dtype(dtype->type));
    if (nbytes > 0) std::memcpy(tensor.data_ptr(), data, nbytes);
    tensors.emplace_back(std::move(name), std::move(tensor));
  }
  if (!in.done()) in.fail("bytes after the last tensor");
  return tensors;
}

NamedTensors module_tensors(const torch::nn::Module& module) {
  NamedTensors tensors;
  for (const auto& p : module.named_parameters(true)) tensors.emplace_back(p.key(), p.value());
  for (const auto& b : module.named_buffers(true)) tensors.emplace_back(b.key(), b.value());
  return tensors;
}

void load_module_tensors(torch::nn::Module& module, const NamedTensors& tensors, const std::string& file_name) {
  std::map<std::string, const torch::Tensor*> given;
  for (const auto& [name, tensor] : tensors) given[name] = &tensor;
  std::string missing, misshapen;
  std::vector<std::pair<torch::Tensor, const torch::Tensor*>> copies;
  auto match = [&](const std::string& name, const torch::Tensor& target) {
    auto it = given.find(name);
    if (it == given.end()) {
      missing += (missing.empty() ? "" : ", ") + name;
      return;
    }
    if (it->second->sizes() != target.sizes())
      misshapen += (misshapen.empty() ? "" : ", ") + name + " " + shape_string(it->second->sizes()) + " for " +
                   shape_string(target.sizes());
    else
      copies.emplace_back(target, it->second);
    given.erase(it);
  };
  for (const auto& p : module.named_parameters(true)) match(p.key(), p.value());
  for (const auto& b : module.named_buffers(true)) match(b.key(), b.value());
  std::string unexpected;
  for (const auto& [name, tensor] : given) unexpected += (unexpected.empty() ? "" : ", ") + name;
  if (!missing.empty() || !misshapen.empty() || !unexpected.empty()) {
    std::string message = "the weights do not fit the model";
    if (!missing.empty()) message += "; missing: " + missing;
    if (!unexpected.empty()) message += "; unexpected: " + unexpected;
    if (!misshapen.empty()) message += "; wrong shape: " + misshapen;
    throw Error(file_name, 0, message);
  }
  torch::NoGradGuard no_grad;
  for (auto& [target, source] : copies) target.copy_(*source);
}

void write_tensor_file(const std::string& path, const nlohmann::json& header, const NamedTensors& tensors) {
  write_container(path, "NERTENSR", kTensorFileVersion, nlohmann::json{{"header", header}}, encode_tensors(tensors));
}

std::pair<nlohmann::json, NamedTensors> read_tensor_file(const std::string& path) {
  auto container = read_container(path, "NERTENSR", kTensorFileVersion, "tensor file");
  return {container.header.value("header", nlohmann::json()), decode_tensors(container.payload, path)};
}

}  // namespace ner
