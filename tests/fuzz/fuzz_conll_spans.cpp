// The stream read as documents and documents written as a stream (conll_spans.h): a stream with
// or without offsets becomes jsonl documents (ner::ConllDocumentReader: offsets, gaps, joiners,
// `# doc =` and -DOCSTART- grouping, refitted tokens), which must read back unchanged; those
// documents become a stream again (ner::ConllDocumentWriter: tokenizer, trimming, widening,
// --max-len cuts), which must read back without an error and be well-formed in its scheme.
//
// Choices (the input's last byte):
//   bit 0     the joiner of tokens without offsets: "" (Chinese) or " " (English)
//   bits 1-3  --from-scheme (as fuzz_columns), 7 with --repair
//   bits 4-5  --max-len of the stream written back: none, 0, 1, 5
//   bit 6     --to-scheme of the stream written back: iob2 or bilou
//   bit 7     --overlaps first (else longest)
#include <cstdint>

#include "fuzz_convert.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using namespace ner;
  const fuzz::Input in(data, size);
  ConvertOptions o;
  o.from = Format::Conll;
  o.to = Format::Jsonl;
  o.joiner = in.bit(0) ? " " : "";
  o.dialect.scheme = fuzz::scheme_of(in.bits(1, 3));
  o.repair = in.bits(1, 3) == 7;
  o.overlaps = in.bit(7) ? OverlapPolicy::First : OverlapPolicy::Longest;
  o.inputs = {fuzz::write_file("input.conll", in.text)};
  fuzz::convert_and_reread(o);  // leaves first.jsonl where it read back unchanged
  const std::string documents = fuzz::scratch_dir() + "/first.jsonl";
  if (fuzz::read_file(documents).empty()) return 0;

  ConvertOptions back;
  back.from = Format::Jsonl;
  back.to = Format::Conll;
  back.inputs = {documents};
  static const long max_len[] = {-1, 0, 1, 5};
  back.max_len = max_len[in.bits(4, 2)];
  back.to_scheme = in.bit(6) ? Scheme::BILOU : Scheme::IOB2;
  back.overlaps = o.overlaps;
  fuzz::convert_and_reread(back);
  return 0;
}
