#include "libner/bert/wordpiece.h"

#include <stdexcept>

#include <utf8proc.h>

#include "libner/io/error.h"
#include "libner/io/input.h"
#include "libner/io/utf8.h"

namespace ner::bert {

// ---- vocabulary ---------------------------------------------------------------------------------

Vocab::Vocab(std::vector<std::string> pieces) : pieces_(std::move(pieces)) {
  ids_.reserve(pieces_.size());
  for (std::size_t i = 0; i < pieces_.size(); ++i) ids_[pieces_[i]] = static_cast<std::int32_t>(i);
}

Vocab Vocab::read(const std::string& path) {
  LineReader in(path);
  std::vector<std::string> pieces;
  std::string_view line;
  while (in.next(line)) pieces.emplace_back(line);
  if (pieces.empty()) throw Error(path, 0, "the vocabulary is empty");
  return Vocab(std::move(pieces));
}

std::int32_t Vocab::find(const std::string& piece) const {
  auto it = ids_.find(piece);
  return it == ids_.end() ? -1 : it->second;
}

std::int32_t Vocab::require(const std::string& piece) const {
  const auto id = find(piece);
  if (id < 0) throw std::invalid_argument("the vocabulary has no \"" + piece + "\"");
  return id;
}

// ---- options -------------------------------------------------------------------------------------

void to_json(nlohmann::json& j, const WordPieceOptions& o) {
  j = {{"do_lower_case", o.do_lower_case},
       {"strip_accents", o.strip_accents ? nlohmann::json(*o.strip_accents) : nlohmann::json()},
       {"tokenize_chinese_chars", o.tokenize_chinese_chars},
       {"max_input_chars_per_word", o.max_input_chars_per_word},
       {"unk_token", o.unk_token},
       {"cls_token", o.cls_token},
       {"sep_token", o.sep_token},
       {"pad_token", o.pad_token}};
}

void from_json(const nlohmann::json& j, WordPieceOptions& o) {
  o = WordPieceOptions{};
  o.do_lower_case = j.value("do_lower_case", o.do_lower_case);
  if (auto it = j.find("strip_accents"); it != j.end() && it->is_boolean()) o.strip_accents = it->get<bool>();
  o.tokenize_chinese_chars = j.value("tokenize_chinese_chars", o.tokenize_chinese_chars);
  o.max_input_chars_per_word = j.value("max_input_chars_per_word", o.max_input_chars_per_word);
  o.unk_token = j.value("unk_token", o.unk_token);
  o.cls_token = j.value("cls_token", o.cls_token);
  o.sep_token = j.value("sep_token", o.sep_token);
  o.pad_token = j.value("pad_token", o.pad_token);
}

// ---- character classes ----------------------------------------------------------------------------

bool is_bert_whitespace(char32_t cp) {
  // tokenizers counts TAB/LF/CR as whitespace and otherwise uses char::is_whitespace; the C0/C1
  // controls among those (VT, FF, U+0085) were removed as controls before this is asked.
  if (cp == ' ' || cp == '\t' || cp == '\n' || cp == '\r' || cp == 0x2028 || cp == 0x2029) return true;
  return utf8proc_category(static_cast<utf8proc_int32_t>(cp)) == UTF8PROC_CATEGORY_ZS;
}

bool is_bert_control(char32_t cp) {
  if (cp == '\t' || cp == '\n' || cp == '\r') return false;
  switch (utf8proc_category(static_cast<utf8proc_int32_t>(cp))) {
    case UTF8PROC_CATEGORY_CC:
    case UTF8PROC_CATEGORY_CF:
    case UTF8PROC_CATEGORY_CO:
    case UTF8PROC_CATEGORY_CS:
    case UTF8PROC_CATEGORY_CN:
      return true;
    default:
      return false;
  }
}

bool is_bert_punctuation(char32_t cp) {
  // All non-alphanumeric ASCII counts, "^", "$" and "`" included, although Unicode calls them symbols.
  if ((cp >= 33 && cp <= 47) || (cp >= 58 && cp <= 64) || (cp >= 91 && cp <= 96) || (cp >= 123 && cp <= 126))
    return true;
  switch (utf8proc_category(static_cast<utf8proc_int32_t>(cp))) {
    case UTF8PROC_CATEGORY_PC:
    case UTF8PROC_CATEGORY_PD:
    case UTF8PROC_CATEGORY_PS:
    case UTF8PROC_CATEGORY_PE:
    case UTF8PROC_CATEGORY_PI:
    case UTF8PROC_CATEGORY_PF:
    case UTF8PROC_CATEGORY_PO:
      return true;
    default:
      return false;
  }
}

bool is_cjk_ideograph(char32_t cp) {
  // The CJK Unified Ideographs blocks and extensions A-E plus the compatibility ideographs, as in
  // BasicTokenizer._is_chinese_char; Japanese kana and Hangul are deliberately not included.
  return (cp >= 0x4E00 && cp <= 0x9FFF) || (cp >= 0x3400 && cp <= 0x4DBF) || (cp >= 0x20000 && cp <= 0x2A6DF) ||
         (cp >= 0x2A700 && cp <= 0x2B73F) || (cp >= 0x2B740 && cp <= 0x2B81F) || (cp >= 0x2B820 && cp <= 0x2CEAF) ||
         (cp >= 0xF900 && cp <= 0xFAFF) || (cp >= 0x2F800 && cp <= 0x2FA1F);
}

namespace {

// The stream format's rule (see libner/text/tokenizer.h): these characters can never be a token.
bool is_separator_space(char32_t cp) { return cp <= 0x20; }

}  // namespace

// ---- the tokenizer ---------------------------------------------------------------------------------

WordPieceTokenizer::WordPieceTokenizer(Vocab vocab, WordPieceOptions options)
    : vocab_(std::move(vocab)), options_(std::move(options)) {
  strip_accents_ = options_.strip_accents.value_or(options_.do_lower_case);
  unk_id_ = vocab_.require(options_.unk_token);
  cls_id_ = vocab_.require(options_.cls_token);
  sep_id_ = vocab_.require(options_.sep_token);
  pad_id_ = vocab_.require(options_.pad_token);
}

std::vector<WordPieceTokenizer::NormChar> WordPieceTokenizer::normalize(std::string_view text) const {
  std::vector<NormChar> out;
  out.reserve(text.size());
  std::uint32_t origin = 0;
  for (std::size_t i = 0; i < text.size(); ++origin) {
    const char32_t cp = utf8::decode(text, i);
    if (cp == 0 || cp == 0xFFFD || is_bert_control(cp)) continue;
    if (is_bert_whitespace(cp)) {
      out.push_back({U' ', origin});
      continue;
    }
    if (options_.tokenize_chinese_chars && is_cjk_ideograph(cp)) {
      out.push_back({U' ', origin});
      out.push_back({cp, origin});
      out.push_back({U' ', origin});
      continue;
    }
    utf8proc_int32_t decomposed[16];
    utf8proc_ssize_t n = 1;
    decomposed[0] = static_cast<utf8proc_int32_t>(cp);
    if (strip_accents_) {
      int boundclass = 0;
      n = utf8proc_decompose_char(decomposed[0], decomposed, 16, UTF8PROC_DECOMPOSE, &boundclass);
      if (n < 0 || n > 16) {  // no canonical decomposition is that long; keep the character
        n = 1;
        decomposed[0] = static_cast<utf8proc_int32_t>(cp);
      }
    }
    for (utf8proc_ssize_t k = 0; k < n; ++k) {
      const auto c = decomposed[k];
      if (strip_accents_ && utf8proc_category(c) == UTF8PROC_CATEGORY_MN) continue;
      if (!options_.do_lower_case) {
        out.push_back({static_cast<char32_t>(c), origin});
      } else if (c == 0x130) {
        // The one unconditional full lower-case mapping of more than one character (SpecialCasing.txt):
        // İ → i + combining dot above, which str.lower() and char::to_lowercase produce.
        out.push_back({U'i', origin});
        out.push_back({U'\u0307', origin});
      } else {
        out.push_back({static_cast<char32_t>(utf8proc_tolower(c)), origin});
      }
    }
  }
  return out;
}

void WordPieceTokenizer::word_pieces(const NormChar* begin, const NormChar* end, std::vector<WordPiece>& out) const {
  const std::size_t n = static_cast<std::size_t>(end - begin);
  if (n == 0) return;
  auto unknown = [&] { out.push_back({options_.unk_token, unk_id_, begin->origin, (end - 1)->origin + 1u}); };
  if (n > options_.max_input_chars_per_word) return unknown();
  std::string word;
  std::vector<std::size_t> at;  // byte offset of each character in `word`, plus the end
  for (const NormChar* c = begin; c != end; ++c) {
    at.push_back(word.size());
    utf8::append(word, c->cp);
  }
  at.push_back(word.size());
  const std::size_t first = out.size();
  std::string candidate;
  for (std::size_t start = 0; start < n;) {
    std::size_t stop = n;
    std::int32_t id = -1;
    for (; stop > start; --stop) {
      candidate.assign(start > 0 ? "##" : "");
      candidate.append(word, at[start], at[stop] - at[start]);
      id = vocab_.find(candidate);
      if (id >= 0) break;
    }
    if (id < 0) {
      out.resize(first);
      return unknown();
    }
    out.push_back({candidate, id, begin[start].origin, begin[stop - 1].origin + 1u});
    start = stop;
  }
}

std::vector<WordPiece> WordPieceTokenizer::tokenize(std::string_view text) const {
  const auto chars = normalize(text);
  std::vector<WordPiece> out;
  const NormChar* word = nullptr;  // start of the current word
  for (const NormChar& c : chars) {
    if (c.cp == U' ') {  // after normalize, the only whitespace left is U+0020
      if (word) word_pieces(word, &c, out);
      word = nullptr;
    } else if (is_bert_punctuation(c.cp)) {
      if (word) word_pieces(word, &c, out);
      word_pieces(&c, &c + 1, out);
      word = nullptr;
    } else if (!word) {
      word = &c;
    }
  }
  if (word) word_pieces(word, chars.data() + chars.size(), out);
  return out;
}

BertInput WordPieceTokenizer::encode(std::string_view text) const {
  BertInput in;
  in.ids.push_back(cls_id_);
  in.offsets.emplace_back(0, 0);
  for (auto& p : tokenize(text)) {
    in.ids.push_back(p.id);
    in.offsets.emplace_back(p.start, p.end);
  }
  in.ids.push_back(sep_id_);
  in.offsets.emplace_back(0, 0);
  return in;
}

std::int32_t WordPieceTokenizer::token_id(std::string_view token) const {
  const auto pieces = tokenize(token);
  return pieces.size() == 1 ? pieces.front().id : unk_id_;
}

BertInput WordPieceTokenizer::encode_chars(std::string_view text) const {
  BertInput in;
  in.ids.push_back(cls_id_);
  in.offsets.emplace_back(0, 0);
  std::size_t origin = 0;
  for (std::size_t i = 0; i < text.size(); ++origin) {
    const std::size_t from = i;
    const char32_t cp = utf8::decode(text, i);
    if (is_separator_space(cp)) continue;
    in.ids.push_back(token_id(text.substr(from, i - from)));
    in.offsets.emplace_back(origin, origin + 1);
  }
  in.ids.push_back(sep_id_);
  in.offsets.emplace_back(0, 0);
  return in;
}

BertInput WordPieceTokenizer::encode_tokens(const std::vector<std::string>& tokens, bool one_position_per_token) const {
  BertInput in;
  in.ids.push_back(cls_id_);
  in.offsets.emplace_back(0, 0);
  for (std::size_t k = 0; k < tokens.size(); ++k) {
    in.first_piece.push_back(in.ids.size());
    if (one_position_per_token) {
      in.ids.push_back(token_id(tokens[k]));
      in.offsets.emplace_back(k, k + 1);
      continue;
    }
    const auto pieces = tokenize(tokens[k]);
    if (pieces.empty()) {
      in.ids.push_back(unk_id_);
      in.offsets.emplace_back(k, k + 1);
    }
    for (const auto& p : pieces) {
      in.ids.push_back(p.id);
      in.offsets.emplace_back(k, k + 1);
    }
  }
  in.ids.push_back(sep_id_);
  in.offsets.emplace_back(0, 0);
  return in;
}

}  // namespace ner::bert
