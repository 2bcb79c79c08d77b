// `ner-tag --info MODEL`: what a model file holds, read from its JSON header alone (no weights
// are loaded, so it is fast and works on any file ner can read).
#pragma once

#include <string>

#include <nlohmann/json.hpp>

namespace ner {

// Human-readable lines: file, architecture and sizes, scheme, labels, vocabulary, parameters and
// how it was trained.
std::string describe_model(const std::string& path, const nlohmann::json& header);

}  // namespace ner
