// placeholder replaced by the ner-convert work
#include "libner/cli/tool.h"
int main(int argc, char** argv) {
  ner::cli::Tool tool("ner-convert", "Convert between annotation formats and tagging schemes");
  return tool.run(argc, argv, [] { return 0; });
}
