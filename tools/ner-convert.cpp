// ner-convert: converts annotated corpora between the stream format and span formats, and between
// tagging schemes. All the work is ner::convert (libner/format/convert.h).
#include <cstdio>

#include "libner/cli/tool.h"
#include "libner/format/convert.h"
#include "libner/io/error.h"
#include "libner/io/output.h"

int main(int argc, char** argv) {
  ner::cli::Tool tool("ner-convert", "Convert between annotation formats and tagging schemes");
  auto& app = tool.app();
  app.footer(
      "Formats: conll (the stream: token [start end] label), ccks (yidu-s4k JSON lines), jsonl\n"
      "({\"id\",\"text\",\"entities\":[{\"start\",\"end\",\"label\"}]}), brat (a folder of .txt/.ann), cblue\n"
      "(cMedQANER JSON, input only). Column files: Resume NER --from-scheme bmes, Weibo NER\n"
      "--strip-position-digit, cMedQANER --label-sep _. --stats prints on stderr, or on stdout\n"
      "when there is no --to.");

  std::string from = "conll", to, output = "-", from_scheme = "iob2", to_scheme = "iob2", label_sep = "-";
  std::string overlaps = "longest", map;
  ner::ConvertOptions options;
  app.add_option("inputs", options.inputs, "Input files (brat: folders); none or - is stdin");
  app.add_option("-f,--from", from, "Input format: conll, ccks, jsonl, brat, cblue")->capture_default_str();
  app.add_option("-t,--to", to, "Output format: conll, ccks, jsonl, brat");
  app.add_option("-o,--output", output, "Output file (brat: folder); - is stdout")->capture_default_str();
  app.add_option("--from-scheme", from_scheme, "Tagging scheme of conll input: iob1, iob2 (bio), ioe1, ioe2, iobes, bilou, bmes")
      ->capture_default_str();
  app.add_option("--to-scheme", to_scheme, "Tagging scheme of conll output")->capture_default_str();
  app.add_option("--label-sep", label_sep, "Separator of prefix and type in input labels (_ for B_disease)")
      ->capture_default_str();
  app.add_flag("--strip-position-digit", options.dialect.strip_position_digit,
               "Drop the word-position digit of Weibo NER tokens (科0 -> 科)");
  app.add_option("--joiner", options.joiner,
                 "Put this between tokens when conll input without offsets becomes text (\" \" for English)");
  app.add_flag("--repair", options.repair, "Expect ill-formed label sequences: fix them and count the repairs");
  app.add_option("--overlaps", overlaps, "Overlapping entities: longest, first, fail, keep (span output only)")
      ->capture_default_str();
  app.add_option("--map", map, "Rename entity types: A=B,C=D or a file of A=B lines (A= drops A)");
  app.add_option("--max-len", options.max_len, "Split documents into sentences of at most N tokens (span input, conll output)")
      ->check(CLI::Validator(
          [](std::string& s) {
            return s.find_first_not_of("0123456789") == std::string::npos && !s.empty()
                       ? std::string()
                       : "expected a number of tokens (0 or more), found '" + s + "'";
          },
          "N"));
  app.add_flag("--stats", options.stats, "Print documents, sentences, tokens, entities per type, longest sentence");

  return tool.run(argc, argv, [&] {
    options.from = ner::parse_format(from);
    if (!to.empty()) options.to = ner::parse_format(to);
    else if (!options.stats) throw ner::UsageError("give the output format with --to (or ask for --stats only)");
    options.output = output;
    options.dialect.scheme = ner::parse_scheme(from_scheme);
    options.to_scheme = ner::parse_scheme(to_scheme);
    if (label_sep.size() != 1) throw ner::UsageError("--label-sep takes one character");
    options.dialect.label_separator = label_sep[0];
    options.overlaps = ner::parse_overlap_policy(overlaps);
    if (!map.empty()) options.map = ner::LabelMap::parse(map);

    const ner::CorpusStats stats = ner::convert(options, tool.log()).stats;
    if (options.stats) {
      if (options.to) {
        std::fputs(stats.format().c_str(), stderr);
      } else {
        ner::OutputFile out("-");
        out << stats.format();
        out.commit();
      }
    }
    return 0;
  });
}
