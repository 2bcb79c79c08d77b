// ner-convert --from brat: a .txt and its .ann (ner::BratReader), through ner::convert to each
// output, brat included, and that output read back. The input is the .txt, a NUL byte, then the
// .ann; without a NUL there is no .ann file. Choices as span_options (fuzz_convert.h), except that
// --to none writes brat instead (and the brat output, converted again, must give the same files).
#include <algorithm>
#include <cstdint>
#include <filesystem>

#include "fuzz_convert.h"
#include "libner/io/remove_tree.h"

namespace {

// The files of a brat folder, name and contents, in name order.
std::string folder_contents(const std::string& folder) {
  std::vector<std::string> names;
  for (const auto& entry : std::filesystem::directory_iterator(folder)) names.push_back(entry.path().string());
  std::sort(names.begin(), names.end());
  std::string all;
  for (const auto& name : names) all += name.substr(folder.size()) + "\n" + ner::fuzz::read_file(name) + "\n";
  return all;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using namespace ner;
  namespace fs = std::filesystem;
  const fuzz::Input in(data, size);
  const std::string dir = fuzz::scratch_dir();
  for (const char* sub : {"/brat", "/first", "/second"}) ner::remove_tree(dir + sub);
  fs::create_directory(dir + "/brat");
  const auto [txt, ann] = in.split_at_nul();
  fuzz::write_file("brat/doc.txt", txt);
  if (txt.size() < in.text.size()) fuzz::write_file("brat/doc.ann", ann);

  ConvertOptions o = fuzz::span_options(in, Format::Brat);
  o.inputs = {dir + "/brat"};
  if (o.to) {
    fuzz::convert_and_reread(o);
    return 0;
  }
  o.to = Format::Brat;
  o.max_len = -1;
  o.stats = false;
  o.output = dir + "/first";
  try {
    if (!fuzz::convert_quietly(o)) return 0;
  } catch (const ner::Error&) {
    return 0;
  }
  ConvertOptions again = o;
  again.inputs = {o.output};
  again.output = dir + "/second";
  again.map = {};
  if (again.overlaps != OverlapPolicy::Keep) again.overlaps = OverlapPolicy::Fail;
  try {
    fuzz::convert_quietly(again);
  } catch (const ner::Error& e) {
    std::fprintf(stderr, "ner-fuzz: the brat output cannot be read back: %s\n", e.what());
    std::abort();
  }
  NER_FUZZ_CHECK(folder_contents(o.output) == folder_contents(again.output));
  return 0;
}
