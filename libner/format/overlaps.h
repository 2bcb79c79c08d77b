// Nested and overlapping mentions. A label sequence (BIO and the rest) holds one entity per token,
// so mentions that share characters cannot all survive conversion to the stream; cMedQANER's JSON
// has such mentions (117 pairs in train). A policy decides which survive, and every mention
// dropped is counted and reported, never lost silently:
//   longest  keep the longest mentions first (ties: the leftmost), then any other that fits
//   first    keep the leftmost mentions first (ties: the longest), then any other that fits
//   fail     stop with an error naming the first overlapping pair
//   keep     keep them all (span outputs only: the stream cannot hold them)
// Exact duplicates (same span, same type) are removed under every policy but keep, and counted.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "libner/format/document.h"
#include "libner/format/tally.h"

namespace ner {

enum class OverlapPolicy { Longest, First, Fail, Keep };

OverlapPolicy parse_overlap_policy(std::string_view name);  // throws UsageError
std::string overlap_policy_name(OverlapPolicy policy);

// Which of the [begin, end) intervals to keep so that none overlap (Longest or First; Fail and
// Keep read as First), as indices in input order.
std::vector<std::size_t> select_non_overlapping(const std::vector<std::pair<std::size_t, std::size_t>>& intervals,
                                                OverlapPolicy policy);

// Applies `policy` to a document's entities in place, keeping the input order of those left.
// Counts the mentions dropped in `dropped` and the duplicates removed in `duplicates`; under
// Fail throws ner::Error at `where` naming the first overlapping pair.
void resolve_overlaps(std::vector<Entity>& entities, OverlapPolicy policy, const Origin& where, Tally& dropped,
                      Tally& duplicates);

}  // namespace ner
