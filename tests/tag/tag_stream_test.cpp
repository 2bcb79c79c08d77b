// ner-tag's stream: every input column, comment and -DOCSTART- line kept, the label appended, the
// input order kept across windows and length-sorted batches; jsonl spans with offsets.
#include "tests/model/torch_catch.h"

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "libner/io/output.h"
#include "libner/io/remove_tree.h"
#include "libner/model/model_config.h"
#include "libner/model/model_file.h"
#include "libner/model/ner_model.h"
#include "libner/model/vocabulary.h"
#include "libner/scheme/scheme.h"
#include "libner/stream/sentence.h"
#include "libner/tag/span_writer.h"
#include "libner/tag/tag_stream.h"
#include "libner/tag/tagger.h"

namespace fs = std::filesystem;

namespace {

struct TempDir {
  fs::path path;
  TempDir() {
    char tmpl[] = "/tmp/ner-tag-test-XXXXXX";
    REQUIRE(::mkdtemp(tmpl) != nullptr);
    path = tmpl;
  }
  ~TempDir() { ner::remove_tree(path); }
  std::string operator/(const std::string& name) const { return (path / name).string(); }
};

std::string read_file(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream s;
  s << in.rdbuf();
  return s.str();
}

void write_file(const std::string& path, const std::string& bytes) { std::ofstream(path, std::ios::binary) << bytes; }

// An untrained model: its labels are arbitrary but a function of the tokens, which is all that
// these tests need. `output_scheme` as ner-train --train-scheme sets it.
void make_model(const std::string& path, const std::vector<std::string>& labels = {"O", "B-X", "I-X"},
                const std::string& scheme = "iob2", const std::string& output_scheme = "") {
  torch::manual_seed(3);
  auto config = ner::ModelConfig::from_arch("bilstm-crf");
  config.embedding_dim = 4;
  config.lstm_hidden = 3;
  config.scheme = scheme;
  config.output_scheme = output_scheme;
  ner::Vocabulary vocabulary;
  for (const char* t : {"a", "b", "c", "患", "者"}) vocabulary.add(t);
  ner::NerModel model(config, static_cast<int64_t>(vocabulary.size()), labels);
  save_model(path, config, vocabulary, labels, model, nlohmann::json::object());
}

// Splits a stream into its lines.
std::vector<std::string> lines_of(const std::string& text) {
  std::vector<std::string> out;
  std::istringstream in(text);
  std::string line;
  while (std::getline(in, line)) out.push_back(line);
  return out;
}

}  // namespace

TEST_CASE("tagging keeps every column, comment and boundary and appends one label", "[tag]") {
  TempDir dir;
  make_model(dir / "m.ner");
  // Sentences of varied lengths, so that sorting by length reorders them within a window.
  std::string input = "-DOCSTART- -X- O O\n\n# doc = d1\n";
  for (int s = 0; s < 23; ++s) {
    if (s == 5) input += "# doc = d2\n# note = kept\n";
    const int n = 1 + (s * 7) % 11;
    for (int i = 0; i < n; ++i) input += std::string(1, "abcz"[(s + i) % 4]) + "\t" + std::to_string(i) + "\tG\n";
    input += "\n";
  }
  input += "# trailing comment\n";
  write_file(dir / "in.conll", input);
  ner::Tagger tagger(dir / "m.ner");

  std::string first;
  for (std::size_t window : {1, 4, 1000}) {
    INFO("window " << window);
    ner::TagOptions options;
    options.read_ahead = window;
    options.batch.sentences = 3;
    const auto counts = ner::tag_stream(tagger, dir / "in.conll", dir / "out.conll", options);
    CHECK(counts.sentences == 23);
    // The tagger's share of the time is a part of the whole.
    CHECK(counts.tagger_seconds > 0);
    CHECK(counts.tagger_seconds <= counts.seconds);
    const auto in = lines_of(input), out = lines_of(read_file(dir / "out.conll"));
    REQUIRE(in.size() == out.size());
    for (std::size_t i = 0; i < in.size(); ++i) {
      if (in[i].empty() || in[i][0] == '#' || in[i].rfind("-DOCSTART-", 0) == 0) {
        CHECK(out[i] == in[i]);
        continue;
      }
      // The input line, a TAB, and one of the model's labels.
      REQUIRE(out[i].rfind(in[i] + "\t", 0) == 0);
      const std::string label = out[i].substr(in[i].size() + 1);
      CHECK((label == "O" || label == "B-X" || label == "I-X"));
    }
    // Windows and batches change nothing in the labels.
    const auto text = read_file(dir / "out.conll");
    if (first.empty()) first = text;
    CHECK(text == first);
  }
  // Nor do batches decoded on several threads at once.
  tagger.set_threads(3);
  ner::TagOptions options;
  options.batch.sentences = 2;
  ner::tag_stream(tagger, dir / "in.conll", dir / "out.conll", options);
  CHECK(read_file(dir / "out.conll") == first);
}

