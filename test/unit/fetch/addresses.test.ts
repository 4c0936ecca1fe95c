// Address classification and host normalisation for the safe fetcher: every refused range and every
// spelling of an address, checked as pure functions (nothing here opens a socket or resolves a name).
import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { classifyAddress, normaliseHost } from "../../../src/fetch/addresses.js";
import { FetchRefused } from "../../../src/fetch/errors.js";
import { parseAllowList, checkAddress } from "../../../src/fetch/guard.js";

const CLASSES: ReadonlyArray<readonly [string, ReturnType<typeof classifyAddress>]> = [
  // public
  ["8.8.8.8", "public"],
  ["1.1.1.1", "public"],
  ["93.184.216.34", "public"],
  ["2606:4700::1111", "public"],
  ["2001:4860:4860::8888", "public"],
  ["::ffff:8.8.8.8", "public"],
  ["64:ff9b::808:808", "public"],
  ["172.32.0.1", "public"],
  ["100.128.0.1", "public"],
  ["11.0.0.1", "public"],
  // IPv4 special ranges
  ["127.0.0.1", "loopback"],
  ["127.255.255.254", "loopback"],
  ["10.0.0.1", "private"],
  ["10.255.255.255", "private"],
  ["172.16.0.1", "private"],
  ["172.31.255.255", "private"],
  ["192.168.1.1", "private"],
  ["169.254.169.254", "link-local"],
  ["169.254.0.1", "link-local"],
  ["100.64.0.1", "cgnat"],
  ["100.127.255.255", "cgnat"],
  ["0.0.0.0", "unspecified"],
  ["0.1.2.3", "unspecified"],
  ["224.0.0.1", "multicast"],
  ["239.255.255.250", "multicast"],
  ["240.0.0.1", "reserved"],
  ["255.255.255.254", "reserved"],
  ["255.255.255.255", "broadcast"],
  ["192.0.0.8", "reserved"],
  ["192.88.99.1", "reserved"],
  ["192.0.2.1", "documentation"],
  ["198.51.100.7", "documentation"],
  ["203.0.113.9", "documentation"],
  ["198.18.0.1", "benchmark"],
  ["198.19.255.255", "benchmark"],
  // IPv6 special ranges
  ["::", "unspecified"],
  ["::1", "loopback"],
  ["0:0:0:0:0:0:0:1", "loopback"],
  ["fe80::1", "link-local"],
  ["fe80::1%eth0", "link-local"],
  ["febf::1", "link-local"],
  ["fec0::1", "site-local"],
  ["fc00::1", "unique-local"],
  ["fd12:3456:789a::1", "unique-local"],
  ["ff02::1", "multicast"],
  ["ff05::2", "multicast"],
  ["2001:db8::1", "documentation"],
  ["3fff::1", "documentation"],
  ["2001:2::1", "benchmark"],
  ["100::1", "reserved"],
  ["2001:10::1", "reserved"],
  ["4000::1", "reserved"],
  ["::2:3", "ipv4-mapped-private"],
  // IPv4 wrapped in IPv6
  ["::ffff:127.0.0.1", "ipv4-mapped-private"],
  ["::ffff:7f00:1", "ipv4-mapped-private"],
  ["[::ffff:10.0.0.1]", "ipv4-mapped-private"],
  ["::ffff:0:192.168.0.1", "ipv4-mapped-private"],
  ["::127.0.0.1", "ipv4-mapped-private"],
  ["::ffff:169.254.169.254", "ipv4-mapped-private"],
  ["64:ff9b::7f00:1", "nat64"],
  ["64:ff9b::10.0.0.1", "nat64"],
  ["64:ff9b:1::8.8.8.8", "nat64"],
  ["2002:7f00:1::1", "6to4"],
  ["2002:0808:0808::1", "6to4"],
  ["2001:0:4136:e378:8000:63bf:3fff:fdd2", "teredo"],
  // other IPv4 spellings reach the same classes
  ["2130706433", "loopback"],
  ["0x7f.1", "loopback"],
  ["017700000001", "loopback"],
  ["127.1", "loopback"],
  ["0x0a000001", "private"],
  ["012.0.0.1", "private"],
  ["0xA9.0xFE.0xA9.0xFE", "link-local"],
  ["0", "unspecified"],
];

describe("classifyAddress", () => {
  for (const [ip, expected] of CLASSES) {
    test(`${ip} is ${expected}`, () => {
      assert.equal(classifyAddress(ip), expected);
    });
  }

  test("has at least 60 cases", () => {
    assert.ok(CLASSES.length >= 60, String(CLASSES.length));
  });

  test("host names are not addresses", () => {
    assert.throws(() => classifyAddress("example.com"), TypeError);
  });
});

