#include "libner/model/model_file.h"

#include <zstd.h>

#include <cerrno>
#include <cinttypes>
#include <cstdio>
#include <cstring>
#include <memory>

#include "libner/io/error.h"
#include "libner/io/output.h"
#include "libner/model/ner_model.h"
#include "libner/model/tensor_io.h"

static_assert(__BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__, "the container's integers are little-endian");

namespace ner {

namespace {

constexpr const char* kModelMagic = "NERMODEL";
constexpr std::size_t kMagicSize = 8;
constexpr int kCompressionLevel = 3;

std::string hex64(uint64_t v) {
  char buf[17];
  std::snprintf(buf, sizeof buf, "%016" PRIx64, v);
  return buf;
}

template <class T>
void put(std::string& out, T value) {
  out.append(reinterpret_cast<const char*>(&value), sizeof value);
}

struct FileCloser {
  void operator()(std::FILE* f) const { std::fclose(f); }
};

// A file read with every failure turned into the messages model_file.h promises.
class CheckedFile {
 public:
  CheckedFile(const std::string& path, const std::string& what) : path_(path), what_(what) {
    file_.reset(std::fopen(path.c_str(), "rb"));
    if (!file_) throw Error(path, 0, "cannot open: " + errno_message(errno));
    if (std::fseek(file_.get(), 0, SEEK_END) != 0) throw Error(path, 0, "cannot read: " + errno_message(errno));
    size_ = static_cast<uint64_t>(std::ftell(file_.get()));
    std::rewind(file_.get());
  }
  uint64_t size() const { return size_; }
  uint64_t left() const { return size_ - pos_; }

  void read(void* data, uint64_t n) {
    if (n > left()) truncated();
    if (n && std::fread(data, 1, n, file_.get()) != n) {
      if (std::ferror(file_.get())) throw Error(path_, 0, "cannot read: " + errno_message(errno));
      truncated();
    }
    pos_ += n;
  }
  template <class T>
  T get() {
    T value;
    read(&value, sizeof value);
    return value;
  }
  [[noreturn]] void truncated() const { throw Error(path_, 0, "truncated " + what_); }
  [[noreturn]] void corrupt(const std::string& why) const { throw Error(path_, 0, what_ + " is corrupt (" + why + ")"); }

