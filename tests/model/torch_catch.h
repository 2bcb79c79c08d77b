// Include this first in a test that uses LibTorch. Debian's LibTorch logs through glog, whose
// CHECK(condition) macro would silently replace Catch's CHECK (and abort the run on a failed
// check instead of reporting it). Torch comes first, its CHECK is dropped, then Catch defines its
// own; torch's include guards keep later includes from bringing glog's back.
#pragma once

#include <torch/torch.h>

#undef CHECK

#include <catch2/catch.hpp>
