// A model file's JSON header as load_model reads it (fuzz_model.h): ModelConfig::from_json and
// validate, Vocabulary::from_json, the labels. Torch-free, so it runs in every fuzz build; the
// container around the header is fuzz_model_file's, which needs the model library.
#include <cstdint>

#include <nlohmann/json.hpp>

#include "fuzz_input.h"
#include "fuzz_model.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const ner::fuzz::Input in(data, size);
  const nlohmann::json header = nlohmann::json::parse(in.text, nullptr, /*allow_exceptions=*/false);
  if (!header.is_discarded()) ner::fuzz::interpret_model_header(header);
  return 0;
}
