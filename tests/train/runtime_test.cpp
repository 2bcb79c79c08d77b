// The CPU thread helpers: every piece once, errors carried back, the caller's modes carried along.
#include "tests/model/torch_catch.h"

#include <atomic>
#include <chrono>
#include <stdexcept>
#include <thread>
#include <vector>

#include "libner/train/runtime.h"

TEST_CASE("for_each_in_parallel calls the body once for each index", "[train][runtime]") {
  ner::set_torch_piece_threads(3);
  for (int tasks : {0, 1, 2, 3, 8}) {
    for (std::size_t count : {0, 1, 2, 5, 100}) {
      INFO(tasks << " tasks, " << count << " pieces");
      std::vector<std::atomic<int>> calls(count);
      ner::for_each_in_parallel(count, tasks, [&](std::size_t i) { ++calls.at(i); });
      for (std::size_t i = 0; i < count; ++i) CHECK(calls[i] == 1);
    }
  }
}

TEST_CASE("for_each_in_parallel rethrows a body's exception once every task has stopped", "[train][runtime]") {
  ner::set_torch_piece_threads(3);
  for (int tasks : {1, 3}) {
    INFO(tasks << " tasks");
    std::atomic<int> started{0}, finished{0};
    const auto body = [&](std::size_t i) {
      ++started;
      if (i == 7) {
        ++finished;
        throw std::runtime_error("piece 7");
      }
      std::this_thread::sleep_for(std::chrono::milliseconds(1));
      ++finished;
    };
    CHECK_THROWS_WITH(ner::for_each_in_parallel(50, tasks, body), "piece 7");
    CHECK(started == finished);  // no body still runs when the call has returned
    CHECK(started < 50);         // and the others stopped taking pieces
  }
}

TEST_CASE("for_each_in_parallel carries inference mode and autocast to its tasks", "[train][runtime]") {
  ner::set_torch_piece_threads(3);
  c10::InferenceMode inference;
  std::atomic<int> in_inference_mode{0};
  ner::for_each_in_parallel(40, 3, [&](std::size_t) {
    const auto t = torch::ones({2}) * 2;  // made here: an inference tensor only under inference mode
    if (c10::InferenceMode::is_enabled() && t.is_inference()) ++in_inference_mode;
  });
  CHECK(in_inference_mode == 40);
}