 private:
  std::string path_, what_;
  std::unique_ptr<std::FILE, FileCloser> file_;
  uint64_t size_ = 0, pos_ = 0;
};

std::string compress(const std::string& bytes) {
  std::string out(ZSTD_compressBound(bytes.size()), '\0');
  auto n = ZSTD_compress(out.data(), out.size(), bytes.data(), bytes.size(), kCompressionLevel);
  if (ZSTD_isError(n)) throw Error(std::string("zstd: ") + ZSTD_getErrorName(n));
  out.resize(n);
  return out;
}

torch::Device parse_device(const std::string& device) {
  if (device == "auto") return torch::cuda::is_available() ? torch::Device(torch::kCUDA) : torch::Device(torch::kCPU);
  try {
    return torch::Device(device);
  } catch (const std::exception&) {
    throw UsageError("unknown device '" + device + "' (use cpu, cuda, cuda:N or auto)");
  }
}

}  // namespace

uint64_t fnv1a64(const void* data, std::size_t size, uint64_t h) {
  auto p = static_cast<const unsigned char*>(data);
  for (std::size_t i = 0; i < size; ++i) h = (h ^ p[i]) * 1099511628211ULL;
  return h;
}

void write_container(const std::string& path, const std::string& magic, uint32_t version, nlohmann::json header,
                     const std::string& payload) {
  if (magic.size() != kMagicSize) throw std::logic_error("container magic must be 8 bytes");
  auto compressed = compress(payload);
  header["format_version"] = version;
  header["payload"] = {{"bytes", payload.size()},
                       {"compressed_bytes", compressed.size()},
                       {"fnv1a64", hex64(fnv1a64(compressed.data(), compressed.size()))}};
  const std::string text = header.dump();
  std::string head = magic;
  put<uint32_t>(head, version);
  put<uint64_t>(head, text.size());
  head += text;
  put<uint64_t>(head, fnv1a64(text.data(), text.size()));
  put<uint64_t>(head, compressed.size());
  OutputFile out(path);
  out.write(head);
  out.write(compressed);
  out.commit();
}

Container read_container(const std::string& path, const std::string& magic, uint32_t max_version,
                         const std::string& what, bool read_payload) {
  CheckedFile in(path, what);
  char found[kMagicSize];
  const auto magic_bytes = std::min<uint64_t>(in.size(), kMagicSize);
  in.read(found, magic_bytes);
  if (std::memcmp(found, magic.data(), magic_bytes) != 0 || magic_bytes == 0)
    throw Error(path, 0, "not a ner " + what);
  if (magic_bytes < kMagicSize) in.truncated();
  Container c;
  c.version = in.get<uint32_t>();
  if (c.version == 0) in.corrupt("format version 0");
  const auto header_size = in.get<uint64_t>();
  if (header_size > in.left()) in.truncated();
  std::string text(header_size, '\0');
  in.read(text.data(), header_size);
  if (in.get<uint64_t>() != fnv1a64(text.data(), text.size())) in.corrupt("header checksum mismatch");
  try {
    c.header = nlohmann::json::parse(text);
  } catch (const nlohmann::json::exception&) {
    in.corrupt("header is not JSON");
  }
  // The version field is outside the checksum; the header repeats it under the checksum (files
  // from before it did are all version 1). A newer file is believed only when both agree, so a
  // flipped bit in the field reads as damage, not as "use a newer ner".
  const auto stated = c.header.find("format_version");  // end() for a header that is no object
  if (stated != c.header.end() ? !stated->is_number_unsigned() || stated->get<uint64_t>() != c.version : c.version != 1)
    in.corrupt("format version " + std::to_string(c.version) + " disagrees with the header");
  if (c.version > max_version)
    throw Error(path, 0, what + " format version " + std::to_string(c.version) + " is newer than this ner (" +
                             std::to_string(max_version) + "); use a newer ner");
  const auto payload_size = in.get<uint64_t>();
  if (payload_size > in.left()) in.truncated();
  if (payload_size < in.left()) in.corrupt("bytes after the end");
  uint64_t expected_bytes = 0, expected_compressed = 0;
  std::string expected_sum;
  try {
    const auto& p = c.header.at("payload");
    // A float would convert with undefined behaviour when out of range.
    if (!p.at("bytes").is_number_unsigned() || !p.at("compressed_bytes").is_number_unsigned())
      in.corrupt("no payload description in the header");
    expected_bytes = p.at("bytes").get<uint64_t>();
    expected_compressed = p.at("compressed_bytes").get<uint64_t>();
    expected_sum = p.at("fnv1a64").get<std::string>();
  } catch (const nlohmann::json::exception&) {
    in.corrupt("no payload description in the header");
  }
  if (expected_compressed != payload_size) in.corrupt("payload size mismatch");
  if (!read_payload) return c;
  std::string compressed(payload_size, '\0');
  in.read(compressed.data(), payload_size);
  if (hex64(fnv1a64(compressed.data(), compressed.size())) != expected_sum) in.corrupt("checksum mismatch");
  // No zstd frame expands more than 32768 times (an RLE block of 4 bytes makes at most 128 KiB), so
  // a larger claim is damage or a trap, refused before it is allocated (found by tests/fuzz).
  if (expected_bytes / 32768 > payload_size) in.corrupt("bad compressed data");
  const auto frame_size = ZSTD_getFrameContentSize(compressed.data(), compressed.size());
  if (frame_size == ZSTD_CONTENTSIZE_ERROR || frame_size == ZSTD_CONTENTSIZE_UNKNOWN || frame_size != expected_bytes)
    in.corrupt("bad compressed data");
  c.payload.assign(expected_bytes, '\0');
  auto n = ZSTD_decompress(c.payload.data(), c.payload.size(), compressed.data(), compressed.size());
  if (ZSTD_isError(n) || n != expected_bytes) in.corrupt("bad compressed data");
  return c;
}

void save_model(const std::string& path, const ModelConfig& config, const Vocabulary& vocabulary,
                const std::vector<std::string>& labels, NerModel& model, const nlohmann::json& info) {
  nlohmann::json header{{"config", config.to_json()},   {"labels", labels},
                        {"scheme", config.scheme},      {"vocabulary", vocabulary.to_json()},
                        {"info", info},                 {"parameters", model->parameter_count()},
                        {"ner_version", NER_VERSION}};
  write_container(path, kModelMagic, kModelFormatVersion, std::move(header), encode_tensors(module_tensors(*model)));
}

nlohmann::json read_model_header(const std::string& path) {
  CheckedFile probe(path, "model file");
  auto c = read_container(path, kModelMagic, kModelFormatVersion, "model file", /*read_payload=*/false);
  c.header["format_version"] = c.version;
  c.header["file_bytes"] = probe.size();
  return c.header;
}

LoadedModel load_model(const std::string& path, const std::string& device) {
  const auto target = parse_device(device);
  auto c = read_container(path, kModelMagic, kModelFormatVersion, "model file");
  LoadedModel m;
  m.header = std::move(c.header);
  try {
    m.config = ModelConfig::from_json(m.header.at("config"));
    m.vocabulary = Vocabulary::from_json(m.header.at("vocabulary"));
    m.labels = m.header.at("labels").get<std::vector<std::string>>();
  } catch (const nlohmann::json::exception& e) {
    throw Error(path, 0, std::string("model file is corrupt (bad header: ") + e.what() + ")");
  } catch (const Error& e) {
    throw Error(path, 0, "model file is corrupt (" + e.message() + ")");
  }
  if (m.labels.empty()) throw Error(path, 0, "model file is corrupt (no labels)");
  try {
    m.model = std::make_shared<NerModelImpl>(m.config, static_cast<int64_t>(m.vocabulary.size()), m.labels);
  } catch (const UsageError& e) {
    throw Error(path, 0, std::string("model file is corrupt (") + e.what() + ")");
  }
  load_module_tensors(*m.model, decode_tensors(c.payload, path), path);
  m.model->to(target);
  m.model->eval();
  return m;
}

}  // namespace ner
