// CLI plumbing shared by every sbomkit tool (see cli.h).
#include "cli.h"
#include "sbom/text.h"

#include <fcntl.h>
#include <signal.h>
#include <sys/prctl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <charconv>
#include <cstdint>
#include <cerrno>
#include <cstdlib>
#include <cstring>
#include <deque>
#include <ctime>
#include <thread>
#include <exception>
#include <new>
#include <iostream>

#include "sbom/format.h"
#include "sbomkit_config.h"

namespace sbom::cli {

namespace {

// The temporary output files in progress, removed if SIGINT arrives before their rename. One
// slot per file written at once (sbom-gate writes its reports side by side); a slot is free (0),
// claimed while its name is made (1), or names a file to remove (2).
constexpr std::size_t kTempSlots = 64;
struct TempSlot {
  char path[4096];
  std::atomic<int> state{0};
};
TempSlot g_temp[kTempSlots];

// Async-signal-safe: atomics and unlink only.
void unlink_temps() {
  for (auto& t : g_temp)
    if (t.state.load() == 2) ::unlink(t.path);
}

extern "C" void on_sigint(int) {
  unlink_temps();
  ::_exit(Exit::kInterrupted);
}

// The one line for running out of memory, made before it is needed: the handler must not
// allocate.
char g_oom_line[256];
std::size_t g_oom_size = 0;

// Out of memory anywhere, in any thread (sbom/parallel.h's workers too): one line, exit 2. A
// new-handler runs where the allocation failed, before anything unwinds, so no thread's
// std::terminate gets to print its two lines and abort.
[[noreturn]] void on_out_of_memory() {
  unlink_temps();
  ssize_t ignored = ::write(STDERR_FILENO, g_oom_line, g_oom_size);
  (void)ignored;
  ::_exit(Exit::kError);
}

std::string g_tool_name;

// The one warning sink of the process (Tool::diagnostics): the tool's name, then the warning.
const Diagnostics& stderr_diagnostics() {
  static const Diagnostics to_stderr([](const Diagnostic& d) {
    std::fprintf(stderr, "%s: warning: %s\n", g_tool_name.c_str(), d.to_string().c_str());
  });
  return to_stderr;
}

// Any other exception that escapes (from main or a worker thread): one line, exit 2, instead of
// std::terminate's message and a core dump.
[[noreturn]] void on_terminate() {
  unlink_temps();
  std::string what = "internal error";
  if (auto e = std::current_exception()) {
    try {
      std::rethrow_exception(e);
    } catch (const std::bad_alloc&) {
      on_out_of_memory();
    } catch (const std::exception& x) {
      what = std::string("internal error: ") + x.what();
    } catch (...) {
    }
  }
  std::fprintf(stderr, "%s: error: %s\n", g_tool_name.c_str(), what.c_str());
  ::_exit(Exit::kError);
}

}  // namespace

std::string exit_status_help(std::string_view one_meaning, std::string_view two_also) {
  std::string s = "Exit status:\n  0    success\n  1    ";
  s += one_meaning;
  s += "\n  2    usage, input or I/O error";
  if (!two_also.empty()) {
    s += "; ";
    s += two_also;
  }
  s += "\n  130  interrupted (SIGINT)\n";
  return s;
}

namespace {

constexpr const char* kTunables = "GLIBC_TUNABLES";
constexpr const char* kHugeTlb = "glibc.malloc.hugetlb";
// Set for the second start only: the GLIBC_TUNABLES the user had ("-" for none), restored then.
constexpr const char* kTunablesWere = "SBOMKIT_GLIBC_TUNABLES_WERE";

// Whether the kernel's transparent huge pages are in "madvise" mode: in "always" the heap has them
// already, in "never" asking cannot get them.
bool huge_pages_on_request() {
  std::FILE* f = std::fopen("/sys/kernel/mm/transparent_hugepage/enabled", "r");
  if (!f) return false;
  char buf[128] = {};
  std::size_t n = std::fread(buf, 1, sizeof buf - 1, f);
  std::fclose(f);
  return std::string_view(buf, n).find("[madvise]") != std::string_view::npos;
}

void start_with_huge_pages(char** argv) {
  if (const char* were = std::getenv(kTunablesWere)) {  // the second start: restore the first's
    std::string was = were;
    if (was == "-") ::unsetenv(kTunables);
    else ::setenv(kTunables, was.c_str(), 1);
    ::unsetenv(kTunablesWere);
    // The kernel named the process after the file executed, "exe": its name again (ps, pgrep, top).
    if (argv && argv[0]) {
      std::string_view base = argv[0];
      base = base.substr(base.rfind('/') + 1);
      std::string comm(base.substr(0, 15));
      ::prctl(PR_SET_NAME, comm.c_str(), 0, 0, 0);
    }
    return;
  }
  if (!argv || !argv[0]) return;
  if (const char* off = std::getenv("SBOMKIT_HUGE_PAGES"); off && std::string_view(off) == "0") return;
  const char* tunables = std::getenv(kTunables);
  if (tunables && std::string_view(tunables).find(kHugeTlb) != std::string_view::npos) return;
  if (!huge_pages_on_request()) return;
  // Under valgrind the program run again would run outside it.
  if (const char* pre = std::getenv("LD_PRELOAD"); pre && std::string_view(pre).find("vgpreload") != std::string_view::npos) return;
  std::string with = tunables && *tunables ? std::string(tunables) + ":" + kHugeTlb + "=1" : std::string(kHugeTlb) + "=1";
  if (::setenv(kTunablesWere, tunables ? tunables : "-", 1) != 0 || ::setenv(kTunables, with.c_str(), 1) != 0) return;
  ::execv("/proc/self/exe", argv);
  // Not run again (no /proc, the program file replaced): on as started, without them.
  if (tunables) ::setenv(kTunables, tunables, 1);
  else ::unsetenv(kTunables);
  ::unsetenv(kTunablesWere);
}

}  // namespace

Tool::Tool(std::string name, char** argv) : Tool((start_with_huge_pages(argv), std::move(name))) {}

Tool::Tool(std::string name) : name_(std::move(name)) {
  g_tool_name = name_;
  int n = std::snprintf(g_oom_line, sizeof g_oom_line, "%s: error: out of memory\n", name_.c_str());
  g_oom_size = n > 0 ? std::min(static_cast<std::size_t>(n), sizeof g_oom_line - 1) : 0;
  std::set_new_handler(on_out_of_memory);
  std::set_terminate(on_terminate);
  struct sigaction sa {};
  sa.sa_handler = on_sigint;
  sigemptyset(&sa.sa_mask);
  sigaction(SIGINT, &sa, nullptr);
  // A closed pipe shows up as EPIPE on write, handled quietly in finish().
  signal(SIGPIPE, SIG_IGN);
}

// Every message is one line of the log: what it quotes from a document, a file name or the
// image (a path, a component's name) has its control characters written out (text::printable),
// so none can start a line of its own or drive the terminal.
Exit Tool::fail(const Error& e) const {
  std::fprintf(stderr, "%s: error: %s\n", name_.c_str(), text::printable(e.to_string()).c_str());
  return Exit::kError;
}

Exit Tool::fail(std::string_view message) const { return fail(Error(std::string(message))); }

void Tool::warn(std::string_view message) const {
  std::fprintf(stderr, "%s: warning: %s\n", name_.c_str(), text::printable(message).c_str());
}

const Diagnostics& Tool::diagnostics() const { return stderr_diagnostics(); }

void Tool::warn(const Error& e) const { warn(e.to_string()); }

void Tool::report(std::string_view text) const {
  std::string out;
  out.reserve(text.size() + (name_.size() + 2) * 64);
  while (!text.empty()) {
    std::size_t nl = text.find('\n');
    std::string_view line = text.substr(0, nl);
    out.append(name_).push_back(':');
    // Each line of a summary is the tool's: its control characters written out, as in warn().
    if (!line.empty()) out.append(" ").append(text::needs_printable(line) ? text::printable(line) : std::string(line));
    out.push_back('\n');
    text.remove_prefix(nl == std::string_view::npos ? text.size() : nl + 1);
  }
  std::fputs(out.c_str(), stderr);
}

void Tool::setup_app(CLI::App& app, std::string footer_examples, std::string_view violation_meaning,
                     std::string_view error_also) const {
  app.name(name_);
  app.set_version_flag("--version", name_ + " (sbomkit) " SBOMKIT_VERSION);
  std::string footer;
  if (!footer_examples.empty()) footer += "Examples:\n" + footer_examples + "\n";
  footer += exit_status_help(violation_meaning, error_also);
  app.footer(footer);
  app.get_formatter()->column_width(34);
}

std::optional<Exit> Tool::parse(CLI::App& app, int argc, char** argv) const {
  try {
    app.parse(argc, argv);
  } catch (const CLI::CallForHelp&) {
    std::cout << app.help();
    return finish(Exit::kOk);
  } catch (const CLI::CallForVersion&) {
    std::cout << app.version() << "\n";
    return finish(Exit::kOk);
  } catch (const CLI::ParseError& e) {
    std::string msg = e.what();
    if (!msg.empty() && msg.back() == '\n') msg.pop_back();
    if (!msg.empty()) msg[0] = static_cast<char>(std::tolower(static_cast<unsigned char>(msg[0])));
    return usage_error(msg);
  }
  return std::nullopt;
}

Exit Tool::usage_error(std::string_view message) const {
  std::fprintf(stderr, "%s: error: %.*s\n%s: try '%s --help' for more information.\n", name_.c_str(),
               static_cast<int>(message.size()), message.data(), name_.c_str(), name_.c_str());
  return Exit::kError;
}

Status Tool::write_output(const std::string& path, std::string_view content) const {
  return write_output(path, [&](const json::Sink& sink) { sink(content); });
}

namespace {

// How much written text starts its way to the disk at once (write_all's `writeback`).
constexpr std::size_t kWritebackStretch = std::size_t{8} << 20;

// Writes everything `produce` hands over to `fd`; the first error stops the writing (the rest is
// dropped) and is returned as an errno value. With `writeback` (a file that is fsynced when
// written), each stretch of kWritebackStretch bytes is handed to the kernel's writeback as soon
// as it is written (sync_file_range, which only starts the write-out and does not wait for it),
// so the disk writes while the document is still being made and the final fsync has only the
// last stretch left to wait for: left to the fsync, writing a 350 MB SPDX 3 document's pages was
// most of the difference between wall and CPU time. Where there is no sync_file_range nothing is
// started early (the fsync writes it all, as before).
int write_all(int fd, const std::function<void(const json::Sink&)>& produce, bool writeback = false) {
  int write_err = 0;
  off_t written = 0, started = 0;  // bytes written, and how many of them writeback has been started for
  produce([&](std::string_view piece) {
    std::size_t off = 0;
    while (write_err == 0 && off < piece.size()) {
      ssize_t n = ::write(fd, piece.data() + off, piece.size() - off);
      if (n < 0) {
        if (errno != EINTR) write_err = errno;
        continue;
      }
      off += static_cast<std::size_t>(n);
      written += n;
    }
#ifdef SYNC_FILE_RANGE_WRITE
    // Only a hint: should it fail (a file system without it), the fsync still writes everything.
    if (writeback && write_err == 0 && static_cast<std::size_t>(written - started) >= kWritebackStretch) {
      ::sync_file_range(fd, started, written - started, SYNC_FILE_RANGE_WRITE);
      started = written;
    }
#else
    (void)writeback;
    (void)started;
#endif
  });
  return write_err;
}

std::string dir_of(const std::string& p) {
  auto slash = p.rfind('/');
  if (slash == std::string::npos) return ".";
  return slash == 0 ? "/" : p.substr(0, slash);
}

// Where a symlink chain ends when its last target does not exist (a dangling link): that path is
// created. Relative targets are taken from the directory of the link that names them.
Expected<std::string> dangling_target(const std::string& path) {
  std::string p = path;
  for (int hops = 0; hops < 40; ++hops) {
    struct stat st {};
    if (::lstat(p.c_str(), &st) != 0) {
      if (errno == ENOENT) return p;
      return Error(path + ": " + std::strerror(errno));
    }
    if (!S_ISLNK(st.st_mode)) return Error(path + ": cannot resolve the symbolic link");
    std::string target(4096, '\0');
    ssize_t n = ::readlink(p.c_str(), target.data(), target.size());
    if (n < 0) return Error(path + ": " + std::strerror(errno));
    target.resize(static_cast<std::size_t>(n));
    p = (!target.empty() && target[0] == '/') ? target : dir_of(p) + "/" + target;
  }
  return Error(path + ": " + std::strerror(ELOOP));
}

}  // namespace

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
  // Only a regular file (or none) is replaced by rename. A device, a FIFO, /dev/stdout and the
  // like are opened and written in place: renaming over them would turn /dev/null into a file.
  // A symlink is followed: its target is what gets written (atomically, next to the target),
  // and the link stays.
  std::string target = path;
  mode_t mode = 0;
  struct stat st {};
  if (::stat(path.c_str(), &st) == 0) {
    if (S_ISDIR(st.st_mode)) return Error(path + ": is a directory");
    if (!S_ISREG(st.st_mode)) {
      int fd = ::open(path.c_str(), O_WRONLY | O_NOCTTY | O_CLOEXEC);
      if (fd < 0) return Error(path + ": cannot open: " + std::strerror(errno));
      int err = write_all(fd, produce);
      if (::close(fd) != 0 && err == 0) err = errno;
      if (err != 0) return Error(path + ": write error: " + std::strerror(err));
      return Ok{};
    }
    mode = st.st_mode & 07777;
    struct stat lst {};
    if (::lstat(path.c_str(), &lst) == 0 && S_ISLNK(lst.st_mode)) {
      char* real = ::realpath(path.c_str(), nullptr);
      if (!real) return Error(path + ": " + std::strerror(errno));
      target = real;
      std::free(real);
    }
  } else if (errno == ENOENT) {
    struct stat lst {};
    if (::lstat(path.c_str(), &lst) == 0 && S_ISLNK(lst.st_mode)) {
      auto t = dangling_target(path);
      if (!t) return std::move(t).error();
      target = *t;
    }
  } else {
    return Error(path + ": " + std::strerror(errno));
  }
  return write_atomically(path, target, mode, produce);
}

