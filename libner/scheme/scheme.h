// Tagging schemes: how a sequence of labels encodes entity spans, and back.
//
// Internally a label is a Tag: a position prefix normalised to one of B I E S O and an entity
// type. The schemes differ in which prefixes they use and how:
//   IOB1   I-X inside; B-X only to start an entity right after another of the same type (CoNLL-2003)
//   IOB2   B-X first token, I-X the rest ("BIO")
//   IOE1   I-X inside; E-X only to end an entity right before another of the same type
//   IOE2   I-X inside, E-X last token
//   IOBES  B-X first, I-X inside, E-X last, S-X single-token
//   BILOU  IOBES spelled B I L O U
//   BMES   IOBES spelled B M E S (Resume NER)
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace ner {

enum class Scheme { IOB1, IOB2, IOE1, IOE2, IOBES, BILOU, BMES };

// Accepts iob1, iob2 (bio), ioe1, ioe2 (ioe), iobes (bioes), bilou, bmes; case-insensitive.
// Throws UsageError on anything else.
Scheme parse_scheme(std::string_view name);
std::string scheme_name(Scheme scheme);
std::vector<std::string> scheme_names();  // the canonical names, for --help and completions

struct Tag {
  char prefix = 'O';  // B I E S O
  std::string type;   // empty for O
  bool operator==(const Tag& o) const { return prefix == o.prefix && type == o.type; }
};

// "B-PER" -> {B, PER}; "O" -> {O, ""}. The separator is configurable ("B_disease" with '_').
// BILOU's L and U read as E and S, BMES's M as I. A label without a separator but "O" (an IO
// corpus: "PER") reads as I with that type.
Tag parse_tag(std::string_view label, char separator = '-');

// Spells a tag in a scheme's letters: make_label({'E',"X"}, BILOU) == "L-X".
std::string make_label(const Tag& tag, Scheme scheme, char separator = '-');

// An entity over the tokens [begin, end) of a sentence.
struct Span {
  std::size_t begin = 0;
  std::size_t end = 0;
  std::string type;
  bool operator==(const Span& o) const { return begin == o.begin && end == o.end && type == o.type; }
  bool operator<(const Span& o) const {
    return begin != o.begin ? begin < o.begin : end != o.end ? end < o.end : type < o.type;
  }
};

// Reads entities from labels of any scheme, the way conlleval reads them: an I-X or E-X that
// does not continue an entity of type X starts one, a change of type ends one, B and S start one,
// E and S end one. Ill-formed sequences therefore still give entities; this is also the repair.
std::vector<Span> decode(const std::vector<Tag>& tags);
std::vector<Span> decode(const std::vector<std::string>& labels, char separator = '-');

// Reads entities strictly, as seqeval's strict mode does (strict_reading.cpp): only the sequences
// that `scheme` allows make entities; an ill-formed run (I-X after O in IOB2, B-X not closed by
// E-X in IOBES) makes none. Tags whose prefix the scheme does not use (see uses_prefix) belong to
// no entity.
std::vector<Span> decode_strict(const std::vector<Tag>& tags, Scheme scheme);

// Whether `scheme` spells entities with this (normalised) prefix: IOB1/IOB2 use B I O, IOE1/IOE2
// E I O, the others all five.
bool uses_prefix(Scheme scheme, char prefix);

// Labels for `n` tokens holding `spans` (sorted, non-overlapping) in `scheme`.
std::vector<std::string> encode(const std::vector<Span>& spans, std::size_t n, Scheme scheme,
                                char separator = '-');

// The entities of `labels` (read by decode) spelled in `scheme`; ill-formed runs come out repaired.
std::vector<std::string> respell(const std::vector<std::string>& labels, Scheme scheme, char separator = '-');

// Whether `to` may follow `from` in a well-formed sequence of `scheme`. An empty optional stands
// for the sentence boundary: `from` empty asks whether `to` may start a sentence, `to` empty
// whether `from` may end one. The CRF uses this for its hard constraints.
bool allowed_transition(const std::optional<Tag>& from, const std::optional<Tag>& to, Scheme scheme);

// Index of the first tag that is ill-formed under `scheme` (its prefix is not one the scheme
// uses, or it may not follow its predecessor), or tags.size() when all are well-formed. A sequence
// that may not end where it does reports tags.size() - 1.
std::size_t find_ill_formed(const std::vector<Tag>& tags, Scheme scheme);

std::vector<Tag> parse_tags(const std::vector<std::string>& labels, char separator = '-');

}  // namespace ner
