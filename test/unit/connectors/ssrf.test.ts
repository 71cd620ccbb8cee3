import { describe, expect, it } from "vitest";
import { ConnectorError } from "../../../worker/connectors/types";
import { assertPublicUrl, parseIPv4, parseIPv6 } from "../../../worker/connectors/ssrf";

const refusedAlways = [
  ["ftp://example.com/file", "scheme"],
  ["file:///etc/passwd", "scheme"],
  ["javascript:alert(1)", "scheme"],
  ["not a url", "invalid"],
  ["http://169.254.169.254/latest/meta-data/", "metadata"],
  ["http://[fd00:ec2::254]/", "metadata"],
  ["http://metadata.google.internal/computeMetadata/v1/", "metadata"],
  ["http://2852039166/", "metadata (decimal 169.254.169.254)"],
  ["http://100.100.100.200/", "metadata (Alibaba)"],
  ["http://169.254.170.2/v2/credentials", "metadata (AWS ECS task credentials)"],
  // The metadata address in every other spelling (issue 18): URL parsers turn the IPv4 forms
  // into 169.254.169.254; the IPv6 and wildcard-DNS forms carry it inside.
  ["http://0251.0376.0251.0376/", "metadata, octal"],
  ["http://0xa9.0xfe.0xa9.0xfe/", "metadata, hex parts"],
  ["http://0xa9fea9fe/", "metadata, one hex number"],
  ["http://169.254.43518/", "metadata, short form a.b.c"],
  ["http://169.16689662/", "metadata, short form a.b"],
  ["http://%31%36%39.254.169.254/", "metadata, percent-encoded"],
  ["http://169.254.169.254./", "metadata, trailing dot"],
  ["http://[::ffff:169.254.169.254]/", "metadata, IPv4-mapped"],
  ["http://[::ffff:a9fe:a9fe]/", "metadata, IPv4-mapped in hex"],
  ["http://[0:0:0:0:0:ffff:a9fe:a9fe]/", "metadata, IPv4-mapped in full"],
  ["http://[::ffff:0:169.254.169.254]/", "metadata, IPv4-translated"],
  ["http://[::169.254.169.254]/", "metadata, IPv4-compatible"],
  ["http://[64:ff9b::169.254.169.254]/", "metadata, NAT64"],
  ["http://[64:ff9b::a9fe:a9fe]/", "metadata, NAT64 in hex"],
  ["http://[2002:a9fe:a9fe::1]/", "metadata, 6to4"],
  ["http://[2001:0:4136:e378:8000:63bf:5601:5601]/", "metadata, Teredo"],
  ["http://[::ffff:100.100.100.200]/", "metadata (Alibaba), IPv4-mapped"],
  ["http://[fd00:ec2:0:0::254]/", "metadata (AWS IPv6), long form"],
  ["http://169.254.169.254.nip.io/", "metadata, wildcard DNS"],
  ["http://169-254-169-254.sslip.io/", "metadata, wildcard DNS, dashed"],
  ["http://METADATA.google.internal./", "metadata name, upper case, trailing dot"],
] as const;

const refusedUnlessPrivateAllowed = [
  ["http://127.0.0.1/", "loopback"],
  ["http://127.1/", "short loopback"],
  ["http://2130706433/", "decimal loopback"],
  ["http://0x7f.1/", "hex loopback"],
  ["http://0x7f000001/", "hex loopback, one part"],
  ["http://0177.0.0.1/", "octal loopback"],
  ["http://0/", "zero"],
  ["http://0.0.0.0:8080/", "unspecified"],
  ["http://10.1.2.3/", "private 10/8"],
  ["http://172.16.0.1/", "private 172.16/12"],
  ["http://172.31.255.255/", "private 172.16/12 end"],
  ["http://192.168.1.1/", "private 192.168/16"],
  ["http://100.64.0.1/", "CGNAT"],
  ["http://100.127.255.254/", "CGNAT end"],
  ["http://169.254.1.1/", "link-local"],
  ["http://224.0.0.1/", "multicast"],
  ["http://255.255.255.255/", "broadcast"],
  ["http://[::1]/", "IPv6 loopback"],
  ["http://[::]/", "IPv6 unspecified"],
  ["http://[0:0:0:0:0:0:0:1]/", "IPv6 loopback, long form"],
  ["http://[::ffff:127.0.0.1]/", "IPv4-mapped loopback"],
  ["http://[::ffff:7f00:1]/", "IPv4-mapped loopback, hex"],
  ["http://[::ffff:10.0.0.1]/", "IPv4-mapped private"],
  ["http://[::127.0.0.1]/", "IPv4-compatible loopback"],
  ["http://[64:ff9b::127.0.0.1]/", "NAT64 of loopback"],
  ["http://[2002:7f00:1::]/", "6to4 of loopback"],
  ["http://[::ffff:0:10.0.0.1]/", "IPv4-translated private"],
  ["http://[2001:0:4136:e378:8000:63bf:80ff:fffe]/", "Teredo of loopback"],
  ["http://[fc00::1]/", "unique-local"],
  ["http://[fd12:3456::1]/", "unique-local fd"],
  ["http://[fe80::1]/", "link-local"],
  ["http://[fe80::1%25eth0]/", "link-local with zone"],
  ["http://[ff02::1]/", "multicast"],
  ["http://localhost/", "localhost"],
  ["http://LOCALHOST./", "localhost, upper case, trailing dot"],
  ["http://api.localhost/", "*.localhost"],
  ["http://printer.local/", "*.local"],
  ["http://db.internal/", "*.internal"],
  ["http://intranet/", "single label"],
  ["http://127.0.0.1.nip.io/", "wildcard DNS with the address in the name"],
  ["http://10-0-0-1.sslip.io/", "wildcard DNS, dashed address"],
  ["http://app.localtest.me/", "wildcard DNS for the local machine"],
] as const;

