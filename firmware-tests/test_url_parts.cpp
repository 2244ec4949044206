#include <string.h>

#include <string>

#include "check.h"
#include "harbor/url_parts.h"

using harbor::UrlParts;

namespace {

struct Parsed {
  bool ok;
  bool https;
  std::string host;
  unsigned port;
  std::string path;
};

Parsed parse(const char* url) {
  UrlParts parts;
  memset(&parts, 0, sizeof parts);
  Parsed p = {false, false, "", 0, ""};
  p.ok = harbor::parseUrl(url, &parts);
  if (p.ok) {
    p.https = parts.https;
    p.host.assign(parts.host, parts.hostLength);
    p.port = parts.port;
    p.path = parts.path;
  }
  return p;
}

}  // namespace

TEST_CASE("url: the cloud endpoint, a self-hosted server and a bare host") {
  Parsed p = parse("https://harborscale.com/api/v2/ingest/hb_1/batch");
  CHECK(p.ok);
  CHECK(p.https);
  CHECK_EQ(p.host, std::string("harborscale.com"));
  CHECK_EQ(p.port, 443u);
  CHECK_EQ(p.path, std::string("/api/v2/ingest/hb_1/batch"));

  p = parse("http://192.168.1.20:8080/ingest/batch");
  CHECK(p.ok);
  CHECK(!p.https);
  CHECK_EQ(p.host, std::string("192.168.1.20"));
  CHECK_EQ(p.port, 8080u);
  CHECK_EQ(p.path, std::string("/ingest/batch"));

  // No path at all: the path is empty, the port the scheme's default.
  p = parse("http://harbor.local");
  CHECK(p.ok);
  CHECK_EQ(p.host, std::string("harbor.local"));
  CHECK_EQ(p.port, 80u);
  CHECK_EQ(p.path, std::string(""));

  p = parse("https://h.example:8443");
  CHECK(p.ok);
  CHECK_EQ(p.port, 8443u);
  CHECK_EQ(p.path, std::string(""));

  // A query right after the host belongs to the rest, not to the host.
  p = parse("https://h.example?x=1");
  CHECK(p.ok);
  CHECK_EQ(p.host, std::string("h.example"));
  CHECK_EQ(p.path, std::string("?x=1"));
}

TEST_CASE("url: IPv6 literals lose their brackets and keep their colons") {
  Parsed p = parse("https://[2001:db8::1]:8443/batch");
  CHECK(p.ok);
  CHECK_EQ(p.host, std::string("2001:db8::1"));
  CHECK_EQ(p.port, 8443u);
  CHECK_EQ(p.path, std::string("/batch"));

  p = parse("http://[::1]/x");
  CHECK(p.ok);
  CHECK_EQ(p.host, std::string("::1"));
  CHECK_EQ(p.port, 80u);

  p = parse("https://[fe80::1%25wlan0]");
  CHECK(p.ok);
  CHECK_EQ(p.host, std::string("fe80::1%25wlan0"));
  CHECK_EQ(p.port, 443u);
  CHECK_EQ(p.path, std::string(""));

  CHECK(!parse("https://[::1/x").ok);    // unclosed
  CHECK(!parse("https://[]/x").ok);      // empty
  CHECK(!parse("https://[::1]x/").ok);   // junk after the literal
  p = parse("https://[::1]:/");  // an empty port keeps the default
  CHECK(p.ok);
  CHECK_EQ(p.port, 443u);
}

TEST_CASE("url: schemes, credentials and ports") {
  Parsed p = parse("HTTPS://Harbor.Example/x");
  CHECK(p.ok);
  CHECK(p.https);
  CHECK_EQ(p.host, std::string("Harbor.Example"));

  p = parse("https://user:secret@h.example:444/x");
  CHECK(p.ok);
  CHECK_EQ(p.host, std::string("h.example"));
  CHECK_EQ(p.port, 444u);

  p = parse("http://h.example:/x");
  CHECK(p.ok);
  CHECK_EQ(p.port, 80u);

  CHECK_EQ(parse("https://h.example:1/").port, 1u);
  CHECK_EQ(parse("https://h.example:65535/").port, 65535u);
  CHECK(!parse("https://h.example:65536/").ok);
  CHECK(!parse("https://h.example:99999999999/").ok);
  CHECK(!parse("https://h.example:0/").ok);
  CHECK(!parse("https://h.example:80a/").ok);
  CHECK(!parse("https://h.example:-1/").ok);

  CHECK(!parse("harborscale.com/api").ok);
  CHECK(!parse("ftp://h.example/").ok);
  CHECK(!parse("httpx://h.example/").ok);
  CHECK(!parse("https:/h.example/").ok);
  CHECK(!parse("https:///path").ok);
  CHECK(!parse("https://:443/").ok);
  CHECK(!parse("https://user@/").ok);
  CHECK(!parse("").ok);
  CHECK(!harbor::parseUrl(0, 0));
}

TEST_CASE("url: the host copies out only when it fits") {
  UrlParts parts;
  CHECK(harbor::parseUrl("https://abcdef/x", &parts));
  char out[8];
  CHECK(harbor::copyUrlHost(parts, out, sizeof out));
  CHECK_EQ(std::string(out), std::string("abcdef"));
  char exact[7];
  CHECK(harbor::copyUrlHost(parts, exact, sizeof exact));
  CHECK_EQ(std::string(exact), std::string("abcdef"));
  char small[6] = "zzzzz";
  CHECK(!harbor::copyUrlHost(parts, small, sizeof small));
  CHECK_EQ(std::string(small), std::string(""));
  CHECK(!harbor::copyUrlHost(parts, small, 0));
}