const SPELLINGS: ReadonlyArray<readonly [string, "ipv4" | "ipv6" | "name", string]> = [
  ["127.0.0.1", "ipv4", "127.0.0.1"],
  ["2130706433", "ipv4", "127.0.0.1"],
  ["0x7f.1", "ipv4", "127.0.0.1"],
  ["0x7F000001", "ipv4", "127.0.0.1"],
  ["017700000001", "ipv4", "127.0.0.1"],
  ["127.1", "ipv4", "127.0.0.1"],
  ["127.0.1", "ipv4", "127.0.0.1"],
  ["0177.0.0.01", "ipv4", "127.0.0.1"],
  ["127.0.0.1.", "ipv4", "127.0.0.1"],
  ["0x7f.0x0.0x0.0x1", "ipv4", "127.0.0.1"],
  ["0", "ipv4", "0.0.0.0"],
  ["0x", "ipv4", "0.0.0.0"],
  ["4294967295", "ipv4", "255.255.255.255"],
  ["3232235777", "ipv4", "192.168.1.1"],
  ["[::1]", "ipv6", "::1"],
  ["::1", "ipv6", "::1"],
  ["[0:0:0:0:0:0:0:1]", "ipv6", "::1"],
  ["[::ffff:7f00:1]", "ipv4", "127.0.0.1"],
  ["[::ffff:127.0.0.1]", "ipv4", "127.0.0.1"],
  ["::FFFF:10.0.0.1", "ipv4", "10.0.0.1"],
  ["[::127.0.0.1]", "ipv4", "127.0.0.1"],
  ["[::ffff:0:a00:1]", "ipv4", "10.0.0.1"],
  ["[::]", "ipv6", "::"],
  ["[2606:4700:0:0:0:0:0:1111]", "ipv6", "2606:4700::1111"],
  ["[2001:DB8:0:0:1:0:0:1]", "ipv6", "2001:db8::1:0:0:1"],
  ["[fe80::1%25eth0]", "ipv6", "fe80::1"],
  ["[64:ff9b::127.0.0.1]", "ipv6", "64:ff9b::7f00:1"],
  ["Example.COM", "name", "example.com"],
  ["example.com.", "name", "example.com"],
  ["localhost", "name", "localhost"],
  ["1.2.3.4.example", "name", "1.2.3.4.example"],
];

describe("normaliseHost", () => {
  for (const [host, kind, value] of SPELLINGS) {
    test(`${host} → ${kind} ${value}`, () => {
      assert.deepEqual(normaliseHost(host), { kind, value });
    });
  }

  for (const bad of [
    "256.256.256.256",
    "1.2.3.4.5",
    "4294967296",
    "0x100000000",
    "09.1.1.1",
    "example.99",
    "[::1",
    "[1:2:3:4:5:6:7:8:9]",
    "[::g]",
    "[1::2::3]",
    "[1.2.3.4::]",
    "",
  ]) {
    test(`${JSON.stringify(bad)} is refused as a malformed host`, () => {
      assert.throws(
        () => normaliseHost(bad),
        (error: unknown) => error instanceof FetchRefused && error.reason === "bad-url",
      );
    });
  }

  test("agrees with the WHATWG URL parser on IPv4 spellings", () => {
    for (const host of ["2130706433", "0x7f.1", "017700000001", "127.1", "0x7F000001", "3232235777"]) {
      assert.equal(normaliseHost(host).value, new URL(`http://${host}/`).hostname, host);
    }
  });
});

describe("allow list", () => {
  const allow = parseAllowList(["127.0.0.1", "nas.lan", "192.168.0.0/16", "[::1]"]);

  test("an IP entry matches every spelling of that address", () => {
    assert.equal(checkAddress("127.1", "127.0.0.1", allow), "127.0.0.1");
    assert.equal(checkAddress("x", "::ffff:127.0.0.1", allow), "127.0.0.1");
    assert.equal(checkAddress("x", "0:0::1", allow), "::1");
  });

  test("a name entry allows that name's private addresses, a CIDR entry its block", () => {
    assert.equal(checkAddress("nas.lan.", "10.1.2.3", allow), "10.1.2.3");
    assert.equal(checkAddress("printer.lan", "192.168.44.5", allow), "192.168.44.5");
  });

  test("other private addresses stay refused", () => {
    assert.throws(() => checkAddress("x", "127.0.0.2", allow), /private-address/);
    assert.throws(() => checkAddress("x", "10.0.0.1", allow), /private-address/);
  });

  test("unspecified, multicast and broadcast are refused even when listed", () => {
    const all = parseAllowList(["0.0.0.0", "255.255.255.255", "224.0.0.1", "::"]);
    for (const ip of ["0.0.0.0", "255.255.255.255", "224.0.0.1", "::"]) {
      assert.throws(() => checkAddress(ip, ip, all), /private-address/, ip);
    }
  });

  test("malformed entries are configuration errors, never a wider allowance", () => {
    for (const entry of ["10.0.0.0/", "10.0.0.0/x", "10.0.0.0/33", "999.1.1.1", "[::1"]) {
      assert.throws(() => parseAllowList([entry]), TypeError, entry);
    }
  });

  test("public addresses need no entry; garbage from a resolver is a dns refusal", () => {
    assert.equal(checkAddress("example.com", "93.184.216.34", parseAllowList()), "93.184.216.34");
    assert.throws(() => checkAddress("example.com", "not-an-ip", parseAllowList()), /^FetchRefused: dns/);
  });
});
