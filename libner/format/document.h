// A document with entity spans: the common ground of the span formats (ccks, jsonl, brat, cblue).
// Offsets count Unicode code points of `text`, end exclusive, as yidu-s4k does.
#pragma once

#include <cstddef>
#include <string>
#include <vector>

namespace ner {

struct Entity {
  std::size_t start = 0;
  std::size_t end = 0;
  std::string label;
  bool operator==(const Entity& o) const { return start == o.start && end == o.end && label == o.label; }
};

struct Document {
  std::string id;
  std::string text;
  std::vector<Entity> entities;
};

}  // namespace ner
