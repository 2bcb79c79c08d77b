#include <catch2/catch.hpp>

#include "libner/format/relabel.h"
#include "temp_files.h"

using format_test::read_file;
using format_test::write_temp;

namespace {

std::string relabel(const std::string& input, const ner::RelabelOptions& options, ner::CorpusStats* stats = nullptr,
                    ner::Tally* ill_formed = nullptr) {
  const std::string in = write_temp(input);
  const std::string out = in + ".out";
  ner::StreamRelabeler r(std::make_unique<ner::OutputFile>(out), options, stats);
  r.run(in);
  r.commit();
  if (ill_formed) *ill_formed = r.labels().ill_formed();
  return read_file(out);
}

}  // namespace

TEST_CASE("Relabelling changes the scheme and keeps every other column and line", "[format][relabel]") {
  ner::RelabelOptions o;
  o.dialect.scheme = ner::Scheme::IOB1;
  o.scheme = ner::Scheme::BILOU;
  ner::CorpusStats stats;
  CHECK(relabel("-DOCSTART- -X- O O\n\n# doc = 1\nParis NNP I-LOC\nLyon NNP B-LOC\nCity NNP I-LOC\n. . O\n", o, &stats) ==
        "-DOCSTART- -X- O O\n\n# doc = 1\nParis\tNNP\tU-LOC\nLyon\tNNP\tB-LOC\nCity\tNNP\tL-LOC\n.\t.\tO\n\n");
  CHECK(stats.documents() == 1);
  CHECK(stats.sentences() == 1);
  CHECK(stats.entities() == 2);
}

TEST_CASE("Relabelling reads cMedQANER and Weibo dialects, maps types and repairs", "[format][relabel]") {
  ner::RelabelOptions o;
  o.dialect.label_separator = '_';
  o.map = ner::LabelMap::parse("disease=DIS,time=");
  ner::Tally ill;
  CHECK(relabel("便 B_disease\n秘 I_disease\n两 B_time\n月 I_time\n\xE3\x80\x80 O\n", o, nullptr, &ill) ==
        "便\tB-DIS\n秘\tI-DIS\n两\tO\n月\tO\n\xE3\x80\x80\tO\n\n");
  CHECK(ill.count() == 0);

  ner::RelabelOptions weibo;
  weibo.dialect.strip_position_digit = true;
  CHECK(relabel("张0\tO\n三1\tI-PER.NAM\n说0\tO\n", weibo, nullptr, &ill) == "张\tO\n三\tB-PER.NAM\n说\tO\n\n");
  CHECK(ill.count() == 1);
  CHECK(ill.first().line == 2);
}

TEST_CASE("Relabelling counts documents the way the span reader makes them", "[format][relabel]") {
  ner::RelabelOptions o;
  ner::CorpusStats stats;
  relabel("a O\n\nb O\nc O\n\n", o, &stats);
  CHECK(stats.documents() == 2);
  ner::CorpusStats stats2;
  relabel("# doc = x\n# doc = y\na\t0\t1\tO\n\nb\t1\t2\tO\n\n# doc = z\n", o, &stats2);
  CHECK(stats2.documents() == 3);
  CHECK(stats2.sentences() == 2);
  CHECK(stats2.longest_sentence() == 1);
  CHECK(stats2.longest_sentence_document() == "y");
  ner::CorpusStats stats3;
  relabel("# doc = x\na\t0\t1\tO\n\n# doc = x\nb\t1\t2\tO\n\n", o, &stats3);
  CHECK(stats3.documents() == 1);
}
