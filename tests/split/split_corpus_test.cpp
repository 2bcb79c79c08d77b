#include <catch2/catch.hpp>

#include <dirent.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <fstream>
#include <map>
#include <set>
#include <sstream>
#include <string>
#include <vector>

#include "libner/io/error.h"
#include "libner/io/input.h"
#include "libner/io/log.h"
#include "libner/io/output.h"
#include "libner/split/split_corpus.h"

using ner::split::SplitRequest;
using ner::split::SplitUnit;

namespace {

struct TempDir {
  std::string path;
  TempDir() {
    char tmpl[] = "/tmp/ner-split-test-XXXXXX";
    REQUIRE(::mkdtemp(tmpl) != nullptr);
    path = tmpl;
  }
  ~TempDir() { REQUIRE(std::system(("rm -rf '" + path + "'").c_str()) == 0); }
  std::string operator/(const std::string& name) const { return path + "/" + name; }
  std::vector<std::string> list() const {
    std::vector<std::string> names;
    DIR* dir = ::opendir(path.c_str());
    while (const dirent* e = ::readdir(dir))
      if (std::string(e->d_name) != "." && std::string(e->d_name) != "..") names.push_back(e->d_name);
    ::closedir(dir);
    std::sort(names.begin(), names.end());
    return names;
  }
};

void write_file(const std::string& path, const std::string& bytes) { std::ofstream(path, std::ios::binary) << bytes; }

std::string read_file(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::stringstream s;
  s << in.rdbuf();
  return s.str();
}

// Decompressed lines, for .zst parts.
std::string read_lines(const std::string& path) {
  ner::LineReader reader(path);
  std::string out;
  std::string_view line;
  while (reader.next(line)) (out += line) += '\n';
  return out;
}

// A stream of `n` documents with 1 to 3 sentences each; some sentences carry a comment. Every
// token is unique, so that a document is known by its text.
std::string make_stream(int n) {
  std::string s;
  for (int d = 0; d < n; ++d) {
    s += "# doc = d" + std::to_string(d) + "\n";
    for (int k = 0; k <= d % 3; ++k) {
      if (k == 1) s += "# sent_id = d" + std::to_string(d) + "-" + std::to_string(k) + "\n";
      for (int t = 0; t < 2 + (d + k) % 3; ++t)
        s += "d" + std::to_string(d) + "s" + std::to_string(k) + "t" + std::to_string(t) + "\t" +
             (t == 0 ? "B-X" : "O") + "\n";
      s += "\n";
    }
  }
  return s;
}

// The documents of a stream in order, each its lines up to the next "# doc =" line, trailing blank
// lines dropped: an independent reading of what ner-split must keep together.
std::vector<std::string> documents_of(const std::string& stream) {
  std::vector<std::string> docs;
  std::istringstream in(stream);
  std::string line;
  while (std::getline(in, line)) {
    if (line.rfind("# doc = ", 0) == 0 || docs.empty()) docs.emplace_back();
    docs.back() += line + "\n";
  }
  for (auto& d : docs)
    while (d.size() >= 2 && d.compare(d.size() - 2, 2, "\n\n") == 0) d.pop_back();
  return docs;
}

// The sentences of a stream without markers: blank-line separated blocks.
std::vector<std::string> blocks_of(const std::string& stream) {
  std::vector<std::string> blocks;
  std::istringstream in(stream);
  std::string line, block;
  while (std::getline(in, line)) {
    if (line.empty()) {
      if (!block.empty()) blocks.push_back(block);
      block.clear();
    } else {
      block += line + "\n";
    }
  }
  if (!block.empty()) blocks.push_back(block);
  return blocks;
}

std::vector<std::string> sorted(std::vector<std::string> v) {
  std::sort(v.begin(), v.end());
  return v;
}

const ner::Log& quiet_log() {
  static ner::Log log = [] {
    ner::Log l("ner-split");
    l.set_quiet(true);
    return l;
  }();
  return log;
}

SplitRequest ratio_request(const std::string& input, const std::string& ratio, const std::string& prefix,
                           std::uint64_t seed = 1) {
  SplitRequest request;
  request.inputs = {input};
  request.ratio = ratio;
  request.output = prefix;
  request.seed = seed;
  return request;
}

}  // namespace

