// The model file (libner/model/model_file.h): the container reader that read_model_header
// (ner-tag --info) and load_model use (magic, version, header length, header checksum, JSON,
// payload description, payload checksum, zstd frame), then the header read as load_model reads it
// before it builds a network: the configuration, the vocabulary and the labels.
//
// Choices (the input's last byte):
//   bit 0     the input is the file as it is (0), or a header, a NUL byte and a payload, made into a
//             container with every length and checksum right (1), so that mutations get past the
//             checksums to the header's meaning and to the payload description
//   bit 1     read the payload too (load_model), else the header only (read_model_header)
//   bits 2-3  the format version written: 1, 1, 0, 2
//   bit 4     the payload part is the compressed frame itself (else it is compressed here), so that
//             a frame may claim any size
//   bit 5     with bit 0 clear: the file is read as a checkpoint's tensor file (read_tensor_file)
// With the payload read, the weights in it are decoded too (decode_tensors, tensor_io.h).
// Needs the model library (LibTorch): see CMakeLists.txt.
#include <zstd.h>

#include <cinttypes>
#include <cstdint>
#include <cstdio>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "fuzz_input.h"
#include "fuzz_model.h"
#include "libner/model/model_file.h"
#include "libner/model/tensor_io.h"

namespace {

template <class T>
void put(std::string& out, T value) {
  out.append(reinterpret_cast<const char*>(&value), sizeof value);
}

std::string hex64(std::uint64_t v) {
  char buf[17];
  std::snprintf(buf, sizeof buf, "%016" PRIx64, v);
  return buf;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using namespace ner;
  const fuzz::Input in(data, size);
  std::string file;
  bool well_formed = false;  // a container that must be read without an error
  std::string payload;       // what it holds, when it was compressed here
  if (in.bit(0)) {
    const auto [header_text, rest] = in.split_at_nul();
    static const std::uint32_t versions[] = {1, 1, 0, 2};
    const std::uint32_t version = versions[in.bits(2, 2)];
    std::string compressed;
    if (in.bit(4)) {
      compressed.assign(rest);
    } else {
      payload.assign(rest);
      compressed.resize(ZSTD_compressBound(payload.size()));
      const std::size_t n = ZSTD_compress(compressed.data(), compressed.size(), payload.data(), payload.size(), 1);
      NER_FUZZ_CHECK(!ZSTD_isError(n));
      compressed.resize(n);
    }
    std::string text(header_text);
    const nlohmann::json parsed = nlohmann::json::parse(text, nullptr, /*allow_exceptions=*/false);
    if (parsed.is_object()) {
      nlohmann::json header = parsed;
      std::uint64_t bytes = in.bit(4) ? ZSTD_getFrameContentSize(compressed.data(), compressed.size()) : payload.size();
      const auto p = header.find("payload");
      if (p != header.end() && p->is_object() && p->contains("bytes") && (*p)["bytes"].is_number_unsigned())
        bytes = (*p)["bytes"].get<std::uint64_t>();  // a claim the frame must match
      header["payload"] = {{"bytes", bytes},
                           {"compressed_bytes", compressed.size()},
                           {"fnv1a64", hex64(fnv1a64(compressed.data(), compressed.size()))}};
      text = header.dump();
      well_formed = version == 1 && !in.bit(4) && bytes == payload.size();
    }
    file = "NERMODEL";
    put<std::uint32_t>(file, version);
    put<std::uint64_t>(file, text.size());
    file += text;
    put<std::uint64_t>(file, fnv1a64(text.data(), text.size()));
    put<std::uint64_t>(file, compressed.size());
    file += compressed;
  } else {
    file.assign(in.text);
  }
  const std::string path = fuzz::write_file("model.ner", file);

  const bool with_payload = in.bit(1);
  try {
    if (!in.bit(0) && in.bit(5)) {
      const auto [header, tensors] = read_tensor_file(path);
      (void)header;
      for (const auto& [name, t] : tensors) (void)t.numel();
    } else if (with_payload) {
      const Container c = read_container(path, "NERMODEL", kModelFormatVersion, "model file");
      if (well_formed) NER_FUZZ_CHECK(c.payload == payload);
      fuzz::interpret_model_header(c.header);
      try {
        for (const auto& [name, t] : decode_tensors(c.payload, path)) (void)t.numel();
      } catch (const ner::Error&) {
      }
    } else {
      const nlohmann::json header = read_model_header(path);
      NER_FUZZ_CHECK(header.at("file_bytes").get<std::uint64_t>() == file.size());
      fuzz::interpret_model_header(header);
    }
  } catch (const ner::Error& e) {
    if (well_formed) {
      std::fprintf(stderr, "ner-fuzz: a well-formed model file was refused: %s\n", e.what());
      std::abort();
    }
  }
  return 0;
}