TEST_CASE("a sentence is labelled the same alone and among longer ones", "[tag]") {
  TempDir dir;
  make_model(dir / "m.ner");
  ner::Tagger tagger(dir / "m.ner");
  const std::vector<std::string> short_one{"a", "b", "患"};
  const auto alone = tagger.tag({short_one}, ner::BatchLimits{8, 0, 1});
  const auto together =
      tagger.tag({{"c", "c", "a", "b", "者", "a", "a", "b", "c"}, short_one, {"b"}}, ner::BatchLimits{8, 0, 1});
  CHECK(together[1] == alone[0]);
  CHECK(together[0].size() == 9);
  CHECK(together[2].size() == 1);
}

TEST_CASE("confidences are the marginals of the chosen labels, the same alone and batched", "[tag]") {
  TempDir dir;
  make_model(dir / "m.ner");
  ner::Tagger tagger(dir / "m.ner");
  const std::vector<std::vector<std::string>> sentences{{"c", "c", "a", "b", "者"}, {"a", "b", "患"}};
  std::vector<std::vector<float>> confidences;
  const auto labels = tagger.tag(sentences, ner::BatchLimits{8, 0, 1}, &confidences);
  REQUIRE(confidences.size() == 2);
  const auto& loaded = tagger.model();
  for (std::size_t s = 0; s < sentences.size(); ++s) {
    REQUIRE(confidences[s].size() == sentences[s].size());
    std::vector<int64_t> ids;
    for (const auto& t : sentences[s]) ids.push_back(loaded.vocabulary.id(t));
    const auto n = static_cast<int64_t>(ids.size());
    const auto m = loaded.model->marginals(torch::tensor(ids).unsqueeze(0), torch::ones({1, n}, torch::kBool))[0];
    for (std::size_t i = 0; i < ids.size(); ++i) {
      const auto label = std::find(loaded.labels.begin(), loaded.labels.end(), labels[s][i]) - loaded.labels.begin();
      CHECK(confidences[s][i] == Approx(m[static_cast<int64_t>(i)][label].item<float>()).margin(1e-5));
      CHECK(confidences[s][i] > 0.0f);
      CHECK(confidences[s][i] <= 1.0f);
    }
  }
}

TEST_CASE("jsonl output: an entity's score is the lowest confidence among its tokens", "[tag][jsonl]") {
  TempDir dir;
  {
    ner::OutputFile out(dir / "spans.jsonl");
    ner::SpanWriter writer(out);
    ner::Sentence s;
    s.tokens = {{"患"}, {"者"}, {"好"}};
    const std::vector<float> confidences{0.9f, 0.25f, 0.75f};
    writer.add(s, {"B-X", "I-X", "B-Y"}, &confidences);
    writer.finish();
    out.commit();
  }
  CHECK(read_file(dir / "spans.jsonl") ==
        R"({"id":"1","text":"患者好","entities":[{"start":0,"end":2,"label":"X","text":"患者","score":0.25},)"
        R"({"start":2,"end":3,"label":"Y","text":"好","score":0.75}]})" "\n");
}