TEST_CASE("part names and extensions", "[split][corpus]") {
  using ner::split::file_extension;
  using ner::split::part_path;
  CHECK(file_extension("a/corpus.conll.zst") == ".conll.zst");
  CHECK(file_extension("corpus.conll") == ".conll");
  CHECK(file_extension("x.zst") == ".zst");
  CHECK(file_extension("dir.v2/README") == "");
  CHECK(file_extension(".hidden") == "");
  CHECK(file_extension("a/.x.zst") == ".zst");
  CHECK(part_path("out/yidu", "train", ".txt") == "out/yidu.train.txt");
  CHECK(part_path("out/", "dev", ".conll.zst") == "out/dev.conll.zst");
}

TEST_CASE("a ratio split keeps documents whole, exact in size and disjoint", "[split][corpus]") {
  TempDir dir;
  const std::string input = make_stream(50);
  write_file(dir / "corpus.conll", input);
  ner::split::split_corpus(ratio_request(dir / "corpus.conll", "6:2:2", ""), quiet_log());
  // Without -o the parts go beside the input, named after it.
  const std::string train = read_file(dir / "corpus.train.conll"), dev = read_file(dir / "corpus.dev.conll"),
                    test = read_file(dir / "corpus.test.conll");
  CHECK(documents_of(train).size() == 30);
  CHECK(documents_of(dev).size() == 10);
  CHECK(documents_of(test).size() == 10);
  std::vector<std::string> all = documents_of(train);
  for (const auto& part : {dev, test})
    for (const auto& d : documents_of(part)) all.push_back(d);
  CHECK(sorted(all) == sorted(documents_of(input)));
  // Documents keep their input order within a part.
  const auto in_train = documents_of(train);
  const auto in_input = documents_of(input);
  std::vector<std::size_t> positions;
  for (const auto& d : in_train) positions.push_back(std::find(in_input.begin(), in_input.end(), d) - in_input.begin());
  CHECK(std::is_sorted(positions.begin(), positions.end()));

  SECTION("the same seed gives the same split, another seed another") {
    ner::split::split_corpus(ratio_request(dir / "corpus.conll", "6:2:2", dir / "again"), quiet_log());
    CHECK(read_file(dir / "again.train.conll") == train);
    CHECK(read_file(dir / "again.test.conll") == test);
    ner::split::split_corpus(ratio_request(dir / "corpus.conll", "6:2:2", dir / "other", 2), quiet_log());
    CHECK(read_file(dir / "other.train.conll") != train);
    CHECK(documents_of(read_file(dir / "other.train.conll")).size() == 30);
  }
}

TEST_CASE("a split by sentence moves sentences with their comments", "[split][corpus]") {
  TempDir dir;
  const std::string input = make_stream(20);  // 20 documents, 7 * 1 + 7 * 2 + 6 * 3 = 39 sentences
  write_file(dir / "c.conll", input);
  SplitRequest request = ratio_request(dir / "c.conll", "1:1", dir / "s");
  request.unit = SplitUnit::Sentence;
  request.names = "a,b";
  ner::split::split_corpus(request, quiet_log());
  const auto a = blocks_of(read_file(dir / "s.a.conll")), b = blocks_of(read_file(dir / "s.b.conll"));
  CHECK(blocks_of(input).size() == 39);
  CHECK(a.size() == 20);  // 19.5 each: the tie goes to the first part
  CHECK(b.size() == 19);
  std::vector<std::string> all = a;
  all.insert(all.end(), b.begin(), b.end());
  CHECK(sorted(all) == sorted(blocks_of(input)));
}

