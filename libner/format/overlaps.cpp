#include "libner/format/overlaps.h"

#include <algorithm>
#include <map>
#include <numeric>
#include <set>
#include <tuple>

#include "libner/io/error.h"

namespace ner {

OverlapPolicy parse_overlap_policy(std::string_view name) {
  if (name == "longest") return OverlapPolicy::Longest;
  if (name == "first") return OverlapPolicy::First;
  if (name == "fail") return OverlapPolicy::Fail;
  if (name == "keep") return OverlapPolicy::Keep;
  throw UsageError("unknown overlap policy '" + std::string(name) + "' (expected longest, first, fail or keep)");
}

std::string overlap_policy_name(OverlapPolicy policy) {
  switch (policy) {
    case OverlapPolicy::Longest: return "longest";
    case OverlapPolicy::First: return "first";
    case OverlapPolicy::Fail: return "fail";
    case OverlapPolicy::Keep: return "keep";
  }
  return "?";
}

std::vector<std::size_t> select_non_overlapping(const std::vector<std::pair<std::size_t, std::size_t>>& intervals,
                                                OverlapPolicy policy) {
  std::vector<std::size_t> order(intervals.size());
  std::iota(order.begin(), order.end(), 0);
  const auto length = [&](std::size_t i) { return intervals[i].second - intervals[i].first; };
  std::stable_sort(order.begin(), order.end(), [&](std::size_t a, std::size_t b) {
    if (policy == OverlapPolicy::Longest && length(a) != length(b)) return length(a) > length(b);
    if (intervals[a].first != intervals[b].first) return intervals[a].first < intervals[b].first;
    return length(a) > length(b);
  });
  std::map<std::size_t, std::size_t> kept;  // begin -> end, disjoint
  std::vector<std::size_t> chosen;
  for (std::size_t i : order) {
    const auto [begin, end] = intervals[i];
    auto next = kept.lower_bound(begin);
    if (next != kept.end() && next->first < end) continue;
    if (next != kept.begin() && std::prev(next)->second > begin) continue;
    kept.emplace(begin, end);
    chosen.push_back(i);
  }
  std::sort(chosen.begin(), chosen.end());
  return chosen;
}

void resolve_overlaps(std::vector<Entity>& entities, OverlapPolicy policy, const Origin& where, Tally& dropped,
                      Tally& duplicates) {
  if (policy == OverlapPolicy::Keep || entities.size() < 2) return;
  // The common case, flat data, costs a sort of pairs and no allocation per entity.
  {
    std::vector<std::pair<std::size_t, std::size_t>> sorted;
    sorted.reserve(entities.size());
    for (const auto& e : entities) sorted.emplace_back(e.start, e.end);
    std::sort(sorted.begin(), sorted.end());
    bool flat = true;
    for (std::size_t i = 1; i < sorted.size() && flat; ++i) flat = sorted[i].first >= sorted[i - 1].second;
    if (flat) return;
  }
  // Exact duplicates first: the same mention twice is no conflict.
  std::set<std::tuple<std::size_t, std::size_t, std::string>> seen;
  std::size_t out = 0;
  for (std::size_t i = 0; i < entities.size(); ++i) {
    if (!seen.emplace(entities[i].start, entities[i].end, entities[i].label).second) continue;
    if (out != i) entities[out] = std::move(entities[i]);
    ++out;
  }
  duplicates.add(where, entities.size() - out);
  entities.resize(out);

  std::vector<std::pair<std::size_t, std::size_t>> intervals;
  intervals.reserve(entities.size());
  for (const auto& e : entities) intervals.emplace_back(e.start, e.end);
  const auto keep = select_non_overlapping(intervals, policy);
  if (keep.size() == entities.size()) return;
  if (policy == OverlapPolicy::Fail) {
    std::vector<std::size_t> order(entities.size());
    std::iota(order.begin(), order.end(), 0);
    std::sort(order.begin(), order.end(), [&](std::size_t a, std::size_t b) {
      return std::tie(entities[a].start, entities[a].end) < std::tie(entities[b].start, entities[b].end);
    });
    const auto show = [&](const Entity& e) {
      return "[" + std::to_string(e.start) + ", " + std::to_string(e.end) + ") '" + e.label + "'";
    };
    std::size_t reach = order[0];  // the entity that reaches furthest so far
    for (std::size_t k = 1; k < order.size(); ++k) {
      const Entity& e = entities[order[k]];
      if (e.start < entities[reach].end)
        throw Error(where.file, where.line, "entities " + show(entities[reach]) + " and " + show(e) + " overlap");
      if (e.end > entities[reach].end) reach = order[k];
    }
  }
  dropped.add(where, entities.size() - keep.size());
  std::vector<Entity> kept;
  kept.reserve(keep.size());
  for (std::size_t i : keep) kept.push_back(std::move(entities[i]));
  entities = std::move(kept);
}

}  // namespace ner
