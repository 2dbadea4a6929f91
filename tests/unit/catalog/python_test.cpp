// Tests of the Python cataloger: dist-info and egg-info metadata, licenses, PEP 503 purls, RECORD.
#include <catch2/catch.hpp>

#include <set>

#include "catalog/lang_parsers.h"
#include "lang_fixture.h"

using namespace sbom;
using namespace sbom::catalog;
using namespace sbom::catalog::testing;

TEST_CASE("python: metadata headers, license precedence", "[python]") {
  auto d = catalog::detail::parse_python_metadata(
      "Metadata-Version: 2.4\nName: Foo_Bar\nVersion: 1.0\nLicense-Expression: MIT OR Apache-2.0\n"
      "License: BSD\nClassifier: License :: OSI Approved :: MIT License\n\nName: body\n");
  CHECK(d.name == "Foo_Bar");
  CHECK(d.version == "1.0");
  REQUIRE(d.licenses.size() == 1);
  CHECK(d.licenses[0].expression == "MIT OR Apache-2.0");
  auto c = catalog::detail::parse_python_metadata("Name: x\nVersion: 2\nLicense: UNKNOWN\n"
                                         "Classifier: License :: OSI Approved :: MIT License\n"
                                         "Classifier: License :: OSI Approved :: BSD License\n");
  REQUIRE(c.licenses.size() == 2);
  CHECK(c.licenses[0].id == "MIT");
  CHECK(c.licenses[1].name == "BSD License");
}

TEST_CASE("python: the supplier is the maintainer, else the author", "[python]") {
  auto both = catalog::detail::parse_python_metadata(
      "Name: chardet\nVersion: 5\nAuthor: Mark P\nAuthor-email: mark@example.org\nMaintainer: Dan B\n"
      "Maintainer-email: dan@example.org\n");
  REQUIRE(both.supplier);
  CHECK(both.supplier->name == "Dan B");
  REQUIRE(both.supplier->contacts.size() == 1);
  CHECK(both.supplier->contacts[0].email == "dan@example.org");
  auto author = catalog::detail::parse_python_metadata("Name: idna\nVersion: 3\nAuthor: Kim D\nAuthor-email: kim@example.org\n");
  REQUIRE(author.supplier);
  CHECK(author.supplier->name == "Kim D");
  // PEP 621 tools write only Author-email, as "Name <mail>, Other <mail2>": the first person.
  auto pep621 = catalog::detail::parse_python_metadata(
      "Name: x\nVersion: 1\nAuthor-email: Ann Lee <ann@example.org>, Bo <bo@example.org>\n");
  REQUIRE(pep621.supplier);
  CHECK(pep621.supplier->name == "Ann Lee");
  CHECK(pep621.supplier->contacts[0].email == "ann@example.org");
  auto bare = catalog::detail::parse_python_metadata("Name: x\nVersion: 1\nAuthor-email: ann@example.org\n");
  REQUIRE(bare.supplier);
  CHECK(bare.supplier->name == "ann@example.org");
  CHECK(bare.supplier->contacts[0].email == "ann@example.org");
  // Old setuptools' placeholder is no one.
  CHECK(!catalog::detail::parse_python_metadata("Name: x\nVersion: 1\nAuthor: UNKNOWN\nAuthor-email: UNKNOWN\n").supplier);
  CHECK(!catalog::detail::parse_python_metadata("Name: x\nVersion: 1\n").supplier);
}

TEST_CASE("python: PEP 503 names", "[python]") {
  CHECK(catalog::detail::pep503_name("Foo__Bar.-baz") == "foo-bar-baz");
  CHECK(catalog::detail::pep503_name("zope.interface") == "zope-interface");
}

TEST_CASE("python: shared fixtures parse to their name and version", "[python]") {
  const std::pair<const char*, std::pair<const char*, const char*>> cases[] = {
      {"python/trivy/asyncssh-2.14.2.METADATA", {"asyncssh", "2.14.2"}},
      {"python/trivy/networkx-3.0.METADATA", {"networkx", "3.0"}},
      {"python/trivy/zipp-3.12.1.METADATA", {"zipp", "3.12.1"}},
      {"python/trivy/distlib-0.3.1-py3.9.egg-info", {"distlib", "0.3.1"}},
      {"python/trivy/setuptools-51.3.3-py3.8.egg-info.PKG-INFO", {"setuptools", "51.3.3"}},
      {"python/trivy/unidecode-egg-info.PKG-INFO", {"Unidecode", "0.4.1"}},
      {"python/syft/Python-2.7.egg-info", {"Python", "2.7.13"}},
      {"python/syft/dist-info/METADATA", {"Pygments", "2.6.1"}},
      {"python/syft/egg-info/PKG-INFO", {"requests", "2.22.0"}},
  };
  for (const auto& [rel, want] : cases) {
    REQUIRE_FIXTURE(text, rel);
    auto d = catalog::detail::parse_python_metadata(*text);
    INFO(rel);
    CHECK(d.name == want.first);
    CHECK(d.version == want.second);
  }
  REQUIRE_FIXTURE(record, "python/syft/dist-info/RECORD");
  CHECK(catalog::detail::count_record_files(*record) > 0);
}

