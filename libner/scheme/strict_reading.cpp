// ner::decode_strict: seqeval's strict mode (chakki-works/seqeval, seqeval/scheme.py:
// Tokens.entities and the start, inside and end patterns of each scheme).
//
// A token starts an entity when its prefix and its predecessor's match a start pattern of the
// scheme (IOB2: any B; IOBES: any B or S; IOB1: I after O, B after B or I of the same type, ...);
// the entity takes the tokens that follow while they match an inside pattern, and it counts only
// if the first token after it, with its last token, matches an end pattern (IOBES: the last token
// is E or S). So an ill-formed run makes no entity at all: `O I-PER` in IOB2, `B-PER I-PER O` in
// IOBES. BILOU and BMES read as IOBES (L and U are E and S, M is I). Its IOE1 tables start no
// entity with E after O, so a one-token IOE1 entity right before another of its type is missed;
// we keep that, so that ner-eval --strict agrees with seqeval.
#include "libner/scheme/scheme.h"

#include <initializer_list>

namespace ner {

namespace {

enum PrefixBit : unsigned { kI = 1, kO = 2, kB = 4, kE = 8, kS = 16, kAny = 31 };
enum class TypeRule { Any, Same, Diff };

struct Pattern {
  unsigned previous;  // PrefixBits the previous token's prefix may be
  unsigned current;
  TypeRule types;
};

struct Rules {
  std::initializer_list<Pattern> start, inside, end;
};

unsigned bit(char prefix) {
  switch (prefix) {
    case 'I': return kI;
    case 'B': return kB;
    case 'E': return kE;
    case 'S': return kS;
    default: return kO;
  }
}

// The pattern tables of seqeval/scheme.py, class by class.
const Rules& rules(Scheme scheme) {
  using T = TypeRule;
  static const Rules iob1{{{kO, kI, T::Any}, {kI, kI, T::Diff}, {kB, kI, T::Any}, {kI, kB, T::Same}, {kB, kB, T::Same}},
                          {{kB, kI, T::Same}, {kI, kI, T::Same}},
                          {{kI, kI, T::Diff}, {kI, kO, T::Any}, {kI, kB, T::Any}, {kB, kO, T::Any}, {kB, kI, T::Diff},
                           {kB, kB, T::Same}}};
  static const Rules iob2{{{kAny, kB, T::Any}},
                          {{kB, kI, T::Same}, {kI, kI, T::Same}},
                          {{kI, kO, T::Any}, {kI, kI, T::Diff}, {kI, kB, T::Any}, {kB, kO, T::Any}, {kB, kI, T::Diff},
                           {kB, kB, T::Any}}};
  static const Rules ioe1{{{kO, kI, T::Any}, {kI, kI, T::Diff}, {kE, kI, T::Any}, {kE, kE, T::Same}},
                          {{kI, kI, T::Same}, {kI, kE, T::Same}},
                          {{kI, kI, T::Diff}, {kI, kO, T::Any}, {kI, kE, T::Diff}, {kE, kI, T::Same}, {kE, kE, T::Same}}};
  static const Rules ioe2{{{kO, kI, T::Any}, {kO, kE, T::Any}, {kE, kI, T::Any}, {kE, kE, T::Any}, {kI, kI, T::Diff},
                           {kI, kE, T::Diff}},
                          {{kI, kE, T::Same}, {kI, kI, T::Same}},
                          {{kE, kAny, T::Any}}};
  static const Rules iobes{{{kAny, kB, T::Any}, {kAny, kS, T::Any}},
                           {{kB, kI, T::Same}, {kB, kE, T::Same}, {kI, kI, T::Same}, {kI, kE, T::Same}},
                           {{kS, kAny, T::Any}, {kE, kAny, T::Any}}};
  switch (scheme) {
    case Scheme::IOB1: return iob1;
    case Scheme::IOB2: return iob2;
    case Scheme::IOE1: return ioe1;
    case Scheme::IOE2: return ioe2;
    default: return iobes;
  }
}

bool matches(std::initializer_list<Pattern> patterns, const Tag& previous, const Tag& current) {
  for (const Pattern& p : patterns) {
    if (!(bit(previous.prefix) & p.previous) || !(bit(current.prefix) & p.current)) continue;
    if (p.types == TypeRule::Any) return true;
    if ((previous.type == current.type) == (p.types == TypeRule::Same)) return true;
  }
  return false;
}

}  // namespace

std::vector<Span> decode_strict(const std::vector<Tag>& tags, Scheme scheme) {
  const Rules& r = rules(scheme);
  // seqeval appends an O to the tokens, so that every entity has a token after it.
  const Tag outside;
  auto at = [&](std::size_t i) -> const Tag& { return i < tags.size() ? tags[i] : outside; };
  std::vector<Span> spans;
  std::size_t i = 0;
  while (i <= tags.size()) {
    const Tag& previous = i > 0 ? at(i - 1) : outside;
    if (!matches(r.start, previous, at(i))) {
      ++i;
      continue;
    }
    std::size_t end = i + 1;
    while (end <= tags.size() && matches(r.inside, at(end - 1), at(end))) ++end;
    if (matches(r.end, at(end - 1), at(end))) spans.push_back({i, end, at(i).type});
    i = end;
  }
  return spans;
}

}  // namespace ner
