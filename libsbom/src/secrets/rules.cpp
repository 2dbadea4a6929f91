// The built-in secret rules and the reader of gitleaks-format rule files (toml++).
#include "core/toml.h"

#include <cstdint>
#include <cstdio>

#include <cctype>

#include "sbom/secrets.h"

namespace sbom::secrets {

namespace {

Rule rule(std::string id, std::string description, std::string regex, std::string severity, int cwe = 798) {
  Rule r;
  r.id = "SBOMKIT-SECRET-" + std::move(id);
  r.description = std::move(description);
  r.regex = std::move(regex);
  r.severity = std::move(severity);
  r.cwe = cwe;
  return r;
}

// Values people put where a password goes when there is none: not secrets.
const std::vector<std::string> kPlaceholders = {
    R"re((?i)^(?:\$\{?[A-Za-z_]|%\(|<|\{\{|changeme|change_me|example|password|passwd|secret|xxx|\*\*\*|none|null|true|false|yes|no|empty|required|optional|dummy|test)|(?:_here|\})$)re"};

}  // namespace

std::vector<Rule> builtin_rules() {
  std::vector<Rule> out;
  {
    Rule r = rule("AWS-ACCESS-KEY", "AWS access key id", R"re(\b((?:AKIA|ASIA|ABIA|ACCA)[A-Z2-7]{16})\b)re", "critical");
    r.allow.regexes = {"EXAMPLE$"};  // AWS's documentation key
    out.push_back(std::move(r));
  }
  {
    Rule r = rule("AWS-SECRET-KEY", "AWS secret access key",
                  R"re((?i)aws_?secret_?(?:access_?)?key["']?\s*[:=]\s*["']?([A-Za-z0-9/+]{40})(?:[^A-Za-z0-9/+]|$))re", "critical");
    r.allow.regexes = {"EXAMPLEKEY$"};
    out.push_back(std::move(r));
  }
  out.push_back(rule("GCP-SERVICE-ACCOUNT-KEY", "Google Cloud service account key (private_key_id)",
                     R"re("private_key_id"\s*:\s*"([0-9a-f]{40})")re", "critical"));
  out.push_back(rule("GCP-API-KEY", "Google Cloud API key", R"re(\b(AIza[0-9A-Za-z_\-]{35})(?:[^0-9A-Za-z_\-]|$))re", "high"));
  out.push_back(rule("AZURE-STORAGE-KEY", "Azure storage account key",
                     R"re((?i)AccountKey=([A-Za-z0-9+/]{86}==))re", "critical"));
  out.push_back(rule("AZURE-CLIENT-SECRET", "Azure AD client secret",
                     R"re((?:^|[^A-Za-z0-9_~.\-])([A-Za-z0-9_~.]{3}\dQ~[A-Za-z0-9_~.\-]{31,34})(?:[^A-Za-z0-9_~.\-]|$))re", "high"));
  out.push_back(rule("GITHUB-TOKEN", "GitHub token (personal, OAuth, app, refresh)",
                     R"re(\b((?:ghp|gho|ghu|ghs|ghr)_[A-Za-z0-9]{36})\b)re", "critical"));
  out.push_back(rule("GITHUB-FINE-GRAINED-TOKEN", "GitHub fine-grained personal access token",
                     R"re(\b(github_pat_[A-Za-z0-9_]{82})\b)re", "critical"));
  out.push_back(rule("GITLAB-TOKEN", "GitLab personal access token", R"re(\b(glpat-[A-Za-z0-9_\-]{20})(?:[^A-Za-z0-9_\-]|$))re", "critical"));
  out.push_back(rule("SLACK-TOKEN", "Slack token", R"re(\b(xox[baprs]-[0-9]{10,13}-[0-9A-Za-z\-]{10,64}))re", "high"));
  out.push_back(rule("SLACK-WEBHOOK", "Slack incoming webhook URL",
                     R"re((https://hooks\.slack\.com/services/T[A-Z0-9]{8,}/B[A-Z0-9]{8,}/[A-Za-z0-9]{20,}))re", "medium"));
  out.push_back(rule("NPM-TOKEN", "npm access token", R"re(\b(npm_[A-Za-z0-9]{36})\b)re", "high"));
  {
    Rule r = rule("NPMRC-AUTH", "npm registry credential in .npmrc",
                  R"re((?m)_(?:authToken|auth|password)\s*=\s*["']?([^\s"'$][^\s"']{15,}))re", "high");
    r.path = R"re((?:^|/)\.npmrc$)re";
    out.push_back(std::move(r));
  }
  out.push_back(rule("PYPI-TOKEN", "PyPI upload token", R"re((pypi-AgEIcHlwaS5vcmc[A-Za-z0-9_\-]{50,}))re", "high"));
  out.push_back(rule("PRIVATE-KEY", "PEM private key",
                     R"re((-----BEGIN (?:RSA |EC |DSA |ENCRYPTED )?PRIVATE KEY-----[A-Za-z0-9+/=\s:,\-]{64,}?-----END (?:RSA |EC |DSA |ENCRYPTED )?PRIVATE KEY-----))re",
                     "critical", 321));
  out.push_back(rule("OPENSSH-PRIVATE-KEY", "OpenSSH private key",
                     R"re((-----BEGIN OPENSSH PRIVATE KEY-----[A-Za-z0-9+/=\s]{64,}?-----END OPENSSH PRIVATE KEY-----))re",
                     "critical", 321));
  out.push_back(rule("JWT", "JSON Web Token",
                     R"re(\b(eyJ[A-Za-z0-9_\-]{10,}\.eyJ[A-Za-z0-9_\-]{10,}\.[A-Za-z0-9_\-]{16,})(?:[^A-Za-z0-9_\-.]|$))re", "medium"));
  {
    Rule r = rule("PASSWORD-IN-CONFIG", "password in a configuration file",
                  R"re((?im)(?:^|[\s"'{,])(?:[a-z_.]*_)?(?:password|passwd|pwd|secret)["']?\s*[:=]\s*["']?([^\s"'#;,}]{6,}))re", "high", 260);
    r.path = R"re((?i)(?:^|/)(?:\.env(?:\.[a-z]+)?|\.netrc|\.pgpass|\.my\.cnf|\.pypirc|\.git-credentials|wp-config\.php|(?:config|settings|application|secrets?|credentials|database)[^/]*\.(?:ya?ml|json|properties|ini|conf|cfg|toml|env))$)re";
    r.entropy = 2.5;
    r.allow.regexes = kPlaceholders;
    out.push_back(std::move(r));
  }
  {
    Rule r = rule("URL-CREDENTIALS", "password in a URL in a configuration file",
                  R"re(\b[a-z][a-z0-9+.\-]*://[^:@/\s"']+:([^@/\s"']{6,})@[^\s/"']+)re", "high", 798);
    r.path = R"re((?i)(?:^|/)(?:\.env(?:\.[a-z]+)?|\.git-credentials|\.netrc|(?:config|settings|application|secrets?|credentials|database)[^/]*\.(?:ya?ml|json|properties|ini|conf|cfg|toml|env))$)re";
    r.allow.regexes = kPlaceholders;
    out.push_back(std::move(r));
  }
  {
    Rule r = rule("DOCKER-CONFIG-AUTH", "registry credential in a Docker config.json",
                  R"re("auth"\s*:\s*"([A-Za-z0-9+/=]{12,})")re", "high");
    r.path = R"re((?:^|/)\.docker/config\.json$)re";
    out.push_back(std::move(r));
  }
  return out;
}

