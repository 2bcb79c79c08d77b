// The stream reader: ner::LineReader (plain or zstd files, BOM, CRLF, UTF-8 checks, its 64 KiB
// refills) under ner::ConllReader, and ner::write_sentence back out.
//
// Choices (the input's last byte, see fuzz_input.h):
//   bits 0-1  how the bytes reach the reader: 0 a plain file, 1 one zstd frame, 2 two zstd frames
//             (a concatenated .zst), 3 the raw bytes named .zst (a damaged compressed file)
//   bit 2     blank lines in front so that the input straddles the reader's 64 KiB refill
//   bit 3     ConllReader without the same-number-of-columns rule
//   bit 4     LineReader alone: the raw() lines must add up to the input exactly
//   bit 5     read_all() after the first line
#include <zstd.h>

#include <cstdint>
#include <string>

#include "fuzz_input.h"
#include "libner/io/input.h"
#include "libner/io/output.h"
#include "libner/stream/conll_reader.h"
#include "libner/stream/conll_writer.h"

namespace {

std::string compress(std::string_view bytes) {
  std::string out(ZSTD_compressBound(bytes.size()), '\0');
  const std::size_t n = ZSTD_compress(out.data(), out.size(), bytes.data(), bytes.size(), 1);
  NER_FUZZ_CHECK(!ZSTD_isError(n));
  out.resize(n);
  return out;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using namespace ner;
  const fuzz::Input in(data, size);
  std::string content(in.text);
  if (in.bit(2)) content.insert(0, std::string((1 << 16) - in.bits(0, 5) - 1, '\n'));

  std::string path;
  switch (in.bits(0, 2)) {
    case 0: path = fuzz::write_file("stream.conll", content); break;
    case 1: path = fuzz::write_file("stream.conll.zst", compress(content)); break;
    case 2: {
      const std::size_t half = content.size() / 2;
      path = fuzz::write_file("stream.conll.zst",
                              compress(std::string_view(content).substr(0, half)) +
                                  compress(std::string_view(content).substr(half)));
      break;
    }
    default: path = fuzz::write_file("stream.conll.zst", in.text); break;
  }
  const bool exact = in.bits(0, 2) != 3;  // the reader sees `content`

  fuzz::expect_errors_only([&] {
    LineReader lines(path);
    if (in.bit(4)) {
      std::string seen;
      std::string_view line;
      while (lines.next(line)) {
        NER_FUZZ_CHECK(line.find('\n') == std::string_view::npos);
        NER_FUZZ_CHECK(lines.raw().find(line) != std::string_view::npos);
        seen += lines.raw();
        if (in.bit(5)) {
          seen += lines.read_all();
          break;
        }
      }
      if (exact && !in.bit(5)) NER_FUZZ_CHECK(seen == content);
      return;
    }
    ConllReader reader(lines);
    reader.require_same_columns(!in.bit(3));
    OutputFile out("/dev/null");
    Sentence sentence;
    std::size_t columns = 0, last_line = 0;
    while (reader.next(sentence)) {
      NER_FUZZ_CHECK(!sentence.empty() || !sentence.preamble.empty());
      NER_FUZZ_CHECK(sentence.lines.size() == sentence.tokens.size());
      for (std::size_t k = 0; k < sentence.size(); ++k) {
        NER_FUZZ_CHECK(!sentence.tokens[k].empty());
        NER_FUZZ_CHECK(sentence.lines[k] > last_line);
        last_line = sentence.lines[k];
        for (const auto& column : sentence.tokens[k])
          NER_FUZZ_CHECK(!column.empty() && column.find_first_of("\t \n") == std::string::npos);
        if (!in.bit(3)) {
          if (columns == 0) columns = sentence.tokens[k].size();
          NER_FUZZ_CHECK(sentence.tokens[k].size() == columns);
        }
      }
      (void)sentence.last_column();
      (void)sentence.column(-1);
      (void)sentence.comment("doc");
      write_sentence(out, sentence);
    }
    out.commit();
  });
  return 0;
}
