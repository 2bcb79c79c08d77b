#include "libner/bert/bert_directory.h"

#include <sys/stat.h>

#include <nlohmann/json.hpp>

#include "libner/io/error.h"
#include "libner/io/input.h"

namespace ner::bert {
namespace {

bool exists(const std::string& path) {
  struct stat st {};
  return ::stat(path.c_str(), &st) == 0 && S_ISREG(st.st_mode);
}

nlohmann::json read_json(const std::string& path) {
  LineReader in(path);
  try {
    return nlohmann::json::parse(in.read_all());
  } catch (const nlohmann::json::exception& e) {
    throw Error(path, 0, std::string("not valid JSON: ") + e.what());
  }
}

// A special token is written either as a string or, by newer transformers, as an AddedToken object.
void take_token(const nlohmann::json& j, const char* key, std::string& field) {
  auto it = j.find(key);
  if (it == j.end()) return;
  if (it->is_string()) field = it->get<std::string>();
  else if (it->is_object() && it->contains("content") && (*it)["content"].is_string()) field = (*it)["content"];
}

void take_bool(const nlohmann::json& j, const char* key, bool& field) {
  auto it = j.find(key);
  if (it != j.end() && it->is_boolean()) field = it->get<bool>();
}

void take_optional_bool(const nlohmann::json& j, const char* key, std::optional<bool>& field) {
  auto it = j.find(key);
  if (it != j.end() && it->is_boolean()) field = it->get<bool>();
}

// The casing options: transformers defaults to do_lower_case=True when the folder says nothing.
WordPieceOptions read_tokenizer_options(const std::string& dir) {
  WordPieceOptions o;
  const std::string config = dir + "/tokenizer_config.json";
  const std::string fast = dir + "/tokenizer.json";
  if (exists(config)) {
    const auto j = read_json(config);
    take_bool(j, "do_lower_case", o.do_lower_case);
    take_optional_bool(j, "strip_accents", o.strip_accents);
    take_bool(j, "tokenize_chinese_chars", o.tokenize_chinese_chars);
    take_token(j, "unk_token", o.unk_token);
    take_token(j, "cls_token", o.cls_token);
    take_token(j, "sep_token", o.sep_token);
    take_token(j, "pad_token", o.pad_token);
  } else if (exists(fast)) {
    const auto j = read_json(fast);
    auto n = j.find("normalizer");
    if (n != j.end() && n->is_object() && n->value("type", "") == "BertNormalizer") {
      take_bool(*n, "lowercase", o.do_lower_case);
      take_optional_bool(*n, "strip_accents", o.strip_accents);
      take_bool(*n, "handle_chinese_chars", o.tokenize_chinese_chars);
    }
  }
  return o;
}

}  // namespace

BertDirectory read_bert_directory(const std::string& path) {
  BertDirectory d;
  d.path = path;
  const std::string config = path + "/config.json";
  if (!exists(config)) throw Error(path, 0, "not a BERT folder: it has no config.json");
  d.config = read_bert_config(config);

  const std::string vocab = path + "/vocab.txt";
  if (!exists(vocab)) throw Error(path, 0, "not a BERT folder: it has no vocab.txt");
  d.vocab = Vocab::read(vocab);
  if (static_cast<std::int64_t>(d.vocab.size()) > d.config.vocab_size)
    throw Error(vocab, 0, "has " + std::to_string(d.vocab.size()) + " pieces but config.json's vocab_size is " +
                              std::to_string(d.config.vocab_size));
  d.tokenizer_options = read_tokenizer_options(path);
  try {
    (void)d.tokenizer();  // checks the special tokens
  } catch (const std::invalid_argument& e) {
    throw Error(vocab, 0, e.what());
  }

  d.weights = path + "/model.safetensors";
  if (!exists(d.weights)) {
    const std::string bin = path + "/pytorch_model.bin";
    if (exists(bin))
      throw Error(path, 0,
                  "has pytorch_model.bin but no model.safetensors; convert it once with Python (pip install "
                  "safetensors torch):\n  python3 -c \"import torch; from safetensors.torch import save_file; "
                  "sd = torch.load('" + bin + "', map_location='cpu'); save_file({k: v.clone().contiguous() for k, v "
                  "in sd.items()}, '" + d.weights + "', metadata={'format': 'pt'})\"");
    if (exists(path + "/model.safetensors.index.json"))
      throw Error(path, 0, "has a sharded checkpoint (model.safetensors.index.json); save it as one file with "
                           "transformers' save_pretrained(..., max_shard_size='100GB')");
    if (exists(path + "/tf_model.h5"))
      throw Error(path, 0, "has only TensorFlow weights (tf_model.h5); convert them with transformers: "
                           "python3 -c \"from transformers import BertModel; BertModel.from_pretrained('" + path +
                           "', from_tf=True).save_pretrained('" + path + "')\"");
    throw Error(path, 0, "not a BERT folder: it has no model.safetensors");
  }
  return d;
}

}  // namespace ner::bert
