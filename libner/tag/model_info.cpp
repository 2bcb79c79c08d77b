#include "libner/tag/model_info.h"

#include <algorithm>
#include <cstdio>

#include "libner/io/error.h"
#include "libner/model/model_config.h"

namespace ner {

namespace {

std::string list(const std::vector<int64_t>& xs, const char* sep = ",") {
  std::string out;
  for (auto x : xs) out += (out.empty() ? "" : sep) + std::to_string(x);
  return out;
}

// A count from the header. nlohmann's get<long long>() would convert a float such as 1e30 with
// undefined behaviour, so anything but an integer is refused.
long long integer(const nlohmann::json& j) {
  if (!j.is_number_integer()) throw Error("expected an integer, found " + j.dump());
  return j.get<long long>();
}

long long integer(const nlohmann::json& object, const char* key, long long fallback) {
  return object.contains(key) ? integer(object[key]) : fallback;
}

// 1234567 -> "1,234,567"
std::string grouped(long long n) {
  std::string digits = std::to_string(n < 0 ? 0ULL - static_cast<unsigned long long>(n) : static_cast<unsigned long long>(n)), out;
  for (std::size_t i = 0; i < digits.size(); ++i) {
    if (i && (digits.size() - i) % 3 == 0) out += ',';
    out += digits[i];
  }
  return n < 0 ? "-" + out : out;
}

std::string fixed(double x, int digits) {
  char buf[64];
  std::snprintf(buf, sizeof buf, "%.*f", digits, x);
  return buf;
}

std::string general(double x) {
  char buf[64];
  std::snprintf(buf, sizeof buf, "%g", x);
  return buf;
}

std::string line(const std::string& key, const std::string& value) {
  std::string k = key + ":";
  k.resize(std::max<std::size_t>(k.size() + 1, 14), ' ');
  return k + value + "\n";
}

std::string sizes(const ModelConfig& c) {
  std::string out = c.encoder == "bert" ? std::string("bert") : "embedding " + std::to_string(c.embedding_dim);
  if (c.bigram_dim > 0)
    out += ", bigrams 2x" + std::to_string(c.bigram_dim) + " (" + grouped(c.bigram_vocab_size) + " known)";
  const bool lstm = c.context == "bilstm" || c.context == "imconvnet-bilstm";
  const bool conv = c.context == "imconvnet" || c.context == "imconvnet-bilstm";
  if (c.context == "idcnn")
    out += "; idcnn " + std::to_string(c.idcnn_filters) + " filters, kernel " + std::to_string(c.idcnn_kernel) +
           ", dilations " + list(c.idcnn_dilations) + " x " + std::to_string(c.idcnn_iterations);
  if (conv)
    out += "; imconvnet widths " + list(c.imconvnet_widths) + ", depths " + list(c.imconvnet_depths) + ", kernel " +
           std::to_string(c.imconvnet_kernel);
  if (lstm)
    out += "; bilstm 2x" + std::to_string(c.lstm_hidden) + (c.lstm_layers > 1 ? ", " + std::to_string(c.lstm_layers) + " layers" : "");
  out += "; dropout " + fixed(c.dropout, 2);
  if (c.token_dropout > 0) out += ", token dropout " + fixed(c.token_dropout, 2);
  return out;
}

std::string describe(const std::string& path, const nlohmann::json& header) {
  std::string out;
  std::string file = path;
  if (header.contains("file_bytes")) file += " (" + grouped(integer(header["file_bytes"])) + " bytes";
  if (header.contains("format_version"))
    file += std::string(header.contains("file_bytes") ? ", " : " (") + "format " +
            std::to_string(integer(header["format_version"])) + ")";
  else if (header.contains("file_bytes"))
    file += ")";
  out += line("model", file);
  if (header.contains("config")) {
    const ModelConfig c = ModelConfig::from_json(header["config"]);
    out += line("architecture", (c.arch.empty() ? std::string("custom") : c.arch) + " (" + c.encoder + " -> " +
                                    c.context + " -> " + c.decoder + ")");
    out += line("sizes", sizes(c));
    if (c.encoder == "bert" && c.bert.is_object() && c.bert.contains("config")) {
      // BERT's config.json as the model file embeds it (bert_assets.h), and its vocabulary size.
      const auto& b = c.bert["config"];
      auto num = [&b](const char* key) { return b.contains(key) ? b[key].dump() : std::string("?"); };
      std::string bert = num("num_hidden_layers") + " layers, hidden " + num("hidden_size") + ", " +
                         num("num_attention_heads") + " heads, intermediate " + num("intermediate_size") + ", " +
                         b.value("hidden_act", std::string("gelu")) + ", max positions " +
                         num("max_position_embeddings") + ", type vocabulary " + num("type_vocab_size");
      if (c.bert.contains("vocab") && c.bert["vocab"].is_array())
        bert += "; " + grouped(static_cast<long long>(c.bert["vocab"].size())) + " WordPiece pieces";
      if (c.bert.contains("tokenizer") && c.bert["tokenizer"].is_object())
        bert += c.bert["tokenizer"].value("do_lower_case", true) ? ", lower-cased" : ", cased";
      if (c.bert.contains("source") && c.bert["source"].is_string())
        bert += "; from " + c.bert["source"].get<std::string>();
      out += line("bert", bert);
    }
    std::string scheme = c.scheme;
    if (!c.output_scheme.empty()) scheme += " (labels written in " + c.output_scheme + ")";
    if (c.decoder == "crf")
      scheme += c.constrained_decoding ? ", constrained decoding" : ", unconstrained decoding";
    if (c.decoder == "crf" && c.constrained_training) scheme += " and training";
    out += line("scheme", scheme);
  }
  if (header.contains("labels") && header["labels"].is_array()) {
    std::string labels = std::to_string(header["labels"].size()) + ":";
    for (const auto& l : header["labels"]) labels += " " + l.get<std::string>();
    out += line("labels", labels);
  }
  const bool bert_vocab = header.contains("config") && header["config"].value("encoder", "") == "bert" &&
                          header["config"].contains("bert") && header["config"]["bert"].contains("vocab");
  if (bert_vocab)  // the model reads BERT's vocabulary; its own token list is unused
    out += line("vocabulary", grouped(static_cast<long long>(header["config"]["bert"]["vocab"].size())) +
                                  " BERT WordPiece pieces");
  else if (header.contains("vocabulary") && header["vocabulary"].is_array())
    out += line("vocabulary", grouped(static_cast<long long>(header["vocabulary"].size())) + " tokens");
  const nlohmann::json info = header.value("info", nlohmann::json::object());
  if (info.contains("parameters")) out += line("parameters", grouped(integer(info["parameters"])));
  if (info.contains("train")) {
    std::string t = "on " + info["train"].get<std::string>();
    if (info.contains("train_sentences"))
      t += " (" + grouped(integer(info["train_sentences"])) + " sentences, " +
           grouped(integer(info, "train_tokens", 0)) + " tokens)";
    out += line("trained", t);
  }
  if (info.contains("epoch")) {
    std::string t = "epoch " + std::to_string(integer(info["epoch"]));
    if (info.contains("steps")) t += ", " + grouped(integer(info["steps"])) + " steps";
    if (info.contains("optimizer"))
      t += ", " + info["optimizer"].get<std::string>() + " lr " + general(info.value("lr", 0.0));
    if (info.contains("batch_sentences")) t += ", batch " + std::to_string(integer(info["batch_sentences"]));
    if (info.contains("ema")) t += ", weights averaged (decay " + general(info.value("ema", 0.0)) + ")";
    if (info.contains("seed")) t += ", seed " + (info["seed"].is_number_unsigned() ? std::to_string(info["seed"].get<unsigned long long>()) : info["seed"].dump());
    if (info.contains("seconds")) t += ", " + fixed(info["seconds"].get<double>(), 1) + " s";
    out += line("training", t);
  }
  if (info.contains("dev_scores")) {
    const auto& d = info["dev_scores"];
    out += line("dev", "P " + fixed(d.value("precision", 0.0), 2) + "  R " + fixed(d.value("recall", 0.0), 2) +
                           "  F1 " + fixed(d.value("f1", 0.0), 2) +
                           (info.contains("dev") ? " on " + info["dev"].get<std::string>() : std::string()));
  }
  if (info.contains("trainer")) out += line("made by", info["trainer"].get<std::string>());
  return out;
}

}  // namespace

std::string describe_model(const std::string& path, const nlohmann::json& header) {
  // The header passed its checksum, but a crafted one can still hold the wrong types.
  try {
    return describe(path, header);
  } catch (const nlohmann::json::exception& e) {
    throw Error(path, 0, std::string("model file is corrupt (bad header: ") + e.what() + ")");
  } catch (const Error& e) {
    throw Error(path, 0, "model file is corrupt (" + e.message() + ")");
  }
}

}  // namespace ner
