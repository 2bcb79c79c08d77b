// ChineseBLUE's cMedQANER JSON lines (read only):
//   {"text": "...", "mention_data": [{"mention": "便秘", "type": "disease", "offset": "0", ...}]}
// An entity is [offset, offset + length of mention). The mentions may nest or overlap (BIO
// cannot hold them; see overlaps.h). In the published files 90 of 15,010 mentions do not match
// the text at their offset: 75 differ only in ASCII case (the text was lower-cased; they are kept
// where they are) and 15 are shifted by a character or two. A shifted mention is moved to the
// nearest place where its text occurs, and one whose text occurs nowhere is dropped; both are
// counted and reported.
#pragma once

#include "libner/format/json_lines.h"
#include "libner/format/tally.h"

namespace ner {

class CblueReader : public JsonLinesReader {
 public:
  using JsonLinesReader::JsonLinesReader;

  const Tally& moved() const { return moved_; }        // mentions moved to where their text is
  const Tally& unmatched() const { return unmatched_; }  // mentions dropped: their text is nowhere

 protected:
  void read(const nlohmann::json& record, Document& doc, const Origin& where) override;

 private:
  Tally moved_;
  Tally unmatched_;
};

}  // namespace ner
