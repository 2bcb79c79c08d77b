#include "libner/format/convert.h"

#include <memory>

#include "libner/format/brat.h"
#include "libner/format/ccks.h"
#include "libner/format/cblue.h"
#include "libner/format/conll_spans.h"
#include "libner/format/jsonl.h"
#include "libner/format/relabel.h"
#include "libner/io/error.h"
#include "libner/io/input.h"
#include "libner/text/tokenizer.h"

namespace ner {

Format parse_format(std::string_view name) {
  if (name == "conll") return Format::Conll;
  if (name == "ccks") return Format::Ccks;
  if (name == "jsonl") return Format::Jsonl;
  if (name == "brat") return Format::Brat;
  if (name == "cblue") return Format::Cblue;
  throw UsageError("unknown format '" + std::string(name) + "' (expected conll, ccks, jsonl, brat or cblue)");
}

std::string format_name(Format format) {
  switch (format) {
    case Format::Conll: return "conll";
    case Format::Ccks: return "ccks";
    case Format::Jsonl: return "jsonl";
    case Format::Brat: return "brat";
    case Format::Cblue: return "cblue";
  }
  return "?";
}

std::vector<std::string> format_names() { return {"conll", "ccks", "jsonl", "brat", "cblue"}; }

bool is_span_format(Format format) { return format != Format::Conll; }

void check_options(const ConvertOptions& o) {
  const bool stream_out = !o.to || *o.to == Format::Conll;
  if (o.to && *o.to == Format::Cblue) throw UsageError("cblue is an input format only");
  if (o.to && *o.to == Format::Brat && is_std_stream(o.output))
    throw UsageError("brat output is a folder: give it with -o");
  if (o.from == Format::Brat && o.inputs.empty()) throw UsageError("brat input is a folder: name it");
  for (const auto& in : o.inputs)
    if (o.from == Format::Brat && is_std_stream(in)) throw UsageError("brat input is a folder, not stdin");
  if (o.max_len >= 0 && !(is_span_format(o.from) && stream_out))
    throw UsageError("--max-len splits documents of a span format into sentences: it needs --to conll and a span input");
  if (o.overlaps == OverlapPolicy::Keep && stream_out && is_span_format(o.from))
    throw UsageError("--overlaps keep: the stream cannot hold overlapping entities (use longest, first or fail)");
}

namespace {

void sum(Tally& total, const Tally& part) { total.add(part.first(), part.count()); }

void add_labels(ConvertReport& report, const LabelDecoder& decoder) {
  if (!report.ill_formed && decoder.ill_formed()) report.first_problem = decoder.first_problem();
  sum(report.ill_formed, decoder.ill_formed());
}

std::unique_ptr<DocumentReader> open_reader(const ConvertOptions& o, const std::string& path) {
  switch (o.from) {
    case Format::Ccks: return std::make_unique<CcksReader>(path);
    case Format::Jsonl: return std::make_unique<JsonlReader>(path);
    case Format::Cblue: return std::make_unique<CblueReader>(path);
    case Format::Brat: return std::make_unique<BratReader>(path);
    case Format::Conll: return std::make_unique<ConllDocumentReader>(path, StreamReadOptions{o.dialect, o.joiner});
  }
  return nullptr;
}

// What a reader counted, once it is done.
void collect(const DocumentReader& reader, ConvertReport& report) {
  if (const auto* r = dynamic_cast<const CblueReader*>(&reader)) {
    sum(report.moved, r->moved());
    sum(report.unmatched, r->unmatched());
  } else if (const auto* r = dynamic_cast<const BratReader*>(&reader)) {
    sum(report.discontinuous, r->discontinuous());
  } else if (const auto* r = dynamic_cast<const ConllDocumentReader*>(&reader)) {
    add_labels(report, r->labels());
    sum(report.refitted, r->refitted());
    sum(report.restarted, r->restarted());
  }
}

std::string display_name(const std::string& path) { return is_std_stream(path) ? "<stdin>" : path; }

std::vector<std::string> inputs_of(const ConvertOptions& o) {
  return o.inputs.empty() ? std::vector<std::string>{"-"} : o.inputs;
}

// conll to conll (or to nothing, for --stats).
void relabel(const ConvertOptions& o, CorpusStats* stats, ConvertReport& report, const Log& log) {
  auto out = o.to ? std::make_unique<OutputFile>(o.output) : nullptr;
  StreamRelabeler relabeler(std::move(out), RelabelOptions{o.dialect, o.to_scheme, o.map}, stats);
  for (const auto& path : inputs_of(o)) {
    const std::size_t before = relabeler.sentences();
    if (!relabeler.run(path)) throw Error(display_name(path), 0, "empty file");
    report.sentences += relabeler.sentences() - before;
    log.detail(display_name(path) + ": " + std::to_string(relabeler.sentences() - before) + " sentences");
  }
  relabeler.commit();
  add_labels(report, relabeler.labels());
  sum(report.unmapped, relabeler.unmapped());
}

void convert_documents(const ConvertOptions& o, CorpusStats* stats, ConvertReport& report, const Log& log) {
  const bool stream_out = !o.to || *o.to == Format::Conll;
  std::unique_ptr<DocumentWriter> writer;
  ConllDocumentWriter* conll = nullptr;
  if (stream_out) {
    StreamWriteOptions options;
    options.scheme = o.to_scheme;
    options.max_len = o.max_len;
    auto w = std::make_unique<ConllDocumentWriter>(o.to ? std::make_unique<OutputFile>(o.output) : nullptr, options, stats);
    conll = w.get();
    writer = std::move(w);
  } else if (*o.to == Format::Ccks) {
    writer = std::make_unique<CcksWriter>(o.output);
  } else if (*o.to == Format::Jsonl) {
    writer = std::make_unique<JsonlWriter>(o.output);
  } else if (*o.to == Format::Brat) {
    writer = std::make_unique<BratWriter>(o.output);
  }

  Document doc;
  for (const auto& path : inputs_of(o)) {
    auto reader = open_reader(o, path);
    std::size_t documents = 0;
    while (reader->next(doc)) {
      const Origin where = reader->origin();
      ++documents;
      if (!o.map.empty()) {
        std::size_t kept = 0;
        for (std::size_t k = 0; k < doc.entities.size(); ++k) {
          std::string type = o.map(doc.entities[k].label);
          if (type.empty()) {
            report.unmapped.add(where);
            continue;
          }
          doc.entities[kept] = {doc.entities[k].start, doc.entities[k].end, std::move(type)};
          ++kept;
        }
        doc.entities.resize(kept);
      }
      if (stream_out) trim_entities(doc, where, report.trimmed, report.blank);
      resolve_overlaps(doc.entities, o.overlaps, where, report.overlapping, report.duplicates);
      if (stats && !stream_out) {
        stats->add_document();
        stats->add_sentence(tokenize(doc.text).size(), doc.id);
        for (const auto& e : doc.entities) stats->add_entity(e.label);
      }
      writer->write(doc, where);
    }
    // An empty input is almost always a failed step upstream (the issue lists it as bad input).
    if (documents == 0) throw Error(display_name(path), 0, o.from == Format::Brat ? "no .txt files" : "empty file");
    report.documents += documents;
    log.detail(display_name(path) + ": " + std::to_string(documents) + " documents");
    collect(*reader, report);
  }
  writer->commit();
  if (conll) {
    sum(report.widened, conll->widened());
    sum(report.collided, conll->collided());
    sum(report.cut, conll->cut());
  }
}

}  // namespace

void ConvertReport::print(const ConvertOptions& o, const Log& log) const {
  const auto at = [](const Tally& t) { return " (first at " + t.first().str() + ")"; };
  const auto n = [](const Tally& t) { return std::to_string(t.count()); };
  if (ill_formed) {
    const std::string scheme = scheme_name(o.dialect.scheme);
    if (o.repair)
      log.info("repaired " + n(ill_formed) + " ill-formed " + scheme + " labels" + at(ill_formed) + ": " + first_problem);
    else
      log.warn(ill_formed.first().str() + ": " + first_problem + "; read as conlleval reads it (" + n(ill_formed) +
               " ill-formed labels in all; --repair fixes them without this warning)");
  }
  if (refitted)
    log.warn(n(refitted) + " tokens do not fill their offsets (a normalised stream?); the text holds them cut or padded" + at(refitted));
  if (restarted)
    log.warn(n(restarted) + " sentences go back in their document's offsets (taken apart by sentence?); each is a document of its own" + at(restarted));
  if (discontinuous) log.warn("skipped " + n(discontinuous) + " discontinuous brat entities" + at(discontinuous));
  if (moved)
    log.warn("moved " + n(moved) + " mentions whose text is not at their offset to the nearest place it is" + at(moved));
  if (unmatched) log.warn("dropped " + n(unmatched) + " mentions whose text does not occur in the text" + at(unmatched));
  if (unmapped) log.info("dropped " + n(unmapped) + " entities whose type --map maps to nothing" + at(unmapped));
  if (trimmed) log.info("trimmed whitespace off the ends of " + n(trimmed) + " entities" + at(trimmed));
  if (blank) log.warn("dropped " + n(blank) + " entities that hold only whitespace" + at(blank));
  if (duplicates) log.info("removed " + n(duplicates) + " duplicate entities" + at(duplicates));
  if (overlapping)
    log.warn("dropped " + n(overlapping) + " overlapping entities, keeping the " +
             (o.overlaps == OverlapPolicy::Longest ? "longest" : "leftmost") + at(overlapping));
  if (widened) log.warn("widened " + n(widened) + " entities to whole tokens" + at(widened));
  if (collided)
    log.warn("dropped " + n(collided) + " entities that cover no token or overlap another once widened to whole tokens" + at(collided));
  if (cut) log.warn(n(cut) + " entities are longer than --max-len and were cut across sentences" + at(cut));
}

ConvertReport convert(const ConvertOptions& options, const Log& log) {
  check_options(options);
  ConvertReport report;
  CorpusStats* stats = options.stats ? &report.stats : nullptr;
  if (options.from == Format::Conll && (!options.to || *options.to == Format::Conll))
    relabel(options, stats, report, log);
  else
    convert_documents(options, stats, report, log);
  report.print(options, log);
  return report;
}

}  // namespace ner
