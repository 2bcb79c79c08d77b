#include <catch2/catch.hpp>

#include <cstdint>
#include <cstring>
#include <fstream>
#include <string>
#include <unistd.h>
#include <vector>

#include "libner/bert/safetensors.h"
#include "libner/io/error.h"

using ner::bert::DType;
using ner::bert::SafetensorsFile;

namespace {

std::string scratch_dir() {
  char tmpl[] = "/tmp/ner-safetensors-test-XXXXXX";
  REQUIRE(::mkdtemp(tmpl) != nullptr);
  return tmpl;
}

// A file of the given header (padded as written) and data bytes.
std::string with_header(const std::string& header, const std::string& data, std::uint64_t declared_length = 0) {
  std::string out(8, '\0');
  const std::uint64_t n = declared_length ? declared_length : header.size();
  for (int i = 0; i < 8; ++i) out[i] = static_cast<char>((n >> (8 * i)) & 0xff);
  return out + header + data;
}

void write_bytes(const std::string& path, const std::string& bytes) {
  std::ofstream(path, std::ios::binary) << bytes;
}

std::string error_of(const std::string& path) {
  try {
    SafetensorsFile file(path);
  } catch (const ner::Error& e) {
    return e.what();
  }
  return "";
}

}  // namespace

TEST_CASE("safetensors: written tensors read back with names, types, shapes and bytes", "[bert][safetensors]") {
  const auto dir = scratch_dir();
  const std::vector<float> a = {1.5f, -2.0f, 3.25f, 0.0f, 7.0f, -8.5f};
  const std::vector<std::uint16_t> b = {0x3c00, 0xc000};  // f16 1.0, -2.0
  const std::vector<std::int64_t> c = {0, 1, 2};
  ner::bert::write_safetensors(dir + "/t.safetensors",
                               {{"z.a", DType::F32, {2, 3}, a.data(), a.size() * 4},
                                {"b", DType::F16, {2}, b.data(), b.size() * 2},
                                {"pos", DType::I64, {1, 3}, c.data(), c.size() * 8}},
                               {{"format", "pt"}});
  SafetensorsFile file(dir + "/t.safetensors");
  REQUIRE(file.entries().size() == 3);
  CHECK(file.entries()[0].name == "b");  // sorted by name
  CHECK(file.metadata().at("format") == "pt");
  const auto* ea = file.find("z.a");
  REQUIRE(ea);
  CHECK(ea->dtype == DType::F32);
  CHECK(ea->shape == std::vector<std::int64_t>{2, 3});
  CHECK(ea->numel() == 6);
  std::vector<float> back(6);
  file.read(*ea, back.data());
  CHECK(back == a);
  const auto* ec = file.find("pos");
  REQUIRE(ec);
  std::vector<std::int64_t> cback(3);
  file.read(*ec, cback.data());
  CHECK(cback == c);
  CHECK(file.find("missing") == nullptr);
  CHECK(std::string(ner::bert::dtype_name(DType::BF16)) == "BF16");
  CHECK(ner::bert::dtype_size(DType::BF16) == 2);
}

TEST_CASE("safetensors: malformed files are clear errors", "[bert][safetensors]") {
  const auto dir = scratch_dir();
  const std::string p = dir + "/bad.safetensors";
  const std::string ok_entry = R"("w":{"dtype":"F32","shape":[2],"data_offsets":[0,8]})";
  const std::string eight(8, 'x');

  write_bytes(p, with_header("{" + ok_entry + "}", eight));
  CHECK(error_of(p).empty());

  write_bytes(p, "abc");
  CHECK_THAT(error_of(p), Catch::Contains("8-byte header length"));

  write_bytes(p, with_header("{" + ok_entry + "}", eight, 5000));
  CHECK_THAT(error_of(p), Catch::Contains("past the end of the file"));

  write_bytes(p, with_header("{" + ok_entry + "}", eight, 1ull << 40));
  CHECK_THAT(error_of(p), Catch::Contains("implausible"));

  write_bytes(p, with_header("{\"w\": ", eight));
  CHECK_THAT(error_of(p), Catch::Contains("not JSON"));

  write_bytes(p, with_header("[1, 2]", eight));
  CHECK_THAT(error_of(p), Catch::Contains("not a JSON object"));

  write_bytes(p, with_header(R"({"w":{"dtype":"F8_E4M3","shape":[2],"data_offsets":[0,2]}})", eight));
  CHECK_THAT(error_of(p), Catch::Contains("unsupported dtype \"F8_E4M3\""));

  write_bytes(p, with_header(R"({"w":{"dtype":"F32","shape":[3],"data_offsets":[0,8]}})", eight));
  CHECK_THAT(error_of(p), Catch::Contains("needs 12 bytes but data_offsets give 8"));

  write_bytes(p, with_header(R"({"w":{"dtype":"F32","shape":[-2],"data_offsets":[0,8]}})", eight));
  CHECK_THAT(error_of(p), Catch::Contains("not a non-negative integer"));

  write_bytes(p, with_header(R"({"w":{"dtype":"F32","shape":[4294967296,4294967296,16],"data_offsets":[0,8]}})", eight));
  CHECK_THAT(error_of(p), Catch::Contains("more bytes than the file holds"));

  write_bytes(p, with_header("{" + ok_entry + "}", "xxxx"));  // truncated data
  CHECK_THAT(error_of(p), Catch::Contains("outside the data section"));

  write_bytes(p, with_header(R"({"w":{"dtype":"F32","shape":[2],"data_offsets":[8,0]}})", eight));
  CHECK_THAT(error_of(p), Catch::Contains("outside the data section"));

  write_bytes(p, with_header(R"({"w":{"dtype":"F32","shape":[2]}})", eight));
  CHECK_THAT(error_of(p), Catch::Contains("data_offsets"));

  write_bytes(p, with_header(R"({"w":{"shape":[2],"data_offsets":[0,8]}})", eight));
  CHECK_THAT(error_of(p), Catch::Contains("no \"dtype\""));

  write_bytes(p, with_header(R"({"a":{"dtype":"F32","shape":[2],"data_offsets":[0,8]},)"
                             R"("b":{"dtype":"F32","shape":[1],"data_offsets":[4,8]}})", eight));
  CHECK_THAT(error_of(p), Catch::Contains("overlap"));

  write_bytes(p, with_header(R"({"__metadata__":[1]})", eight));
  CHECK_THAT(error_of(p), Catch::Contains("__metadata__"));

  const auto missing = error_of(dir + "/none.safetensors");
  CHECK_THAT(missing, Catch::Contains("none.safetensors") && Catch::Contains("cannot open"));
  // Every message names the file.
  write_bytes(p, "abc");
  CHECK_THAT(error_of(p), Catch::StartsWith(p + ": "));
}
