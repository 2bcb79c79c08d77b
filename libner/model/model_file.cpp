#include "libner/model/model_file.h"

#include <stdexcept>

#include "libner/model/ner_model.h"

namespace ner {

// Stub bodies: the implementation follows.
void save_model(const std::string&, const ModelConfig&, const Vocabulary&, const std::vector<std::string>&, NerModel&,
                const nlohmann::json&) { throw std::logic_error("not yet"); }
LoadedModel load_model(const std::string&, const std::string&) { throw std::logic_error("not yet"); }
nlohmann::json read_model_header(const std::string&) { throw std::logic_error("not yet"); }
void write_container(const std::string&, const std::string&, uint32_t, nlohmann::json, const std::string&) {
  throw std::logic_error("not yet");
}
Container read_container(const std::string&, const std::string&, uint32_t, const std::string&, bool) {
  throw std::logic_error("not yet");
}
uint64_t fnv1a64(const void* data, std::size_t size, uint64_t h) {
  auto p = static_cast<const unsigned char*>(data);
  for (std::size_t i = 0; i < size; ++i) h = (h ^ p[i]) * 1099511628211ULL;
  return h;
}

}  // namespace ner