Status Tool::write_atomically(const std::string& path, const std::string& target, unsigned mode,
                              const std::function<void(const json::Sink&)>& produce) const {
  std::string tmp = target + ".tmp.XXXXXX";
  if (tmp.size() >= sizeof g_temp[0].path) return Error(path + ": file name too long");
  // A free slot (there are more than threads write files at once; should they all be taken,
  // wait for one).
  TempSlot* slot = nullptr;
  while (!slot) {
    for (auto& t : g_temp) {
      int expected = 0;
      if (t.state.compare_exchange_strong(expected, 1)) {
        slot = &t;
        break;
      }
    }
    if (!slot) std::this_thread::yield();
  }
  char* temp_path = slot->path;
  std::memcpy(temp_path, tmp.c_str(), tmp.size() + 1);
  int fd = ::mkstemp(temp_path);
  if (fd < 0) {
    int err = errno;
    slot->state = 0;
    return Error(path + ": cannot create temporary file: " + std::strerror(err));
  }
  slot->state = 2;
  auto release = [&] { slot->state = 0; };
  auto fail_with = [&](const char* what, int err) {
    ::close(fd);
    ::unlink(temp_path);
    release();
    return Error(path + ": " + what + ": " + std::strerror(err));
  };
  if (int err = write_all(fd, produce, /*writeback=*/true); err != 0) return fail_with("write error", err);
  // A replaced file keeps its permissions; a new one gets what a plain create would give
  // (mkstemp makes 0600).
  if (mode == 0) {
    // Read once (reading it means setting it): files are written from several threads.
    static const mode_t mask = [] {
      mode_t m = ::umask(0);
      ::umask(m);
      return m;
    }();
    mode = 0666 & ~mask;
  }
  ::fchmod(fd, static_cast<mode_t>(mode));
  if (::fsync(fd) != 0) return fail_with("fsync failed", errno);
  if (::close(fd) != 0) {
    int err = errno;
    ::unlink(temp_path);
    release();
    return Error(path + ": close failed: " + std::strerror(err));
  }
  if (::rename(temp_path, target.c_str()) != 0) {
    int err = errno;
    ::unlink(temp_path);
    release();
    return Error(path + ": cannot replace: " + std::strerror(err));
  }
  release();
  return Ok{};
}

