// A program outside the project that uses the installed library, built by
// tests/scripts/unix-install.sh through find_package(ner) and through pkg-config.
// It prints the entities of a labelled stream, one a line: `sentence begin end type`.
#include <cstdio>
#include <string>
#include <string_view>
#include <vector>

#include "libner/io/error.h"
#include "libner/io/input.h"
#include "libner/scheme/scheme.h"

namespace {

void print_entities(std::size_t sentence, const std::vector<std::string>& labels) {
  for (const ner::Span& span : ner::decode(labels))
    std::printf("%zu %zu %zu %s\n", sentence, span.begin, span.end, span.type.c_str());
}

}  // namespace

int main(int argc, char** argv) {
  try {
    ner::LineReader in(argc > 1 ? argv[1] : "-");
    std::vector<std::string> labels;
    std::size_t sentence = 0;
    std::string_view line;
    while (in.next(line)) {
      if (line.empty()) {
        if (!labels.empty()) print_entities(sentence++, labels);
        labels.clear();
      } else if (line[0] != '#') {
        labels.emplace_back(line.substr(line.find_last_of("\t ") + 1));
      }
    }
    if (!labels.empty()) print_entities(sentence, labels);
  } catch (const ner::Error& e) {
    std::fprintf(stderr, "consumer: %s\n", e.what());
    return 1;
  }
  return 0;
}
