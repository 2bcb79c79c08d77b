#include <catch2/catch.hpp>

#include <optional>
#include <string>

#include "libner/stream/sentence.h"

// ner-split, ner-eval (both of its layouts) and ner-convert agree on where a document starts.
TEST_CASE("document markers", "[stream]") {
  using ner::is_document_marker;
  CHECK(is_document_marker("# doc = 17"));
  CHECK(is_document_marker("#doc=17"));
  CHECK(is_document_marker("# doc ="));
  CHECK_FALSE(is_document_marker("# newdoc n1"));
  CHECK(is_document_marker("-DOCSTART- -X- O O"));
  CHECK(is_document_marker("# newdoc"));
  CHECK(is_document_marker("# newdoc id = n01"));
  CHECK_FALSE(is_document_marker("# document = 3"));
  CHECK_FALSE(is_document_marker("# doc"));
  CHECK_FALSE(is_document_marker("# sent_id = 3"));
  CHECK_FALSE(is_document_marker("#\tO"));  // a token "#"
  CHECK_FALSE(is_document_marker("doc = 1"));
}

TEST_CASE("document comments and their ids", "[stream]") {
  using ner::document_comment_id;
  CHECK(document_comment_id("# doc = part1:7") == std::optional<std::string>("part1:7"));
  CHECK(document_comment_id("#doc=x") == std::optional<std::string>("x"));
  CHECK(document_comment_id("# doc =") == std::optional<std::string>(""));
  CHECK_FALSE(document_comment_id("# docs = x"));
  CHECK_FALSE(document_comment_id("# sent_id = 3"));
  CHECK(document_comment_id("# newdoc") == std::optional<std::string>(""));
  CHECK(document_comment_id("# newdoc id = n1") == std::optional<std::string>("n1"));
  CHECK_FALSE(document_comment_id("# newdocs"));
  CHECK_FALSE(document_comment_id("# newdoc n1"));
}
