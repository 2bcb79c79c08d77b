// The per-epoch log of ner-train (--log FILE): TSV with a header line, one row per epoch, written
// and flushed as each epoch ends so that `tail -f` and plots can follow a run.
//
//   epoch  loss  dev_precision  dev_recall  dev_f1  seconds  tokens_per_s
//
// loss is the mean training loss per sentence; dev scores are conlleval's percentages ("-" without
// --dev); seconds is the epoch's wall time (training and dev scoring); tokens_per_s counts the
// training tokens over the training time.
#pragma once

#include <cstddef>
#include <fstream>
#include <optional>
#include <string>

#include "libner/eval/entity_counter.h"

namespace ner {

struct EpochRecord {
  std::size_t epoch = 0;
  double loss = 0;
  std::optional<Scores> dev;
  double seconds = 0;
  double tokens_per_second = 0;
};

class TrainingLog {
 public:
  TrainingLog() = default;
  // Opens `path` ("" for no log). When resuming after `completed_epochs` epochs, the rows of
  // those epochs are kept and later ones (written after the checkpoint) dropped; otherwise the
  // file starts afresh.
  void open(const std::string& path, bool resume, std::size_t completed_epochs);
  void add(const EpochRecord& record);

  static std::string header();
  static std::string row(const EpochRecord& record);

 private:
  std::string path_;
  std::ofstream out_;
};

}  // namespace ner
