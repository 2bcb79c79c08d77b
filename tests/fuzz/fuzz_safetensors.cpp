// The safetensors reader that loads BERT checkpoints (libner/bert/safetensors.h, torch-free): the
// header length, the JSON header, dtypes, shapes against byte ranges, overlaps; then every tensor
// read. With bit 0 of the last byte the input is the JSON header, a NUL byte and the data, and the
// 8-byte length is written in front of it, so that mutations reach the header checks; otherwise
// the input is the file as it is.
#include <cstdint>
#include <string>
#include <vector>

#include "fuzz_input.h"
#include "libner/bert/safetensors.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using namespace ner;
  const fuzz::Input in(data, size);
  std::string file;
  if (in.bit(0)) {
    const auto [header, rest] = in.split_at_nul();
    for (int i = 0; i < 8; ++i) file += static_cast<char>((static_cast<std::uint64_t>(header.size()) >> (8 * i)) & 0xFF);
    file.append(header);
    file.append(rest);
  } else {
    file.assign(in.text);
  }
  const std::string path = fuzz::write_file("model.safetensors", file);
  fuzz::expect_errors_only([&] {
    const bert::SafetensorsFile st(path);
    std::vector<char> buffer;
    for (const auto& e : st.entries()) {
      NER_FUZZ_CHECK(e.begin <= e.end && e.end <= file.size());
      NER_FUZZ_CHECK(static_cast<std::uint64_t>(e.numel()) * bert::dtype_size(e.dtype) == e.nbytes());
      NER_FUZZ_CHECK(st.find(e.name) == &e);
      buffer.resize(e.nbytes());
      st.read(e, buffer.data());
    }
  });
  return 0;
}
