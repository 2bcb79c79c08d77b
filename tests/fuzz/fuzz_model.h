// What load_model (libner/model/model_file.cpp) does with a model file's header before it builds a
// network: the configuration, the vocabulary and the labels. Its failures are the expected ones
// that load_model reports as "model file is corrupt (...)": ner::Error, a JSON type error, and
// the UsageError of a configuration that cannot be built.
#pragma once

#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "fuzz_input.h"
#include "libner/io/error.h"
#include "libner/model/model_config.h"
#include "libner/model/vocabulary.h"

namespace ner::fuzz {

inline void interpret_model_header(const nlohmann::json& header) {
  ModelConfig config;
  Vocabulary vocabulary;
  try {
    config = ModelConfig::from_json(header.at("config"));
    vocabulary = Vocabulary::from_json(header.at("vocabulary"));
    (void)header.at("labels").get<std::vector<std::string>>();
    config.validate();
  } catch (const nlohmann::json::exception&) {
    return;
  } catch (const UsageError&) {
    return;
  } catch (const Error&) {
    return;
  }
  // What the trainer would write from them reads back the same (any exception here is a finding).
  const nlohmann::json config_json = config.to_json(), vocabulary_json = vocabulary.to_json();
  NER_FUZZ_CHECK(ModelConfig::from_json(config_json).to_json() == config_json);
  NER_FUZZ_CHECK(Vocabulary::from_json(vocabulary_json).to_json() == vocabulary_json);
}

}  // namespace ner::fuzz