TEST_CASE("jsonl output: spans with the stream's offsets, documents by # doc", "[tag][jsonl]") {
  TempDir dir;
  {
    ner::OutputFile out(dir / "spans.jsonl");
    ner::SpanWriter writer(out);
    ner::Sentence s;
    s.preamble = {"# doc = note-1"};
    s.tokens = {{"患", "0", "1"}, {"者", "1", "2"}, {"好", "4", "5"}};
    writer.add(s, {"B-X", "I-X", "B-Y"});
    s.preamble.clear();
    s.tokens = {{"甲", "6", "7"}};
    writer.add(s, {"O"});
    s.preamble = {"# doc = note-2"};
    s.tokens = {{"ab", "0", "2"}, {"c", "3", "4"}};
    writer.add(s, {"B-Z", "I-Z"});
    writer.finish();
    out.commit();
  }
  const auto out = lines_of(read_file(dir / "spans.jsonl"));
  REQUIRE(out.size() == 2);
  CHECK(out[0] == R"({"id":"note-1","text":"患者  好 甲","entities":[{"start":0,"end":2,"label":"X","text":"患者"},{"start":4,"end":5,"label":"Y","text":"好"}]})");
  CHECK(out[1] == R"({"id":"note-2","text":"ab c","entities":[{"start":0,"end":4,"label":"Z","text":"ab c"}]})");
}

TEST_CASE("jsonl output without offsets: each sentence a document, ASCII words spaced", "[tag][jsonl]") {
  TempDir dir;
  {
    ner::OutputFile out(dir / "spans.jsonl");
    ner::SpanWriter writer(out);
    ner::Sentence s;
    s.tokens = {{"John"}, {"lives"}, {"in"}, {"北"}, {"京"}};
    writer.add(s, {"B-PER", "O", "O", "B-LOC", "I-LOC"});
    s.tokens = {{"x"}};
    writer.add(s, {"O"});
    writer.finish();
    out.commit();
  }
  const auto out = lines_of(read_file(dir / "spans.jsonl"));
  REQUIRE(out.size() == 2);
  CHECK(out[0] == R"({"id":"1","text":"John lives in北京","entities":[{"start":0,"end":4,"label":"PER","text":"John"},{"start":13,"end":15,"label":"LOC","text":"北京"}]})");
  CHECK(out[1] == R"({"id":"2","text":"x","entities":[]})");
}

TEST_CASE("a model that learnt another scheme writes its labels in the data's", "[tag]") {
  TempDir dir;
  const std::vector<std::string> labels{"O", "B-X", "I-X", "E-X", "S-X", "B-Y", "E-Y", "S-Y", "I-Y"};
  make_model(dir / "iobes.ner", labels, "iobes");
  make_model(dir / "as-iob2.ner", labels, "iobes", "iob2");  // the same weights
  const ner::Tagger learnt(dir / "iobes.ner"), written(dir / "as-iob2.ner");
  std::vector<std::vector<std::string>> sentences;
  for (int s = 0; s < 40; ++s) {
    sentences.emplace_back();
    for (int i = 0; i < 2 + s % 9; ++i) sentences.back().push_back(std::string(1, "abc"[(s * 5 + i * i) % 3]));
  }
  ner::BatchLimits limits;
  limits.sentences = 8;
  const auto inner = learnt.tag(sentences, limits), outer = written.tag(sentences, limits);
  REQUIRE(inner.size() == outer.size());
  std::size_t respelled = 0;
  for (std::size_t s = 0; s < inner.size(); ++s) {
    CHECK(outer[s] == ner::respell(inner[s], ner::Scheme::IOB2));
    for (const auto& label : outer[s]) CHECK((label == "O" || label[0] == 'B' || label[0] == 'I'));
    respelled += outer[s] != inner[s];
  }
  CHECK(respelled > 0);  // the untrained model does emit E- and S- labels
}
