#include <catch2/catch.hpp>

#include <cstdio>
#include <fstream>
#include <string>
#include <sys/stat.h>
#include <unistd.h>

#include "libner/io/error.h"
#include "libner/io/input.h"
#include "libner/io/output.h"
#include "libner/io/remove_tree.h"
#include "libner/io/utf8.h"

namespace {

std::string temp_dir() {
  char tmpl[] = "/tmp/ner-io-test-XXXXXX";
  REQUIRE(::mkdtemp(tmpl) != nullptr);
  return tmpl;
}

void write_file(const std::string& path, const std::string& bytes) {
  std::ofstream(path, std::ios::binary) << bytes;
}

std::vector<std::string> read_lines(const std::string& path) {
  ner::LineReader reader(path);
  std::vector<std::string> lines;
  std::string_view line;
  while (reader.next(line)) lines.emplace_back(line);
  return lines;
}

}  // namespace

TEST_CASE("utf8 validation finds the first bad byte", "[io][utf8]") {
  CHECK(ner::utf8::find_invalid("abc\xE4\xB8\xAD") == std::string_view::npos);
  CHECK(ner::utf8::find_invalid("ab\xFF") == 2);
  CHECK(ner::utf8::find_invalid("\xED\xA0\x80") == 0);  // a lone surrogate, as in Weibo 2015
  CHECK(ner::utf8::find_invalid("\xC0\xAF") == 0);      // overlong
  CHECK(ner::utf8::find_invalid("\xE4\xB8") == 0);      // truncated
  CHECK(ner::utf8::length("中文ab") == 4);
  std::string s;
  ner::utf8::append(s, U'中');
  ner::utf8::append(s, U'\U0001F600');
  std::size_t i = 0;
  CHECK(ner::utf8::decode(s, i) == U'中');
  CHECK(ner::utf8::decode(s, i) == U'\U0001F600');
  CHECK(i == s.size());
}

TEST_CASE("LineReader strips a BOM and CRLF and counts lines", "[io]") {
  auto dir = temp_dir();
  write_file(dir + "/a.txt", "\xEF\xBB\xBFone\r\ntwo\n\nthree");
  CHECK(read_lines(dir + "/a.txt") == std::vector<std::string>{"one", "two", "", "three"});
  write_file(dir + "/empty.txt", "");
  CHECK(read_lines(dir + "/empty.txt").empty());
}

TEST_CASE("LineReader names the line and byte of invalid UTF-8", "[io]") {
  auto dir = temp_dir();
  write_file(dir + "/bad.txt", "ok\nbad \xFF here\n");
  try {
    read_lines(dir + "/bad.txt");
    FAIL("no error");
  } catch (const ner::Error& e) {
    CHECK(e.line() == 2);
    CHECK(std::string(e.what()) == dir + "/bad.txt:2: invalid UTF-8 at byte 5 of the line");
  }
  CHECK_THROWS_AS(ner::LineReader(dir + "/missing.txt"), ner::Error);
}

TEST_CASE("LineReader reads a 10 MB line", "[io]") {
  auto dir = temp_dir();
  std::string big(10 << 20, 'x');
  write_file(dir + "/big.txt", big + "\nend\n");
  auto lines = read_lines(dir + "/big.txt");
  REQUIRE(lines.size() == 2);
  CHECK(lines[0].size() == big.size());
}

TEST_CASE("OutputFile round-trips zstd and leaves nothing without commit", "[io]") {
  auto dir = temp_dir();
  std::string text;
  for (int i = 0; i < 50000; ++i) text += "line " + std::to_string(i) + "\n";
  {
    ner::OutputFile out(dir + "/x.txt.zst");
    out << text;
    out.commit();
  }
  ner::LineReader reader(dir + "/x.txt.zst");
  CHECK(reader.read_all() == text);
  {
    ner::OutputFile out(dir + "/partial.txt");
    out << "something";
  }
  CHECK(::access((dir + "/partial.txt").c_str(), F_OK) != 0);
  std::string listing;
  CHECK(std::system(("test -z \"$(ls " + dir + " | grep tmp)\"").c_str()) == 0);
}

TEST_CASE("OutputFile reports a full disk and an unwritable folder", "[io]") {
  if (::access("/dev/full", W_OK) == 0) {
    CHECK_THROWS_AS(
        [] {
          ner::OutputFile out("/dev/full");
          out << std::string(1 << 20, 'x');
          out.commit();
        }(),
        ner::Error);
  }
  CHECK_THROWS_AS(ner::OutputFile("/nonexistent-dir/out.txt"), ner::Error);
}

TEST_CASE("remove_tree removes nested folders and links, not what links point to", "[io]") {
  const auto dir = temp_dir(), outside = temp_dir();
  write_file(outside + "/kept", "x");
  REQUIRE(::mkdir((dir + "/a").c_str(), 0755) == 0);
  REQUIRE(::mkdir((dir + "/a/b").c_str(), 0755) == 0);
  write_file(dir + "/a/b/file", "y");
  write_file(dir + "/top", "z");
  REQUIRE(::symlink(outside.c_str(), (dir + "/a/link").c_str()) == 0);
  CHECK(ner::remove_tree(dir));
  CHECK(::access(dir.c_str(), F_OK) != 0);
  CHECK(::access((outside + "/kept").c_str(), F_OK) == 0);
  CHECK(ner::remove_tree(dir));  // already gone: nothing to do
  write_file(outside + "/plain", "w");
  CHECK(ner::remove_tree(outside + "/plain"));  // a file is removed too
  CHECK(ner::remove_tree(outside));
  CHECK(::access(outside.c_str(), F_OK) != 0);
}
