// Entity type names interned as small integers, so that counting compares and indexes integers and
// the hot loops of ner-eval make no string copies per token.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

namespace ner {

class TypeTable {
 public:
  using Id = std::uint32_t;

  // The id of `name`, added when it is new.
  Id intern(std::string_view name) {
    key_.assign(name.data(), name.size());  // reuses key_'s buffer: no allocation per lookup
    auto it = ids_.find(key_);
    if (it != ids_.end()) return it->second;
    const Id id = static_cast<Id>(names_.size());
    names_.push_back(key_);
    ids_.emplace(key_, id);
    return id;
  }

  const std::string& name(Id id) const { return names_[id]; }
  std::size_t size() const { return names_.size(); }

 private:
  std::unordered_map<std::string, Id> ids_;
  std::vector<std::string> names_;
  std::string key_;
};

}  // namespace ner
