#include "libner/model/ner_model.h"

#include <stdexcept>

#include "libner/model/vocabulary.h"

namespace ner {

// Stub bodies: the implementation follows.
NerModelImpl::NerModelImpl(const ModelConfig& config, int64_t vocab_size, const std::vector<std::string>& labels)
    : config_(config), labels_(labels) {
  (void)vocab_size;
}
torch::Tensor NerModelImpl::emissions(const torch::Tensor&, const torch::Tensor&) { throw std::logic_error("not yet"); }
torch::Tensor NerModelImpl::loss(const torch::Tensor&, const torch::Tensor&, const torch::Tensor&) { throw std::logic_error("not yet"); }
std::vector<std::vector<int64_t>> NerModelImpl::decode(const torch::Tensor&, const torch::Tensor&) { throw std::logic_error("not yet"); }
torch::Tensor NerModelImpl::marginals(const torch::Tensor&, const torch::Tensor&) { throw std::logic_error("not yet"); }
int64_t NerModelImpl::load_embeddings(const Vocabulary&, const std::string&) { throw std::logic_error("not yet"); }
int64_t NerModelImpl::parameter_count() const { return 0; }

}  // namespace ner
