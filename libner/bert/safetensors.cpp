#include "libner/bert/safetensors.h"

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <fstream>
#include <limits>

#include <nlohmann/json.hpp>

#include "libner/io/error.h"
#include "libner/io/output.h"

namespace ner::bert {
namespace {

struct DTypeInfo {
  DType dtype;
  const char* name;
  std::size_t size;
};

// The dtypes of the format that BERT checkpoints use; the 8-bit float types are not among them.
constexpr DTypeInfo kDTypes[] = {
    {DType::F64, "F64", 8}, {DType::F32, "F32", 4}, {DType::F16, "F16", 2}, {DType::BF16, "BF16", 2},
    {DType::I64, "I64", 8}, {DType::I32, "I32", 4}, {DType::I16, "I16", 2}, {DType::I8, "I8", 1},
    {DType::U8, "U8", 1},   {DType::Bool, "BOOL", 1},
};

const DTypeInfo& info(DType dtype) {
  for (const auto& d : kDTypes)
    if (d.dtype == dtype) return d;
  throw std::logic_error("unknown DType");
}

// The reference implementation refuses headers above 100 MB; so do we, before allocating them.
constexpr std::uint64_t kMaxHeader = 100'000'000;

std::uint64_t read_le64(const unsigned char* p) {
  std::uint64_t v = 0;
  for (int i = 7; i >= 0; --i) v = (v << 8) | p[i];
  return v;
}

std::uint64_t to_offset(const nlohmann::json& j, bool& ok) {
  if (!j.is_number_unsigned()) {
    ok = false;
    return 0;
  }
  return j.get<std::uint64_t>();
}

}  // namespace

const char* dtype_name(DType dtype) { return info(dtype).name; }
std::size_t dtype_size(DType dtype) { return info(dtype).size; }

std::int64_t TensorEntry::numel() const {
  std::int64_t n = 1;
  for (auto d : shape) n *= d;
  return n;
}

SafetensorsFile::SafetensorsFile(const std::string& path) : path_(path) {
  auto fail = [&](const std::string& what) { throw Error(path_, 0, "not a valid safetensors file: " + what); };
  std::ifstream in(path, std::ios::binary);
  if (!in) throw Error(path, 0, "cannot open: " + errno_message(errno));
  in.seekg(0, std::ios::end);
  const auto file_size = static_cast<std::uint64_t>(in.tellg());
  in.seekg(0);
  unsigned char len_bytes[8];
  if (file_size < 8 || !in.read(reinterpret_cast<char*>(len_bytes), 8))
    fail("shorter than the 8-byte header length");
  const std::uint64_t header_len = read_le64(len_bytes);
  if (header_len > kMaxHeader) fail("header length " + std::to_string(header_len) + " is implausible");
  if (header_len > file_size - 8)
    fail("header length " + std::to_string(header_len) + " runs past the end of the file (" +
         std::to_string(file_size) + " bytes): truncated?");
  std::string header(header_len, '\0');
  if (!in.read(header.data(), static_cast<std::streamsize>(header_len))) fail("cannot read the header");
  data_start_ = 8 + header_len;
  const std::uint64_t data_size = file_size - data_start_;

  nlohmann::json j;
  try {
    j = nlohmann::json::parse(header);
  } catch (const nlohmann::json::exception& e) {
    fail(std::string("the header is not JSON (") + e.what() + ")");
  }
  if (!j.is_object()) fail("the header is not a JSON object");

  for (auto it = j.begin(); it != j.end(); ++it) {
    const std::string& name = it.key();
    const auto& v = it.value();
    if (name == "__metadata__") {
      if (!v.is_object()) fail("__metadata__ is not an object");
      for (auto m = v.begin(); m != v.end(); ++m)
        metadata_[m.key()] = m.value().is_string() ? m.value().get<std::string>() : m.value().dump();
      continue;
    }
    const std::string where = "tensor \"" + name + "\": ";
    if (!v.is_object()) fail(where + "its entry is not an object");
    TensorEntry e;
    e.name = name;
    const auto dt = v.find("dtype");
    if (dt == v.end() || !dt->is_string()) fail(where + "no \"dtype\" string");
    const auto dname = dt->get<std::string>();
    const auto known = std::find_if(std::begin(kDTypes), std::end(kDTypes),
                                    [&](const DTypeInfo& d) { return dname == d.name; });
    if (known == std::end(kDTypes)) fail(where + "unsupported dtype \"" + dname + "\"");
    e.dtype = known->dtype;

    const auto sh = v.find("shape");
    if (sh == v.end() || !sh->is_array()) fail(where + "no \"shape\" array");
    // Element counts are checked against the byte range with overflow guarded: the range is at
    // most the file size, so any product above that is already wrong.
    std::uint64_t elements = 1;
    for (const auto& d : *sh) {
      if (!d.is_number_unsigned()) fail(where + "a shape entry is not a non-negative integer");
      const auto dim = d.get<std::uint64_t>();
      if (dim > static_cast<std::uint64_t>(std::numeric_limits<std::int64_t>::max()))
        fail(where + "a dimension is too large");
      e.shape.push_back(static_cast<std::int64_t>(dim));
      if (dim != 0 && elements > data_size / dim) elements = data_size + 1;  // saturate: surely wrong
      else elements *= dim;
    }
    const auto off = v.find("data_offsets");
    bool ok = off != v.end() && off->is_array() && off->size() == 2;
    if (ok) {
      e.begin = to_offset((*off)[0], ok);
      e.end = to_offset((*off)[1], ok);
    }
    if (!ok) fail(where + "\"data_offsets\" is not a pair of non-negative integers");
    if (e.begin > e.end || e.end > data_size)
      fail(where + "data_offsets [" + std::to_string(e.begin) + ", " + std::to_string(e.end) +
           "] lie outside the data section of " + std::to_string(data_size) + " bytes: truncated?");
    // elements * size cannot overflow: elements <= data_size + 1 and size <= 8.
    const std::uint64_t expected = elements * known->size;
    if (expected != e.nbytes())
      fail(where + "its shape needs " +
           (elements > data_size ? std::string("more bytes than the file holds") : std::to_string(expected) + " bytes") +
           " but data_offsets give " + std::to_string(e.nbytes()));
    entries_.push_back(std::move(e));
  }

  std::vector<const TensorEntry*> by_offset;
  for (const auto& e : entries_) by_offset.push_back(&e);
  std::sort(by_offset.begin(), by_offset.end(),
            [](const TensorEntry* a, const TensorEntry* b) { return a->begin < b->begin || (a->begin == b->begin && a->end < b->end); });
  for (std::size_t i = 1; i < by_offset.size(); ++i)
    if (by_offset[i]->begin < by_offset[i - 1]->end)
      fail("tensors \"" + by_offset[i - 1]->name + "\" and \"" + by_offset[i]->name + "\" overlap");
  std::sort(entries_.begin(), entries_.end(), [](const TensorEntry& a, const TensorEntry& b) { return a.name < b.name; });
}

const TensorEntry* SafetensorsFile::find(const std::string& name) const {
  auto it = std::lower_bound(entries_.begin(), entries_.end(), name,
                             [](const TensorEntry& e, const std::string& n) { return e.name < n; });
  return it != entries_.end() && it->name == name ? &*it : nullptr;
}

void SafetensorsFile::read(const TensorEntry& entry, void* out) const {
  std::ifstream in(path_, std::ios::binary);
  if (!in) throw Error(path_, 0, "cannot open: " + errno_message(errno));
  in.seekg(static_cast<std::streamoff>(data_start_ + entry.begin));
  if (!in.read(static_cast<char*>(out), static_cast<std::streamsize>(entry.nbytes())))
    throw Error(path_, 0, "cannot read tensor \"" + entry.name + "\": the file changed or is truncated");
}

void write_safetensors(const std::string& path, const std::vector<TensorBytes>& tensors,
                       const std::map<std::string, std::string>& metadata) {
  // ordered_json keeps the tensors in the order given, as the data section is laid out.
  nlohmann::ordered_json header = nlohmann::ordered_json::object();
  if (!metadata.empty()) header["__metadata__"] = metadata;
  std::uint64_t offset = 0;
  for (const auto& t : tensors) {
    std::uint64_t elements = 1;
    for (auto d : t.shape) elements *= static_cast<std::uint64_t>(d);
    if (elements * dtype_size(t.dtype) != t.nbytes)
      throw std::invalid_argument("write_safetensors: tensor " + t.name + " has the wrong byte count");
    header[t.name] = {{"dtype", dtype_name(t.dtype)}, {"shape", t.shape}, {"data_offsets", {offset, offset + t.nbytes}}};
    offset += t.nbytes;
  }
  std::string text = header.dump();
  text.append((8 - text.size() % 8) % 8, ' ');
  char len[8];
  for (int i = 0; i < 8; ++i) len[i] = static_cast<char>((static_cast<std::uint64_t>(text.size()) >> (8 * i)) & 0xff);
  OutputFile out(path);
  out.write(std::string_view(len, 8));
  out.write(text);
  for (const auto& t : tensors) out.write(std::string_view(static_cast<const char*>(t.data), t.nbytes));
  out.commit();
}

}  // namespace ner::bert
