// ner-tokenize: raw UTF-8 text to the stream format, one token a line with its offsets.
// All the work is in libner/text (tokenize_stream.h).
#include <string>
#include <vector>

#include "libner/cli/tool.h"
#include "libner/io/output.h"
#include "libner/text/normalize.h"
#include "libner/text/tokenize_stream.h"

int main(int argc, char** argv) {
  ner::cli::Tool tool("ner-tokenize",
                      "Tokenize raw UTF-8 text (a document per line, per file, or JSON lines) into the stream "
                      "format with character offsets");
  auto& app = tool.app();
  std::vector<std::string> inputs;
  std::string output = "-";
  bool whole_file = false, jsonl = false, group_ascii = false, pack = false;
  std::string text_field = "text", id_field = "id", normalize = "none";
  std::size_t max_len = 0;

  app.add_option("FILE", inputs, "Input files (- or none: stdin; .zst read compressed)");
  app.add_option("-o,--output", output, "Output file (default stdout; .zst written compressed)");
  auto* whole = app.add_flag("--whole-file", whole_file, "Each file is one document (id: the file name)");
  auto* json = app.add_flag("--jsonl", jsonl, "JSON lines: one document per object, its text in --text-field");
  whole->excludes(json);
  app.add_option("--text-field", text_field, "JSON field holding the text (ccks: originalText)")
      ->capture_default_str()->needs(json);
  app.add_option("--id-field", id_field, "JSON field holding the document id (else FILE:LINE)")
      ->capture_default_str()->needs(json);
  app.add_flag("--group-ascii", group_ascii, "Keep runs of ASCII letters and digits as one token");
  app.add_option("--normalize", normalize, "Token normalisation; offsets never move")
      ->capture_default_str()->check(CLI::IsMember({"none", "nfkc", "halfwidth"}));
  auto* len = app.add_option("--max-len", max_len,
                             "Cut sentences at 。！？；, then where longer than N tokens at ，、, then "
                             "anywhere, never inside an entity (0: at sentence ends only)")
                 ->check(CLI::Validator(
                     [](std::string& v) {
                       return !v.empty() && v.find_first_not_of("0123456789") == std::string::npos
                                  ? std::string()
                                  : "--max-len takes a number of tokens, not '" + v + "'";
                     },
                     "N"));
  app.add_flag("--pack", pack, "Join neighbouring sentences again while they fit in --max-len")->needs(len);
  app.footer(
      "Without --max-len a document is one sentence, except that a line break inside it (--whole-file, "
      "--jsonl) ends a sentence.\nOutput: `# doc = ID`, then `token<TAB>start<TAB>end` per token "
      "(code points into the original document), a blank line after each sentence.");

  return tool.run(argc, argv, [&] {
    ner::TokenizeStreamOptions options;
    options.input.layout = whole_file ? ner::RawLayout::WholeFile
                           : jsonl    ? ner::RawLayout::JsonLines
                                      : ner::RawLayout::Lines;
    options.input.text_field = text_field;
    options.input.id_field = id_field;
    options.tokenizer.group_ascii = group_ascii;
    options.tokenizer.normalization = ner::parse_normalization(normalize);
    options.split.at_punctuation = len->count() > 0;
    options.split.max_len = max_len;
    options.split.pack = pack && max_len > 0;

    ner::OutputFile out(output);
    const ner::TokenizeStats stats = ner::tokenize_stream(inputs, out, options);
    out.commit();
    if (stats.empty_documents > 0)
      tool.log().info(std::to_string(stats.empty_documents) + " document(s) without a token left out");
    tool.log().detail(std::to_string(stats.documents) + " documents, " + std::to_string(stats.sentences) +
                      " sentences, " + std::to_string(stats.tokens) + " tokens, longest sentence " +
                      std::to_string(stats.longest_sentence) + " tokens");
    return 0;
  });
}