Status Tool::write_document(const std::string& path, const Document& doc, const format::Target& target,
                            const format::LossFn& loss) const {
  if (!format::can_write(target.syntax))
    return Error("writing " + std::string(format::target_name(target.syntax)) + " is not supported yet");
  std::size_t lost = 0;
  format::LossFn count = [&](const format::Loss& l) {
    ++lost;
    if (loss) loss(l);
  };
  Status written = Ok{};
  Status out = write_output(path, [&](const json::Sink& sink) { written = format::write(doc, target, sink, count); });
  if (!out) return out;
  if (!written) return written;
  if (lost && !loss)
    warn(std::string(format::target_name(target.syntax)) + " cannot carry " + std::to_string(lost) +
         (lost == 1 ? " member" : " members") + " of the input; sbom-convert --loss-report lists them");
  return Ok{};
}

CLI::Option* add_format_option(CLI::App& app, std::string& format) {
  return app
      .add_option("--format", format,
                  "write the document as FORMAT: cyclonedx-json, cyclonedx-xml, spdx-json, spdx-tag-value or\n"
                  "spdx3-json, optionally @VERSION (cyclonedx-json@1.4); default: the input's format")
      ->type_name("FORMAT")
      ->check(CLI::Validator(
          [](std::string& v) -> std::string {
            auto t = format::parse_target(v);
            return t ? std::string() : t.error().message;
          },
          "", "format"));
}

