// Removing a folder and everything in it, without std::filesystem::remove_all: the libtorch.so of
// PyTorch's pip wheels (2.11, found on the GPU machine) exports its own copy of that function,
// which the dynamic linker binds ahead of libstdc++'s in every torch-linked program, and that copy
// jumps to address 0 (a SIGSEGV in a test that removed a temporary folder).
#pragma once

#include <string>

namespace ner {

// Removes `path` and, if it is a folder, what it holds; symbolic links are removed, never
// followed. Returns false when something could not be removed (a missing `path` is not an error).
bool remove_tree(const std::string& path) noexcept;

}  // namespace ner
