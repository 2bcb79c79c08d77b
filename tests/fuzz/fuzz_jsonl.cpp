// ner-convert --from jsonl: the span JSON lines of doccano and spaCy, ner::JsonlReader, through
// ner::convert to each output, and that output read back (fuzz_convert.h; choices: span_options).
#include <cstdint>

#include "fuzz_convert.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using namespace ner;
  const fuzz::Input in(data, size);
  ConvertOptions o = fuzz::span_options(in, Format::Jsonl);
  o.inputs = {fuzz::write_file("input.jsonl", in.text)};
  fuzz::convert_and_reread(o);
  return 0;
}
