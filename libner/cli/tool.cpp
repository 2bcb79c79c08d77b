#include "libner/cli/tool.h"

#include <csignal>
#include <cstdio>
#include <exception>
#include <new>

#include "libner/io/error.h"

namespace ner::cli {

Tool::Tool(const std::string& name, const std::string& description) : app_(description, name), log_(name) {
  app_.set_version_flag("--version", name + " (ner) " NER_VERSION);
  app_.add_flag("-q,--quiet", quiet_, "Print nothing on stderr but errors");
  app_.add_flag("-v,--verbose", verbose_, "Print more about what is done");
  app_.get_formatter()->column_width(30);
}

int Tool::run(int argc, char** argv, const std::function<int()>& body) {
  // A closed pipe (`| head`) ends the tool quietly, whatever the parent did with SIGPIPE.
  std::signal(SIGPIPE, SIG_DFL);
  try {
    app_.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    if (e.get_exit_code() == 0) return app_.exit(e);  // --help, --version
    log_.error(e.what());
    std::fprintf(stderr, "Run with --help for more information.\n");
    return 2;
  }
  log_.set_quiet(quiet_);
  log_.set_verbose(verbose_);
  try {
    return body();
  } catch (const UsageError& e) {
    log_.error(e.what());
    std::fprintf(stderr, "Run with --help for more information.\n");
    return 2;
  } catch (const Error& e) {
    log_.error(e.what());
  } catch (const std::bad_alloc&) {
    log_.error("out of memory");
  } catch (const std::exception& e) {
    log_.error(e.what());
  }
  return 1;
}

}  // namespace ner::cli