Expected<format::Target> output_target(const Document& doc, const std::string& format, bool adds_vulnerabilities) {
  format::Target target = format::target_of(doc);
  if (!format.empty()) {
    auto t = format::parse_target(format);
    if (!t) return std::move(t).error();
    target = *t;
  }
  if (adds_vulnerabilities && !format::carries_vulnerabilities(target)) {
    std::string what = std::string(format::target_name(target.syntax)) +
                       (target.spec_version.empty() ? std::string() : "@" + target.spec_version);
    if (format.empty())
      return Error("the input is " + what + ", which cannot carry vulnerabilities: choose an output format with --format "
                   "(cyclonedx-json, cyclonedx-xml or spdx3-json)");
    return Error("--format " + format + ": " + what + " cannot carry vulnerabilities");
  }
  if (!format::can_write(target.syntax))
    return Error((format.empty() ? "the input is " + std::string(format::target_name(target.syntax)) + ", and writing it"
                                 : "--format " + format + ": writing " + std::string(format::target_name(target.syntax))) +
                 " is not supported yet" + (format.empty() ? ": choose an output format with --format" : ""));
  return target;
}

Exit Tool::finish(Exit status) const {
  std::cout.flush();
  bool bad = std::fflush(stdout) != 0 || std::ferror(stdout);
  int err = errno;
  if (std::fclose(stdout) != 0 && !bad) { bad = true; err = errno; }
  if (bad && err != EPIPE) {
    std::fprintf(stderr, "%s: error: <stdout>: write error: %s\n", name_.c_str(), std::strerror(err));
    return Exit::kError;
  }
  return status;
}

