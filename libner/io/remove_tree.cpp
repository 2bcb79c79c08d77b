#include "libner/io/remove_tree.h"

#include <cerrno>
#include <cstdio>
#include <ftw.h>
#include <sys/stat.h>

namespace ner {

namespace {

int remove_entry(const char* path, const struct stat*, int, struct FTW*) {
  return std::remove(path) == 0 || errno == ENOENT ? 0 : -1;
}

}  // namespace

bool remove_tree(const std::string& path) noexcept {
  struct stat st;
  if (::lstat(path.c_str(), &st) != 0) return errno == ENOENT;
  // FTW_DEPTH: a folder's entries before the folder; FTW_PHYS: links themselves, not their targets.
  constexpr int kOpenFolders = 16;
  return ::nftw(path.c_str(), remove_entry, kOpenFolders, FTW_DEPTH | FTW_PHYS) == 0;
}

}  // namespace ner
