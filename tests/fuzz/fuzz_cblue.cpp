// ner-convert --from cblue: cMedQANER's JSON lines, ner::CblueReader (mentions moved or dropped),
// through ner::convert to each output, and that output read back (fuzz_convert.h; span_options).
#include <cstdint>

#include "fuzz_convert.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using namespace ner;
  const fuzz::Input in(data, size);
  ConvertOptions o = fuzz::span_options(in, Format::Cblue);
  o.inputs = {fuzz::write_file("input.cblue", in.text)};
  fuzz::convert_and_reread(o);
  return 0;
}
