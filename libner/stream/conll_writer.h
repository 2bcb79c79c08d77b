// Writes the stream format: TAB-separated columns, a blank line after each sentence.
#pragma once

#include "libner/io/output.h"
#include "libner/stream/sentence.h"

namespace ner {

void write_sentence(OutputFile& out, const Sentence& sentence);

}  // namespace ner
