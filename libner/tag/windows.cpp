#include "libner/tag/windows.h"

#include <algorithm>
#include <stdexcept>

namespace ner {

std::vector<TokenWindow> make_windows(std::size_t length, std::size_t window, std::size_t stride) {
  if (window == 0) throw std::invalid_argument("the window must hold at least one token");
  if (stride == 0 || stride > window)
    throw std::invalid_argument("the stride must be between 1 and the window (" + std::to_string(window) + ")");
  if (length <= window) return {{0, length}};
  std::vector<TokenWindow> out;
  for (std::size_t begin = 0;; begin += stride) {
    if (begin + window >= length) {
      out.push_back({length - window, length});
      break;
    }
    out.push_back({begin, begin + window});
  }
  return out;
}

std::vector<std::size_t> central_windows(const std::vector<TokenWindow>& windows, std::size_t length) {
  std::vector<std::size_t> owner(length, 0);
  std::vector<std::ptrdiff_t> best(length, -1);
  for (std::size_t w = 0; w < windows.size(); ++w) {
    const auto& win = windows[w];
    for (std::size_t i = win.begin; i < std::min(win.end, length); ++i) {
      const auto context = static_cast<std::ptrdiff_t>(std::min(i - win.begin, win.end - 1 - i));
      if (context > best[i]) {
        best[i] = context;
        owner[i] = w;
      }
    }
  }
  for (std::size_t i = 0; i < length; ++i)
    if (best[i] < 0) throw std::invalid_argument("token " + std::to_string(i) + " is in no window");
  return owner;
}

}  // namespace ner
