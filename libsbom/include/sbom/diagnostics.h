// Warnings: what the library noticed and went on past (an entry skipped, a record refused, a
// check that could not be made), on their way to the one place that prints them, the tool.
#pragma once

#include <functional>
#include <cstdint>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "sbom/error.h"

namespace sbom {

/// One warning: what it is about, the message, and where (file, line:column, JSON Pointer) when
/// the producer knows.
struct Diagnostic {
  enum class Kind {
    kWarning,        ///< anything worth saying that stopped nothing
    kInvalidRecord,  ///< a vulnerability record left out of an index; its source was read on
  };
  Kind kind = Kind::kWarning;
  Error where;  ///< the message, with the position when known

  /// The text after the tool's `name: warning: `: the position and message (Error::to_string),
  /// preceded by what the kind says when it says more ("skipped invalid record: ").
  std::string to_string() const;
};

/// Where warnings go: a sink the tool owns and hands down, by const reference, to every library
/// call that can warn. The library only emits; the tool decides how a warning is shown (every
/// line starting with its name). A default-made sink drops everything. Emitting is not
/// synchronised: work done in parallel keeps a DiagnosticList per worker and replays them in
/// order, so stderr never depends on scheduling.
class Diagnostics {
 public:
  using Handler = std::function<void(const Diagnostic&)>;
  Diagnostics() = default;
  explicit Diagnostics(Handler handler) : handler_(std::move(handler)) {}

  void emit(Diagnostic d) const {
    if (handler_) handler_(d);
  }
  /// A warning with no position beyond what `message` says.
  void warn(std::string message) const { emit({Diagnostic::Kind::kWarning, Error(std::move(message))}); }
  /// A warning at the position `where` carries.
  void warn(Error where, Diagnostic::Kind kind = Diagnostic::Kind::kWarning) const {
    emit({kind, std::move(where)});
  }
  /// A warning at line `line` of `file` (`file:line: message`).
  void warn_at(std::string_view file, std::uint32_t line, std::string message) const {
    Error e(std::move(message));
    e.file = file;
    e.line = line;
    emit({Diagnostic::Kind::kWarning, std::move(e)});
  }
  /// False for a sink that drops everything (a producer may skip work no one will see).
  explicit operator bool() const { return static_cast<bool>(handler_); }

 private:
  Handler handler_;
};

/// Warnings kept in the order they came, to be replayed later into the tool's sink: for work done
/// side by side (one list per worker), and for a tool that prints them after other lines.
class DiagnosticList {
 public:
  DiagnosticList() = default;
  DiagnosticList(const DiagnosticList&) = delete;  // its sink points at it
  DiagnosticList& operator=(const DiagnosticList&) = delete;

  /// A sink appending to this list (which must outlive it).
  const Diagnostics& sink() const { return sink_; }
  const std::vector<Diagnostic>& items() const { return items_; }
  bool empty() const { return items_.empty(); }
  /// Each warning, in order, into `to`.
  void replay(const Diagnostics& to) const {
    for (const Diagnostic& d : items_) to.emit(d);
  }

 private:
  std::vector<Diagnostic> items_;
  Diagnostics sink_{[this](const Diagnostic& d) { items_.push_back(d); }};
};

}  // namespace sbom
