// CLI plumbing shared by every sbomkit tool (see cli.h).
#include "cli.h"

#include <fcntl.h>
#include <signal.h>
#include <sys/stat.h>
#include <unistd.h>

#include <atomic>
#include <cerrno>
#include <cstdlib>
#include <cstring>
#include <ctime>
#include <iostream>

#include "sbom/cyclonedx.h"
#include "sbomkit_config.h"

namespace sbom::cli {

namespace {

// The temporary output file in progress, removed if SIGINT arrives before the rename.
char g_temp_path[4096];
std::atomic<bool> g_temp_active{false};

extern "C" void on_sigint(int) {
  if (g_temp_active.load()) ::unlink(g_temp_path);
  ::_exit(static_cast<int>(Exit::kInterrupted));
}

}  // namespace

std::string exit_status_help(std::string_view one_meaning) {
  std::string s = "Exit status:\n  0    success\n  1    ";
  s += one_meaning;
  s += "\n  2    usage, input or I/O error\n  130  interrupted (SIGINT)\n";
  return s;
}

Tool::Tool(std::string name) : name_(std::move(name)) {
  struct sigaction sa {};
  sa.sa_handler = on_sigint;
  sigemptyset(&sa.sa_mask);
  sigaction(SIGINT, &sa, nullptr);
  // A closed pipe shows up as EPIPE on write, handled quietly in finish().
  signal(SIGPIPE, SIG_IGN);
}

int Tool::fail(const Error& e) const {
  std::fprintf(stderr, "%s: error: %s\n", name_.c_str(), e.to_string().c_str());
  return static_cast<int>(Exit::kError);
}

int Tool::fail(std::string_view message) const { return fail(Error(std::string(message))); }

void Tool::warn(std::string_view message) const {
  std::fprintf(stderr, "%s: warning: %.*s\n", name_.c_str(), static_cast<int>(message.size()), message.data());
}

void Tool::warn(const Error& e) const { warn(e.to_string()); }

void Tool::setup_app(CLI::App& app, std::string footer_examples, std::string_view violation_meaning) const {
  app.name(name_);
  app.set_version_flag("--version", name_ + " (sbomkit) " SBOMKIT_VERSION);
  std::string footer;
  if (!footer_examples.empty()) footer += "Examples:\n" + footer_examples + "\n";
  footer += exit_status_help(violation_meaning);
  app.footer(footer);
  app.get_formatter()->column_width(34);
}

int Tool::parse(CLI::App& app, int argc, char** argv) const {
  try {
    app.parse(argc, argv);
  } catch (const CLI::CallForHelp&) {
    std::cout << app.help();
    return finish(static_cast<int>(Exit::kOk));
  } catch (const CLI::CallForVersion&) {
    std::cout << app.version() << "\n";
    return finish(static_cast<int>(Exit::kOk));
  } catch (const CLI::ParseError& e) {
    std::string msg = e.what();
    if (!msg.empty() && msg.back() == '\n') msg.pop_back();
    if (!msg.empty()) msg[0] = static_cast<char>(std::tolower(static_cast<unsigned char>(msg[0])));
    std::fprintf(stderr, "%s: error: %s\nTry '%s --help' for more information.\n", name_.c_str(), msg.c_str(), name_.c_str());
    return static_cast<int>(Exit::kError);
  }
  return -1;
}

Status Tool::write_output(const std::string& path, std::string_view content) const {
  return write_output(path, [&](const json::Sink& sink) { sink(content); });
}

Status Tool::write_output(const std::string& path, const std::function<void(const json::Sink&)>& produce) const {
  if (path.empty() || path == "-") {
    // After the first failed write the rest is dropped; a closed pipe (EPIPE) is not an error here
    // and finish() stays quiet about it too.
    int err = 0;
    produce([&](std::string_view piece) {
      if (err == 0 && std::fwrite(piece.data(), 1, piece.size(), stdout) != piece.size()) err = errno ? errno : EIO;
    });
    if (err != 0 && err != EPIPE) return Error(std::string("<stdout>: write error: ") + std::strerror(err));
    return Ok{};
  }
  std::string tmp = path + ".tmp.XXXXXX";
  if (tmp.size() >= sizeof g_temp_path) return Error(path + ": file name too long");
  std::memcpy(g_temp_path, tmp.c_str(), tmp.size() + 1);
  int fd = ::mkstemp(g_temp_path);
  if (fd < 0) return Error(path + ": cannot create temporary file: " + std::strerror(errno));
  g_temp_active = true;
  auto fail_with = [&](const char* what, int err) {
    ::close(fd);
    ::unlink(g_temp_path);
    g_temp_active = false;
    return Error(path + ": " + what + ": " + std::strerror(err));
  };
  int write_err = 0;
  produce([&](std::string_view piece) {
    std::size_t off = 0;
    while (write_err == 0 && off < piece.size()) {
      ssize_t n = ::write(fd, piece.data() + off, piece.size() - off);
      if (n < 0) {
        if (errno != EINTR) write_err = errno;
        continue;
      }
      off += static_cast<std::size_t>(n);
    }
  });
  if (write_err != 0) return fail_with("write error", write_err);
  // Same permissions a plain create would give (mkstemp makes 0600).
  mode_t mask = ::umask(0);
  ::umask(mask);
  ::fchmod(fd, 0666 & ~mask);
  if (::fsync(fd) != 0) return fail_with("fsync failed", errno);
  if (::close(fd) != 0) {
    int err = errno;
    ::unlink(g_temp_path);
    g_temp_active = false;
    return Error(path + ": close failed: " + std::strerror(err));
  }
  if (::rename(g_temp_path, path.c_str()) != 0) {
    int err = errno;
    ::unlink(g_temp_path);
    g_temp_active = false;
    return Error(path + ": cannot replace: " + std::strerror(err));
  }
  g_temp_active = false;
  return Ok{};
}

Status Tool::write_document(const std::string& path, const Document& doc) const {
  return write_output(path, [&](const json::Sink& sink) { cyclonedx::write_json(doc, sink); });
}

int Tool::finish(int status) const {
  std::cout.flush();
  bool bad = std::fflush(stdout) != 0 || std::ferror(stdout);
  int err = errno;
  if (std::fclose(stdout) != 0 && !bad) { bad = true; err = errno; }
  if (bad && err != EPIPE) {
    std::fprintf(stderr, "%s: error: <stdout>: write error: %s\n", name_.c_str(), std::strerror(err));
    return static_cast<int>(Exit::kError);
  }
  return status;
}

Expected<std::FILE*> open_input(const std::string& path, std::string& display) {
  if (path.empty() || path == "-") {
    display = "<stdin>";
    return stdin;
  }
  display = path;
  struct stat st {};
  if (::stat(path.c_str(), &st) == 0 && S_ISDIR(st.st_mode)) return Error(path + ": is a directory");
  std::FILE* f = std::fopen(path.c_str(), "rb");
  if (!f) return Error(path + ": cannot open: " + std::strerror(errno));
  return f;
}

Expected<Document> read_document(const std::string& path) {
  std::string name;
  auto f = open_input(path, name);
  if (!f) return std::move(f).error();
  auto doc = cyclonedx::read_json(*f, name);
  if (*f != stdin) std::fclose(*f);
  return doc;
}

Expected<InputDocument> read_document_and_text(const std::string& path) {
  std::string name;
  auto f = open_input(path, name);
  if (!f) return std::move(f).error();
  auto text = json::read_all(*f, name);
  if (*f != stdin) std::fclose(*f);
  if (!text) return std::move(text).error();
  auto doc = cyclonedx::read_json(text->view(), name);
  if (!doc) return std::move(doc).error();
  return InputDocument{std::move(*text), std::move(*doc)};
}

Expected<std::string> read_text(const std::string& path) {
  std::string name;
  auto f = open_input(path, name);
  if (!f) return std::move(f).error();
  std::string out;
  char buf[1 << 16];
  std::size_t n;
  while ((n = std::fread(buf, 1, sizeof buf, *f)) > 0) out.append(buf, n);
  bool err = std::ferror(*f);
  int saved = errno;
  if (*f != stdin) std::fclose(*f);
  if (err) return Error(name + ": read error: " + std::strerror(saved));
  return out;
}

std::int64_t now_epoch_seconds() {
  if (const char* s = std::getenv("SOURCE_DATE_EPOCH"); s && *s) {
    char* end = nullptr;
    long long v = std::strtoll(s, &end, 10);
    if (end && *end == '\0') return v;
  }
  return static_cast<std::int64_t>(std::time(nullptr));
}

}  // namespace sbom::cli
