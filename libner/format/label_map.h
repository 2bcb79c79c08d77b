// Renaming entity types: `--map 疾病和诊断=DIS,解剖部位=ANAT` or `--map FILE`. The map applies to
// types, so B-疾病和诊断 becomes B-DIS in any scheme; the reverse direction is the reverse map.
// Types the map does not name are kept; a type mapped to nothing (`药物=`) drops its entities.
#pragma once

#include <map>
#include <string>

namespace ner {

class LabelMap {
 public:
  // `spec` is a file (one pair a line, "A=B" or "A<TAB>B"; blank lines and '#' comments skipped)
  // when such a file exists, else a list "A=B,C=D". Throws UsageError on a malformed list and
  // ner::Error (file:line) on a malformed file; a type given twice is an error.
  static LabelMap parse(const std::string& spec);

  void add(const std::string& from, const std::string& to);  // throws UsageError on a repeat
  bool empty() const { return map_.empty(); }
  std::size_t size() const { return map_.size(); }

  // The new name of `type`: `type` itself when unmapped, "" when it maps to nothing.
  const std::string& operator()(const std::string& type) const {
    const auto it = map_.find(type);
    return it == map_.end() ? type : it->second;
  }

 private:
  std::map<std::string, std::string> map_;
};

}  // namespace ner
