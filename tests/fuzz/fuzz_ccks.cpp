// ner-convert --from ccks: CCKS 2019 (yidu-s4k) JSON lines, ner::CcksReader, through ner::convert
// to each output, and that output read back (fuzz_convert.h; the choices are span_options).
#include <cstdint>

#include "fuzz_convert.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using namespace ner;
  const fuzz::Input in(data, size);
  ConvertOptions o = fuzz::span_options(in, Format::Ccks);
  o.inputs = {fuzz::write_file("input.ccks", in.text)};
  fuzz::convert_and_reread(o);
  return 0;
}
