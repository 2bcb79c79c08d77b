#include "libner/eval/seqeval_strict.h"

namespace ner {

std::vector<Span> strict_entities(const std::vector<Tag>& tags, Scheme scheme) {
  for (std::size_t i = 0; i < tags.size(); ++i)
    if (!uses_prefix(scheme, tags[i].prefix))
      throw LabelNotInScheme(i, std::string("the prefix ") + tags[i].prefix + " is not used in " + scheme_name(scheme));
  return decode_strict(tags, scheme);
}

}  // namespace ner