TEST_CASE("folds partition the corpus", "[split][corpus]") {
  TempDir dir;
  const std::string input = make_stream(23);
  write_file(dir / "c.conll", input);
  const auto docs = sorted(documents_of(input));
  std::vector<std::string> tests;
  for (std::uint64_t fold = 1; fold <= 4; ++fold) {
    SplitRequest request;
    request.inputs = {dir / "c.conll"};
    request.folds = 4;
    request.fold = fold;
    request.seed = 9;
    ner::split::split_corpus(request, quiet_log());
    const std::string prefix = dir / ("c.fold" + std::to_string(fold));
    const auto test = documents_of(read_file(prefix + ".test.conll"));
    const auto train = documents_of(read_file(prefix + ".train.conll"));
    CHECK(test.size() == (fold <= 3 ? 6 : 5));  // 23 = 6 + 6 + 6 + 5
    std::vector<std::string> both = train;
    both.insert(both.end(), test.begin(), test.end());
    CHECK(sorted(both) == docs);
    tests.insert(tests.end(), test.begin(), test.end());
  }
  CHECK(sorted(tests) == docs);  // every document is tested exactly once
}

TEST_CASE("shards concatenate to the input byte for byte", "[split][corpus]") {
  TempDir dir;
  // A BOM, CRLF line ends, a comment block, a document without a sentence, no final line end.
  std::string input = "\xEF\xBB\xBF# corpus\r\n\r\n" + make_stream(13) + "# doc = empty\n\n# doc = last\nx\tO\nz\tO";
  const auto crlf = [](std::string s) {
    std::string out;
    for (std::size_t i = 0; i < s.size(); ++i) out += s[i] == '\n' && (i == 0 || s[i - 1] != '\r') ? "\r\n" : std::string(1, s[i]);
    return out;
  };
  input = crlf(input);
  write_file(dir / "c.conll", input);
  write_file(dir / "c.jsonl", "{\"id\": 1}\n\n{\"id\": 2}\r\n{\"id\": 3}\n{\"id\": 4}");
  for (const std::string name : {"c.conll", "c.jsonl"}) {
    for (std::uint64_t count = 1; count <= 17; ++count) {
      std::string joined;
      for (std::uint64_t i = 1; i <= count; ++i) {
        SplitRequest request;
        request.inputs = {dir / name};
        request.shard = std::to_string(i) + "/" + std::to_string(count);
        request.output = dir / "shard";
        ner::split::split_corpus(request, quiet_log());
        const std::string shard = read_file(dir / "shard");
        if (i > 1 && !shard.empty()) {
          // Each shard after the first starts at a document.
          CHECK((shard.rfind("# doc = ", 0) == 0 || shard.rfind("{", 0) == 0));
        }
        joined += shard;
      }
      CHECK(joined == read_file(dir / name));
    }
  }
}

TEST_CASE("compressed input gives compressed parts", "[split][corpus]") {
  TempDir dir;
  const std::string input = make_stream(10);
  {
    ner::OutputFile out(dir / "c.conll.zst");
    out << input;
    out.commit();
  }
  ner::split::split_corpus(ratio_request(dir / "c.conll.zst", "3:2", dir / "p"), quiet_log());
  CHECK(dir.list() == std::vector<std::string>{"c.conll.zst", "p.test.conll.zst", "p.train.conll.zst"});
  const auto train = documents_of(read_lines(dir / "p.train.conll.zst"));
  const auto test = documents_of(read_lines(dir / "p.test.conll.zst"));
  CHECK(train.size() == 6);
  CHECK(test.size() == 4);
  // A shard of a compressed file, written plain, is its text.
  SplitRequest request;
  request.inputs = {dir / "c.conll.zst"};
  request.shard = "1/1";
  request.output = dir / "all.conll";
  ner::split::split_corpus(request, quiet_log());
  CHECK(read_file(dir / "all.conll") == input);
}

TEST_CASE("several inputs are one corpus", "[split][corpus]") {
  TempDir dir;
  write_file(dir / "a.jsonl", "\xEF\xBB\xBF{\"id\": 1}\n{\"id\": 2}\n");
  write_file(dir / "b.jsonl", "{\"id\": 3}\n{\"id\": 4}\n{\"id\": 5}\n");
  SplitRequest request;
  request.inputs = {dir / "a.jsonl", dir / "b.jsonl"};
  request.ratio = "4:1";
  request.output = dir / "p";
  ner::split::split_corpus(request, quiet_log());
  std::string all = read_file(dir / "p.train.jsonl") + read_file(dir / "p.test.jsonl");
  std::vector<std::string> lines = blocks_of(std::string());
  std::istringstream in(all);
  for (std::string line; std::getline(in, line);) lines.push_back(line);
  CHECK(lines.size() == 5);
  CHECK(sorted(lines) == std::vector<std::string>{"{\"id\": 1}", "{\"id\": 2}", "{\"id\": 3}", "{\"id\": 4}", "{\"id\": 5}"});
  request.output.clear();
  CHECK_THROWS_AS(ner::split::split_corpus(request, quiet_log()), ner::UsageError);  // -o needed
}

