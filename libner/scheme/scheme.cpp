#include "libner/scheme/scheme.h"

#include <algorithm>
#include <cctype>

#include "libner/io/error.h"

namespace ner {

Scheme parse_scheme(std::string_view name) {
  std::string n(name);
  for (auto& c : n) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  if (n == "iob1") return Scheme::IOB1;
  if (n == "iob2" || n == "bio") return Scheme::IOB2;
  if (n == "ioe1") return Scheme::IOE1;
  if (n == "ioe2" || n == "ioe") return Scheme::IOE2;
  if (n == "iobes" || n == "bioes") return Scheme::IOBES;
  if (n == "bilou") return Scheme::BILOU;
  if (n == "bmes") return Scheme::BMES;
  throw UsageError("unknown tagging scheme '" + std::string(name) +
                   "' (expected iob1, iob2, ioe1, ioe2, iobes, bilou or bmes)");
}

std::string scheme_name(Scheme scheme) {
  switch (scheme) {
    case Scheme::IOB1: return "iob1";
    case Scheme::IOB2: return "iob2";
    case Scheme::IOE1: return "ioe1";
    case Scheme::IOE2: return "ioe2";
    case Scheme::IOBES: return "iobes";
    case Scheme::BILOU: return "bilou";
    case Scheme::BMES: return "bmes";
  }
  return "?";
}

std::vector<std::string> scheme_names() { return {"iob1", "iob2", "ioe1", "ioe2", "iobes", "bilou", "bmes"}; }

Tag parse_tag(std::string_view label, char separator) {
  if (label == "O") return {};
  const auto sep = label.find(separator);
  if (sep == 1) {
    switch (label[0]) {
      case 'B': return {'B', std::string(label.substr(2))};
      case 'I': case 'M': return {'I', std::string(label.substr(2))};
      case 'E': case 'L': return {'E', std::string(label.substr(2))};
      case 'S': case 'U': return {'S', std::string(label.substr(2))};
      case 'O': return {};
      default: break;
    }
  }
  return {'I', std::string(label)};
}

std::vector<Tag> parse_tags(const std::vector<std::string>& labels, char separator) {
  std::vector<Tag> tags;
  tags.reserve(labels.size());
  for (const auto& l : labels) tags.push_back(parse_tag(l, separator));
  return tags;
}

std::string make_label(const Tag& tag, Scheme scheme, char separator) {
  if (tag.prefix == 'O') return "O";
  char p = tag.prefix;
  if (scheme == Scheme::BILOU) p = p == 'E' ? 'L' : p == 'S' ? 'U' : p;
  if (scheme == Scheme::BMES && p == 'I') p = 'M';
  std::string label(1, p);
  label += separator;
  label += tag.type;
  return label;
}

std::vector<Span> decode(const std::vector<Tag>& tags) {
  std::vector<Span> spans;
  bool open = false;  // an entity is open and may be continued by the next tag
  for (std::size_t i = 0; i < tags.size(); ++i) {
    const Tag& t = tags[i];
    if (t.prefix == 'O') {
      open = false;
      continue;
    }
    const bool continues = open && spans.back().type == t.type && (t.prefix == 'I' || t.prefix == 'E');
    if (continues) {
      spans.back().end = i + 1;
    } else {
      spans.push_back({i, i + 1, t.type});
    }
    open = t.prefix == 'B' || t.prefix == 'I';
  }
  return spans;
}

std::vector<Span> decode(const std::vector<std::string>& labels, char separator) {
  return decode(parse_tags(labels, separator));
}

bool uses_prefix(Scheme scheme, char p) {
  switch (scheme) {
    case Scheme::IOB1: case Scheme::IOB2: return p == 'B' || p == 'I' || p == 'O';
    case Scheme::IOE1: case Scheme::IOE2: return p == 'E' || p == 'I' || p == 'O';
    default: return true;
  }
}

bool allowed_transition(const std::optional<Tag>& from, const std::optional<Tag>& to, Scheme scheme) {
  if (to && !uses_prefix(scheme, to->prefix)) return false;
  if (from && !uses_prefix(scheme, from->prefix)) return false;
  const char fp = from ? from->prefix : 'O';
  const char tp = to ? to->prefix : 'O';
  const bool same = from && to && from->type == to->type;
  switch (scheme) {
    case Scheme::IOB2:
      return tp != 'I' || ((fp == 'B' || fp == 'I') && same);
    case Scheme::IOB1:
      return tp != 'B' || ((fp == 'B' || fp == 'I') && same);
    case Scheme::IOE2:
      // An I-X run must be closed by E-X.
      if (fp == 'I') return (tp == 'I' || tp == 'E') && same;
      return true;
    case Scheme::IOE1:
      // E-X only ends an entity that another of type X follows at once.
      if (fp == 'E') return (tp == 'I' || tp == 'E') && same;
      return true;
    case Scheme::IOBES: case Scheme::BILOU: case Scheme::BMES:
      if (fp == 'B' || fp == 'I') return (tp == 'I' || tp == 'E') && same;
      return tp != 'I' && tp != 'E';
  }
  return false;
}

std::size_t find_ill_formed(const std::vector<Tag>& tags, Scheme scheme) {
  std::optional<Tag> prev;
  for (std::size_t i = 0; i < tags.size(); ++i) {
    if (!allowed_transition(prev, tags[i], scheme)) return i;
    prev = tags[i];
  }
  if (prev && !allowed_transition(prev, std::nullopt, scheme)) return tags.size() - 1;
  return tags.size();
}

std::vector<std::string> encode(const std::vector<Span>& spans, std::size_t n, Scheme scheme, char separator) {
  std::vector<Tag> tags(n);
  for (std::size_t k = 0; k < spans.size(); ++k) {
    const Span& s = spans[k];
    const bool after_same = k > 0 && spans[k - 1].end == s.begin && spans[k - 1].type == s.type;
    const bool before_same = k + 1 < spans.size() && spans[k + 1].begin == s.end && spans[k + 1].type == s.type;
    for (std::size_t i = s.begin; i < s.end; ++i) tags[i] = {'I', s.type};
    switch (scheme) {
      case Scheme::IOB1:
        if (after_same) tags[s.begin].prefix = 'B';
        break;
      case Scheme::IOB2:
        tags[s.begin].prefix = 'B';
        break;
      case Scheme::IOE1:
        if (before_same) tags[s.end - 1].prefix = 'E';
        break;
      case Scheme::IOE2:
        tags[s.end - 1].prefix = 'E';
        break;
      default:
        if (s.end - s.begin == 1) {
          tags[s.begin].prefix = 'S';
        } else {
          tags[s.begin].prefix = 'B';
          tags[s.end - 1].prefix = 'E';
        }
    }
  }
  std::vector<std::string> labels;
  labels.reserve(n);
  for (const auto& t : tags) labels.push_back(make_label(t, scheme, separator));
  return labels;
}

std::vector<std::string> respell(const std::vector<std::string>& labels, Scheme scheme, char separator) {
  return encode(decode(labels, separator), labels.size(), scheme, separator);
}

}  // namespace ner
