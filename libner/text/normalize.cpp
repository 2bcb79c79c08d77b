#include "libner/text/normalize.h"

#include <utf8proc.h>

#include "libner/io/error.h"
#include "libner/io/utf8.h"

namespace ner {

namespace {

// Full-width forms (Unicode block Halfwidth and Fullwidth Forms, U+FF00-U+FFEF) to their ordinary
// counterparts: the mapping NFKC applies to them, without NFKC's other changes.
char32_t half_width(char32_t cp) {
  if (cp >= 0xFF01 && cp <= 0xFF5E) return cp - 0xFF01 + 0x21;
  switch (cp) {
    case 0xFF5F: return 0x2985;  // ｟
    case 0xFF60: return 0x2986;  // ｠
    case 0xFFE0: return 0xA2;    // ￠
    case 0xFFE1: return 0xA3;    // ￡
    case 0xFFE2: return 0xAC;    // ￢
    case 0xFFE3: return 0xAF;    // ￣
    case 0xFFE4: return 0xA6;    // ￤
    case 0xFFE5: return 0xA5;    // ￥
    case 0xFFE6: return 0x20A9;  // ￦
    default: return cp;
  }
}

// NFKC of one character: compatibility decomposition, canonical ordering, composition (UAX #15).
// Returns false when utf8proc cannot map it (it then stays as it is).
bool nfkc(char32_t cp, std::u32string& out) {
  std::string encoded;
  utf8::append(encoded, cp);
  utf8proc_int32_t buffer[64];
  const auto options = static_cast<utf8proc_option_t>(UTF8PROC_STABLE | UTF8PROC_COMPAT | UTF8PROC_DECOMPOSE);
  utf8proc_ssize_t n = utf8proc_decompose(reinterpret_cast<const utf8proc_uint8_t*>(encoded.data()),
                                          static_cast<utf8proc_ssize_t>(encoded.size()), buffer, 64, options);
  if (n < 0 || n > 64) return false;
  n = utf8proc_normalize_utf32(buffer, n, static_cast<utf8proc_option_t>(UTF8PROC_STABLE | UTF8PROC_COMPOSE));
  if (n < 0) return false;
  out.assign(buffer, buffer + n);
  return true;
}

bool is_separator(char32_t cp) { return is_separator_space(cp); }

}  // namespace

Normalization parse_normalization(std::string_view name) {
  if (name == "none") return Normalization::None;
  if (name == "nfkc") return Normalization::NFKC;
  if (name == "halfwidth") return Normalization::HalfWidth;
  throw UsageError("unknown normalization '" + std::string(name) + "' (none, nfkc, halfwidth)");
}

const char* normalization_name(Normalization form) {
  switch (form) {
    case Normalization::NFKC: return "nfkc";
    case Normalization::HalfWidth: return "halfwidth";
    default: return "none";
  }
}

void append_normalized(std::string& out, char32_t cp, Normalization form) {
  if (form == Normalization::None || !may_change(cp) || is_separator(cp)) {
    utf8::append(out, cp);
    return;
  }
  if (form == Normalization::HalfWidth) {
    const char32_t half = half_width(cp);
    utf8::append(out, is_separator(half) ? cp : half);
    return;
  }
  std::u32string form_cps;
  bool usable = nfkc(cp, form_cps) && !form_cps.empty();
  for (char32_t c : form_cps) usable = usable && !is_separator(c);
  if (!usable) {
    utf8::append(out, cp);
    return;
  }
  for (char32_t c : form_cps) utf8::append(out, c);
}

NormalizedText normalize(std::string_view text, Normalization form) {
  NormalizedText result;
  result.text.reserve(text.size());
  result.alignment.reserve(text.size());
  std::size_t index = 0;
  for (std::size_t i = 0; i < text.size(); ++index) {
    const char32_t cp = utf8::decode(text, i);
    append_normalized(result.text, cp, form);
    result.alignment.resize(result.text.size(), index);
  }
  return result;
}

}  // namespace ner