TEST_CASE("a failed split leaves no part behind", "[split][corpus]") {
  TempDir dir;
  write_file(dir / "c.conll", make_stream(10));
  SECTION("an output folder that does not exist") {
    CHECK_THROWS_AS(ner::split::split_corpus(ratio_request(dir / "c.conll", "6:2:2", dir / "no/such/p"), quiet_log()),
                    ner::Error);
    CHECK(dir.list() == std::vector<std::string>{"c.conll"});
  }
  SECTION("the last part cannot be moved into place: the parts already committed are removed") {
    REQUIRE(::mkdir((dir / "p.test.conll").c_str(), 0755) == 0);
    CHECK_THROWS_AS(ner::split::split_corpus(ratio_request(dir / "c.conll", "6:2:2", dir / "p"), quiet_log()),
                    ner::Error);
    CHECK(dir.list() == std::vector<std::string>{"c.conll", "p.test.conll"});
  }
  SECTION("bad input is found before anything is written") {
    write_file(dir / "bad.conll", make_stream(5) + "x\t\xFF\n");
    CHECK_THROWS_WITH(ner::split::split_corpus(ratio_request(dir / "bad.conll", "6:2:2", dir / "p"), quiet_log()),
                      Catch::Contains("bad.conll:") && Catch::Contains("invalid UTF-8"));
    CHECK(dir.list() == std::vector<std::string>{"bad.conll", "c.conll"});
  }
  SECTION("a part may not overwrite the input") {
    write_file(dir / "p.dev.conll", make_stream(4));
    CHECK_THROWS_WITH(ner::split::split_corpus(ratio_request(dir / "p.dev.conll", "1:1:1", dir / "p"), quiet_log()),
                      Catch::Contains("refusing to overwrite an input file"));
    CHECK(read_file(dir / "p.dev.conll") == make_stream(4));
  }
  SECTION("an empty input") {
    write_file(dir / "empty.conll", "");
    CHECK_THROWS_WITH(ner::split::split_corpus(ratio_request(dir / "empty.conll", "6:2:2", dir / "p"), quiet_log()),
                      Catch::EndsWith("empty.conll: empty input: nothing to split"));
  }
}

TEST_CASE("bad requests are usage errors", "[split][corpus]") {
  TempDir dir;
  write_file(dir / "c.conll", make_stream(3));
  const auto usage_error = [&](SplitRequest request) {
    if (request.inputs.empty()) request.inputs = {dir / "c.conll"};
    if (request.output.empty()) request.output = dir / "p";
    CHECK_THROWS_AS(ner::split::split_corpus(request, quiet_log()), ner::UsageError);
  };
  SplitRequest none;
  usage_error(none);
  SplitRequest two;
  two.ratio = "1:1";
  two.shard = "1/2";
  usage_error(two);
  SplitRequest fold_only;
  fold_only.fold = 1;
  usage_error(fold_only);
  SplitRequest one_fold;
  one_fold.folds = 1;
  one_fold.fold = 1;
  usage_error(one_fold);
  SplitRequest fold_range;
  fold_range.folds = 5;
  fold_range.fold = 6;
  usage_error(fold_range);
  SplitRequest names;
  names.ratio = "6:2:2";
  names.names = "a,b";
  usage_error(names);
  names.names = "a,b,a";
  usage_error(names);
  names.names = "a,,b";
  usage_error(names);
  SplitRequest shard;
  shard.shard = "4/3";
  usage_error(shard);
  CHECK(dir.list() == std::vector<std::string>{"c.conll"});
}