std::string rule_id_for(std::string_view gitleaks_id) {
  std::string out = "SBOMKIT-SECRET-";
  for (char c : gitleaks_id) {
    const auto u = static_cast<unsigned char>(c);
    out += std::isalnum(u) ? static_cast<char>(std::toupper(u)) : c == '_' ? '_' : '-';
  }
  return out;
}

namespace {

Error at(std::string_view name, const toml::source_region& where, std::string message) {
  return toml_text::error_at(name, where.begin, std::move(message));
}

Status read_strings(std::string_view name, const toml::node& n, std::string_view key, std::vector<std::string>& out) {
  const toml::array* a = n.as_array();
  if (!a) return at(name, n.source(), "'" + std::string(key) + "' must be an array of strings");
  for (const toml::node& e : *a) {
    const auto* s = e.as_string();
    if (!s) return at(name, e.source(), "'" + std::string(key) + "' must be an array of strings");
    out.push_back(s->get());
  }
  return Ok{};
}

Status read_allowlist(std::string_view name, const toml::table& t, Allowlist& out) {
  for (const auto& [k, v] : t) {
    const std::string_view key = k.str();
    if (key == "regexes") {
      if (auto st = read_strings(name, v, key, out.regexes); !st) return st;
    } else if (key == "stopwords") {
      if (auto st = read_strings(name, v, key, out.stopwords); !st) return st;
    } else if (key == "paths") {
      if (auto st = read_strings(name, v, key, out.paths); !st) return st;
    } else if (key == "description" || key == "commits" || key == "regexTarget" || key == "condition") {
      // Descriptive, or about git history (commits): nothing to apply to files in an image.
      if (key == "regexTarget" && v.value_or(std::string_view("secret")) != "secret")
        return at(name, v.source(), "allowlist regexTarget '" + std::string(v.value_or(std::string_view())) +
                                        "' is not supported (only the secret itself is matched)");
    } else {
      return at(name, k.source(), "unknown allowlist member '" + std::string(key) + "'");
    }
  }
  return Ok{};
}

}  // namespace

