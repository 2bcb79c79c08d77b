#include <catch2/catch.hpp>

#include "libner/stream/sentence.h"

// ner-split and ner-eval (both of its layouts) agree on where a document starts.
TEST_CASE("document markers", "[stream]") {
  using ner::is_document_marker;
  CHECK(is_document_marker("# doc = 17"));
  CHECK(is_document_marker("#doc=17"));
  CHECK(is_document_marker("-DOCSTART- -X- O O"));
  CHECK(is_document_marker("# newdoc"));
  CHECK(is_document_marker("# newdoc id = n01"));
  CHECK_FALSE(is_document_marker("# document = 3"));
  CHECK_FALSE(is_document_marker("# doc"));
  CHECK_FALSE(is_document_marker("# sent_id = 3"));
  CHECK_FALSE(is_document_marker("#\tO"));  // a token "#"
  CHECK_FALSE(is_document_marker("doc = 1"));
}