const allowed = [
  "https://api.telegram.org/bot123:abc/getMe",
  "https://mycompany.amocrm.ru/api/v4/account",
  "http://amocrm.fake/api/v4/contacts",
  "http://t1.keepincrm.fake/v1/agreements",
  "https://8.8.8.8/",
  "http://[2606:4700:4700::1111]/",
  "http://[::ffff:8.8.8.8]/",
  "http://[64:ff9b::8.8.8.8]/",
  "https://172.32.0.1/",
  "https://100.128.0.1/",
  "https://192.169.0.1/",
  "https://localhost.example.com/",
  "https://local.example.com/",
  "https://notnip.io/",
  "https://nip.io.example.com/",
] as const;

describe("assertPublicUrl", () => {
  it.each(refusedAlways)("refuses %s (%s), even when private networks are allowed", (url) => {
    for (const allowPrivateNetwork of [false, true]) {
      const err = catchErr(() => assertPublicUrl(url, { allowPrivateNetwork }));
      expect(err).toBeInstanceOf(ConnectorError);
      expect(err.options).toMatchObject({ code: "ssrf_blocked" });
      expect(err.options.transient).toBeFalsy();
    }
  });

  it.each(refusedUnlessPrivateAllowed)("refuses %s (%s) by default, allows it with allowPrivateNetwork", (url) => {
    expect(catchErr(() => assertPublicUrl(url))).toBeInstanceOf(ConnectorError);
    expect(assertPublicUrl(url, { allowPrivateNetwork: true }).href).toBeTruthy();
  });

  it.each(allowed)("allows %s", (url) => {
    expect(assertPublicUrl(url).href).toBe(new URL(url).href);
  });

  it("names a metadata service as such however it is spelled", () => {
    for (const url of ["http://[::ffff:169.254.169.254]/", "http://2852039166/", "http://169.254.169.254.nip.io/"]) {
      expect(catchErr(() => assertPublicUrl(url, { allowPrivateNetwork: true })).message).toMatch(/: it is a cloud metadata service\.$/);
    }
  });

  it("says why, in words a user can act on", () => {
    expect(catchErr(() => assertPublicUrl("http://0x7f.1/")).message).toBe("Calls to 127.0.0.1 are refused: it is a loopback address.");
    expect(catchErr(() => assertPublicUrl("gopher://x.com/")).message).toMatch(/Only http and https/);
  });
});

describe("IP parsers", () => {
  it.each([
    ["127.0.0.1", 0x7f000001],
    ["127.1", 0x7f000001],
    ["0x7f.1", 0x7f000001],
    ["017700000001", 0x7f000001],
    ["2130706433", 0x7f000001],
    ["10.0.258", 0x0a000102],
    ["256.0.0.1", undefined],
    ["1.2.3.4.5", undefined],
    ["example.com", undefined],
    ["08.0.0.1", undefined],
    ["4294967296", undefined],
  ])("parseIPv4(%s) = %s", (text, value) => {
    expect(parseIPv4(text)).toBe(value);
  });

  it.each([
    ["::1", [0, 0, 0, 0, 0, 0, 0, 1]],
    ["::", [0, 0, 0, 0, 0, 0, 0, 0]],
    ["::ffff:127.0.0.1", [0, 0, 0, 0, 0, 0xffff, 0x7f00, 1]],
    ["1:2:3:4:5:6:1.2.3.4", [1, 2, 3, 4, 5, 6, 0x0102, 0x0304]],
    ["fe80::1%eth0", [0xfe80, 0, 0, 0, 0, 0, 0, 1]],
    ["2001:db8::", [0x2001, 0xdb8, 0, 0, 0, 0, 0, 0]],
    ["1::2::3", undefined],
    ["1:2:3:4:5:6:7:8:9", undefined],
    ["::ffff:300.0.0.1", undefined],
    ["g::1", undefined],
  ])("parseIPv6(%s)", (text, groups) => {
    expect(parseIPv6(text)).toEqual(groups);
  });
});

function catchErr(fn: () => unknown): ConnectorError {
  try {
    fn();
  } catch (err) {
    return err as ConnectorError;
  }
  throw new Error("expected a throw");
}

describe("the refusal in Russian", () => {
  it("names the host and what it is, in both languages", () => {
    const refusal = (() => {
      try {
        assertPublicUrl("http://10.1.2.3/admin");
      } catch (err) {
        return err as ConnectorError;
      }
    })();
    expect(refusal?.text).toEqual({
      en: "Calls to 10.1.2.3 are refused: it is a private address.",
      ru: "Вызовы 10.1.2.3 запрещены: это частный адрес.",
    });
    expect(refusal?.message).toBe("Calls to 10.1.2.3 are refused: it is a private address.");
  });
});