TEST_CASE("python: dist-packages and site-packages, directories and single files", "[python]") {
  auto view = make_view({
      {"usr/lib/python3/dist-packages/Foo_Bar.Baz-1.0.dist-info/METADATA", "Name: Foo_Bar.Baz\nVersion: 1.0\n"},
      {"usr/lib/python3/dist-packages/Foo_Bar.Baz-1.0.dist-info/RECORD", "a.py,,\nb.py,,\n"},
      {"usr/local/lib/python3.11/site-packages/six-1.16.0.egg-info", "Name: six\nVersion: 1.16.0\n"},
      {"usr/local/lib/python3.11/site-packages/req.egg-info/PKG-INFO", "Name: requests\nVersion: 2.28.1\n"},
      {"usr/local/lib/python3.11/site-packages/broken.dist-info/METADATA", "Summary: nothing else\n"},
      {"opt/elsewhere/x.dist-info/METADATA", "Name: ignored\nVersion: 1\n"},
  });
  std::vector<std::string> w;
  Result r = run_lang(view, &w);
  CHECK(count_type(r, "pypi") == 3);
  const Component* foo = by_purl(r, "pkg:pypi/foo-bar-baz@1.0");
  REQUIRE(foo);
  CHECK(foo->name == "Foo_Bar.Baz");
  CHECK(foo->property(kPropFileCount)->value == "2");
  CHECK(foo->property(kPropPath)->value == "/usr/lib/python3/dist-packages/Foo_Bar.Baz-1.0.dist-info/METADATA");
  CHECK(foo->property(kPropLayerIndex)->value == "0");
  CHECK(by_purl(r, "pkg:pypi/six@1.16.0"));
  CHECK(by_purl(r, "pkg:pypi/requests@2.28.1"));
  REQUIRE(w.size() == 1);
  CHECK(w[0].find("broken.dist-info/METADATA") != std::string::npos);
}

TEST_CASE("python: lockfiles and requirements", "[python]") {
  auto reqs = catalog::detail::parse_requirements(
      "# c\nflask==2.0.1\nrequests[security] == 2.31.0 ; python_version > '3' # pin\nsix>=1.0\nnumpy==1.*\n"
      "idna==3.4,>=3\n-r other.txt\nurllib3===1.26.20 \\\n  --hash=sha256:abc\n==1.0\n");
  std::set<std::string> got;
  for (const auto& p : reqs) got.insert(p.name + "@" + p.version);
  CHECK(got == std::set<std::string>{"flask@2.0.1", "requests@2.31.0", "urllib3@1.26.20"});

  auto poetry = catalog::detail::parse_python_lock(
      "[[package]]\nname = \"a\"\nversion = \"1.0\"\ncategory = \"dev\"\ndependencies = [\n  \"b [x]\",\n]\n"
      "[package.extras]\nversion = \"9\"\n\n[[package]]\nname = 'b'\nversion = \"\"\"2.0\"\"\"\n", "poetry.lock");
  REQUIRE(poetry);
  REQUIRE(poetry->size() == 2);
  CHECK(poetry->at(0).dev);
  CHECK(poetry->at(0).version == "1.0");  // [package.extras] is not the package's own table
  CHECK(poetry->at(1).version == "2.0");
  auto uv = catalog::detail::parse_python_lock(
      "[[package]]\nname = \"app\"\nversion = \"0.1.0\"\nsource = { editable = \".\" }\n\n"
      "[[package]]\nname = \"x\"\nversion = \"1.2\"\nsource = { registry = \"https://pypi.org/simple\" }\n", "uv.lock");
  REQUIRE(uv);
  REQUIRE(uv->size() == 1);
  CHECK(uv->at(0).name == "x");
  // Lockfiles carry UTF-8 in descriptions and authors' names; the values read from them are ASCII.
  auto utf8 = catalog::detail::parse_python_lock(
      "[[package]]\nname = \"caf\u00e9-tools\"\nversion = \"1.0\"\ndescription = \"\u00c9l\u00e9gant \u2014 \u00fcber\"\n", "poetry.lock");
  REQUIRE(utf8);
  REQUIRE(utf8->size() == 1);
  CHECK(utf8->at(0).version == "1.0");
  auto broken = catalog::detail::parse_python_lock("[[package]]\nname = \"a\"\nversion = \"1.0\n", "poetry.lock");
  REQUIRE(!broken);
  CHECK(broken.error().line == 3);
  auto pip = catalog::detail::parse_python_lock("{\"default\": {\"a\": {\"version\": \"==1\"}, \"g\": {\"git\": \"x\"}},"
                                                " \"develop\": {\"b\": {\"version\": \"==2\"}}}", "Pipfile.lock");
  REQUIRE(pip);
  REQUIRE(pip->size() == 2);
  CHECK(pip->at(1).dev);
  CHECK(!catalog::detail::parse_python_lock("{\"default\": ", "Pipfile.lock"));
}