Expected<std::uint64_t> parse_size(std::string_view text) {
  const std::string quoted = "'" + std::string(text) + "'";
  std::size_t digits = 0;
  while (digits < text.size() && text[digits] >= '0' && text[digits] <= '9') ++digits;
  std::string_view unit = text.substr(digits);
  int shift = -1;
  if (unit.empty() || unit == "B") shift = 0;
  else if (unit == "K" || unit == "KiB") shift = 10;
  else if (unit == "M" || unit == "MiB") shift = 20;
  else if (unit == "G" || unit == "GiB") shift = 30;
  else if (unit == "T" || unit == "TiB") shift = 40;
  if (digits == 0 || shift < 0) return Error(quoted + " is not a size such as 65536, 64M or 1G (units B, K, M, G, T)");
  std::uint64_t v = 0;
  auto [end, ec] = std::from_chars(text.data(), text.data() + digits, v);
  if (ec == std::errc::result_out_of_range || (shift > 0 && v > (UINT64_MAX >> shift)))
    return Error(quoted + " is too large (more than 2^64-1 bytes)");
  return v << shift;
}

CLI::Validator size_check() {
  return CLI::Validator(
      [](std::string& value) -> std::string {
        auto v = parse_size(value);
        return v ? std::string() : v.error().message;
      },
      "", "size");
}

