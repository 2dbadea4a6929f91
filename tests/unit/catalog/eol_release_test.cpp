// The releases added to the built-in end-of-life table, judged from an os-release as each release
// writes it: detected, made the operating-system component, and past its end the day after its last
// supported day (docs/findings.md: the dates and their sources).
#include <catch2/catch.hpp>

#include <string>

#include "fixture.h"
#include "sbom/catalog.h"
#include "sbom/eol.h"
#include "sbom/text.h"

using namespace sbom;
using namespace sbom::catalog;
using namespace sbom::catalog::testing;

namespace {

// The eol finding ids of the image whose os-release is `os_release`, judged at `day`.
std::string judged(const std::string& os_release, std::string_view day) {
  auto view = make_view({{"etc/os-release", os_release}});
  Document doc;
  doc.components.emplace();
  doc.components->push_back(distro_component(detect_distro(view), view));
  eol::add_findings(doc, *text::parse_utc_time(day));
  std::string ids;
  if (doc.vulnerabilities)
    for (const Vulnerability& v : *doc.vulnerabilities) ids += (ids.empty() ? "" : " ") + v.id;
  return ids;
}

struct Release {
  std::string os_release;
  std::string_view last_day, day_after, id;
};

}  // namespace

TEST_CASE("eol: RHEL 10, AlmaLinux 10 and Fedora 41-44 from their os-release, before and after their end",
          "[eol]") {
  const Release releases[] = {
      {"NAME=\"Red Hat Enterprise Linux\"\nVERSION=\"10.1 (Coughlan)\"\nID=\"rhel\"\nID_LIKE=\"centos fedora\"\n"
       "VERSION_ID=\"10.1\"\nPRETTY_NAME=\"Red Hat Enterprise Linux 10.1 (Coughlan)\"\n",
       "2035-05-31", "2035-06-01", "SBOMKIT-EOL-RHEL-10"},
      {"NAME=\"AlmaLinux\"\nVERSION=\"10.1 (Heliotrope Lion)\"\nID=\"almalinux\"\nID_LIKE=\"rhel centos fedora\"\n"
       "VERSION_ID=\"10.1\"\nPRETTY_NAME=\"AlmaLinux 10.1 (Heliotrope Lion)\"\n",
       "2035-05-31", "2035-06-01", "SBOMKIT-EOL-ALMALINUX-10"},
      {"NAME=\"Fedora Linux\"\nVERSION=\"41 (Container Image)\"\nID=fedora\nVERSION_ID=41\n"
       "PRETTY_NAME=\"Fedora Linux 41 (Container Image)\"\n",
       "2025-12-15", "2025-12-16", "SBOMKIT-EOL-FEDORA-41"},
      {"NAME=\"Fedora Linux\"\nVERSION=\"42 (Container Image)\"\nID=fedora\nVERSION_ID=42\n"
       "PRETTY_NAME=\"Fedora Linux 42 (Container Image)\"\n",
       "2026-05-27", "2026-05-28", "SBOMKIT-EOL-FEDORA-42"},
      {"NAME=\"Fedora Linux\"\nVERSION=\"43 (Container Image)\"\nID=fedora\nVERSION_ID=43\n"
       "PRETTY_NAME=\"Fedora Linux 43 (Container Image)\"\n",
       "2026-12-09", "2026-12-10", "SBOMKIT-EOL-FEDORA-43"},
      {"NAME=\"Fedora Linux\"\nVERSION=\"44 (Container Image)\"\nID=fedora\nVERSION_ID=44\n"
       "PRETTY_NAME=\"Fedora Linux 44 (Container Image)\"\n",
       "2027-06-02", "2027-06-03", "SBOMKIT-EOL-FEDORA-44"},
  };
  for (const Release& r : releases) {
    INFO(r.id);
    CHECK(judged(r.os_release, std::string(r.last_day) + "T23:59:59Z") == "");
    CHECK(judged(r.os_release, r.day_after) == r.id);
  }
}

TEST_CASE("eol: AlmaLinux 8 is supported until 2029-05-31, as RHEL 8 and Rocky Linux 8 are", "[eol]") {
  const std::string alma8 = "NAME=\"AlmaLinux\"\nVERSION=\"8.10 (Cerulean Leopard)\"\nID=\"almalinux\"\n"
                            "VERSION_ID=\"8.10\"\nPRETTY_NAME=\"AlmaLinux 8.10 (Cerulean Leopard)\"\n";
  CHECK(judged(alma8, "2029-05-31T23:59:59Z") == "");
  CHECK(judged(alma8, "2029-06-01") == "SBOMKIT-EOL-ALMALINUX-8");
}
