// ner-convert --from conll over the column dialects of Resume, Weibo, cMedQANER and CoNLL-2003
// (ner::LabelDecoder, ner::StreamRelabeler, ner::ConllDocumentReader): every input scheme, '_'
// separators, Weibo's position digits, --repair, to each output, and that output read back
// (fuzz_convert.h), which must also be well-formed in its scheme.
//
// Choices (the input's last byte):
//   bits 0-2  --from-scheme: iob2 iob1 ioe1 ioe2 iobes bilou bmes, 7 iob2 with --repair
//   bit 3     --label-sep _
//   bit 4     --strip-position-digit
//   bits 5-6  --to: conll, jsonl, ccks, or none (--stats)
//   bit 7     --to-scheme iobes (else iob2), a --map and --stats
#include <cstdint>

#include "fuzz_convert.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using namespace ner;
  const fuzz::Input in(data, size);
  ConvertOptions o;
  o.from = Format::Conll;
  o.dialect.scheme = fuzz::scheme_of(in.bits(0, 3));
  o.repair = in.bits(0, 3) == 7;
  if (in.bit(3)) o.dialect.label_separator = '_';
  o.dialect.strip_position_digit = in.bit(4);
  static const Format to[] = {Format::Conll, Format::Jsonl, Format::Ccks};
  if (in.bits(5, 2) < 3) o.to = to[in.bits(5, 2)];
  if (in.bit(7)) {
    o.to_scheme = Scheme::IOBES;
    o.map = LabelMap::parse("PER=人名,ORG=");
    o.stats = true;
  }
  o.inputs = {fuzz::write_file("input.conll", in.text)};
  o.output = "/dev/null";
  fuzz::convert_and_reread(o);
  return 0;
}