CLI::Validator count_check(std::uint64_t max) {
  return CLI::Validator(
      [max](std::string& value) -> std::string {
        std::uint64_t v = 0;
        auto [end, ec] = std::from_chars(value.data(), value.data() + value.size(), v);
        if (value.empty() || ec == std::errc::invalid_argument || end != value.data() + value.size())
          return "'" + value + "' is not a count (decimal digits)";
        if (ec == std::errc::result_out_of_range || v > max)
          return "'" + value + "' is too large (at most " + std::to_string(max) + ")";
        return {};
      },
      "", "count");
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

namespace {

// The whole of `path` ("-": stdin), read with the bounds every input has (a pipe or device is
// bounded as a file is), and in `name` how messages call it.
Expected<json::Text> read_input(const std::string& path, std::string& name) {
  auto f = open_input(path, name);
  if (!f) return std::move(f).error();
  auto text = json::read_all(*f, name);
  if (*f != stdin) std::fclose(*f);
  return text;
}

}  // namespace

Expected<Document> read_document(const std::string& path, const Diagnostics& diagnostics) {
  std::string name;
  auto text = read_input(path, name);
  if (!text) return std::move(text).error();
  return format::read(text->view(), name, diagnostics);
}

Document& keep_until_exit(Document doc) {
  static auto* const kept = new std::deque<Document>();  // a deque: what it holds never moves
  kept->push_back(std::move(doc));
  return kept->back();
}

Expected<Document> read_document(const std::string& path) {
  // What the format layer notes while reading (an attestation's signature was not checked) goes
  // to stderr as the tool's warning.
  return read_document(path, stderr_diagnostics());
}

Expected<InputDocument> read_document_and_text(const std::string& path) {
  std::string name;
  auto text = read_input(path, name);
  if (!text) return std::move(text).error();
  auto doc = format::read(text->view(), name, stderr_diagnostics());
  if (!doc) return std::move(doc).error();
  return InputDocument{std::move(*text), std::move(*doc)};
}

Expected<std::string> read_text(const std::string& path) {
  std::string name;
  auto text = read_input(path, name);
  if (!text) return std::move(text).error();
  return std::string(text->view());
}

Expected<attest::Key> read_key(const std::string& path, KeyUse use) {
  auto pem = read_text(path);
  if (!pem) return std::move(pem).error();
  return use == KeyUse::Sign ? attest::Key::private_key(*pem, path) : attest::Key::public_key(*pem, path);
}

Status regular_file_or_directory(const std::string& path) {
  struct stat st {};
  if (::stat(path.c_str(), &st) != 0) return Ok{};  // the reader names what is wrong
  if (S_ISREG(st.st_mode) || S_ISDIR(st.st_mode)) return Ok{};
  const char* what = S_ISCHR(st.st_mode) ? "a character device" : S_ISBLK(st.st_mode) ? "a block device"
                     : S_ISFIFO(st.st_mode) ? "a FIFO" : S_ISSOCK(st.st_mode) ? "a socket" : "not a regular file";
  return Error(path + ": is " + std::string(what) + " (expected a regular file or a directory)");
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