Expected<RuleFile> parse_gitleaks_toml(std::string_view text, std::string_view name) {
  auto parsed = toml_text::parse(text, name, toml_text::NonAscii::Refuse);
  if (!parsed) return std::move(parsed).error();
  const toml::table& root = *parsed;
  RuleFile out;
  for (const auto& [k, v] : root) {
    const std::string_view key = k.str();
    if (key == "title" || key == "extend") continue;  // the built-in rules are always used
    if (key == "allowlist") {
      const toml::table* t = v.as_table();
      if (!t) return at(name, v.source(), "'allowlist' must be a table");
      if (auto st = read_allowlist(name, *t, out.allow); !st) return st.error();
      continue;
    }
    if (key == "allowlists") {
      const toml::array* a = v.as_array();
      if (!a) return at(name, v.source(), "'allowlists' must be an array of tables");
      for (const toml::node& e : *a) {
        if (!e.as_table()) return at(name, e.source(), "'allowlists' must be an array of tables");
        if (auto st = read_allowlist(name, *e.as_table(), out.allow); !st) return st.error();
      }
      continue;
    }
    if (key != "rules") return at(name, k.source(), "unknown member '" + std::string(key) + "'");
    const toml::array* rules = v.as_array();
    if (!rules) return at(name, v.source(), "'rules' must be an array of tables ([[rules]])");
    for (const toml::node& rn : *rules) {
      const toml::table* t = rn.as_table();
      if (!t) return at(name, rn.source(), "each of 'rules' must be a table");
      Rule r;
      r.severity = "high";
      std::string gid;
      for (const auto& [rk, rv_binding] : *t) {
        const std::string_view key2 = rk.str();
        // A named reference: clang before 16 cannot capture a structured binding in a lambda.
        const toml::node& rv = rv_binding;
        auto str = [&](std::string& dst) -> Status {
          const auto* s = rv.as_string();
          if (!s) return at(name, rv.source(), "rule member '" + std::string(key2) + "' must be a string");
          dst = s->get();
          return Ok{};
        };
        Status st = Ok{};
        if (key2 == "id") st = str(gid);
        else if (key2 == "description") st = str(r.description);
        else if (key2 == "regex") st = str(r.regex);
        else if (key2 == "path") st = str(r.path);
        else if (key2 == "secretGroup") {
          const auto* i = rv.as_integer();
          if (!i || i->get() < 0 || i->get() > 99) st = at(name, rv.source(), "'secretGroup' must be an integer from 0 to 99");
          else r.secret_group = static_cast<int>(i->get());
        } else if (key2 == "entropy") {
          if (const auto* f = rv.as_floating_point()) r.entropy = f->get();
          else if (const auto* i = rv.as_integer()) r.entropy = static_cast<double>(i->get());
          else st = at(name, rv.source(), "'entropy' must be a number");
        } else if (key2 == "keywords") st = read_strings(name, rv, key2, r.keywords);
        else if (key2 == "tags") {
          std::vector<std::string> ignored;
          st = read_strings(name, rv, key2, ignored);
        } else if (key2 == "allowlist") {
          if (!rv.as_table()) st = at(name, rv.source(), "'allowlist' must be a table");
          else st = read_allowlist(name, *rv.as_table(), r.allow);
        } else if (key2 == "allowlists") {
          const toml::array* a = rv.as_array();
          if (!a) st = at(name, rv.source(), "'allowlists' must be an array of tables");
          for (std::size_t i = 0; st && a && i < a->size(); ++i) {
            const toml::table* at2 = (*a)[i].as_table();
            if (!at2) st = at(name, (*a)[i].source(), "'allowlists' must be an array of tables");
            else st = read_allowlist(name, *at2, r.allow);
          }
        } else {
          st = at(name, rk.source(), "unknown rule member '" + std::string(key2) + "'");
        }
        if (!st) return st.error();
      }
      if (gid.empty()) return at(name, rn.source(), "a rule has no 'id'");
      if (r.regex.empty()) {
        return at(name, rn.source(), "rule '" + gid + "' has no 'regex' (rules that match a path alone are not supported)");
      }
      r.id = rule_id_for(gid);
      if (r.description.empty()) r.description = gid;
      out.rules.push_back(std::move(r));
    }
  }
  return out;
}

}  // namespace sbom::secrets
