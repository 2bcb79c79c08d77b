#include "libner/train/training_log.h"

#include <cerrno>
#include <cstdio>
#include <sstream>
#include <vector>

#include "libner/io/error.h"

namespace ner {

std::string TrainingLog::header() { return "epoch\tloss\tdev_precision\tdev_recall\tdev_f1\tseconds\ttokens_per_s"; }

std::string TrainingLog::row(const EpochRecord& r) {
  char buf[256];
  auto fmt = [&](const char* f, double x) {
    std::snprintf(buf, sizeof buf, f, x);
    return std::string(buf);
  };
  std::string out = std::to_string(r.epoch) + "\t" + fmt("%.6f", r.loss);
  if (r.dev)
    out += "\t" + fmt("%.2f", r.dev->precision) + "\t" + fmt("%.2f", r.dev->recall) + "\t" + fmt("%.2f", r.dev->f1);
  else
    out += "\t-\t-\t-";
  out += "\t" + fmt("%.2f", r.seconds) + "\t" + fmt("%.0f", r.tokens_per_second);
  return out;
}

void TrainingLog::open(const std::string& path, bool resume, std::size_t completed_epochs) {
  path_ = path;
  if (path.empty()) return;
  std::vector<std::string> kept;
  if (resume) {
    std::ifstream in(path);
    std::string line;
    bool first = true;
    while (std::getline(in, line)) {
      if (first) {
        first = false;
        continue;  // the header, rewritten below
      }
      std::size_t epoch = 0;
      if (std::sscanf(line.c_str(), "%zu", &epoch) == 1 && epoch <= completed_epochs) kept.push_back(line);
    }
  }
  out_.open(path, std::ios::out | std::ios::trunc);
  if (!out_) throw Error(path, 0, "cannot write the log: " + errno_message(errno));
  out_ << header() << '\n';
  for (const auto& line : kept) out_ << line << '\n';
  out_.flush();
}

void TrainingLog::add(const EpochRecord& record) {
  if (path_.empty()) return;
  out_ << row(record) << '\n';
  out_.flush();
  if (!out_) throw Error(path_, 0, "cannot write the log");
}

}  // namespace ner
