// Where deliveries may go. In production a webhook or notify_url may not point into the platform's
// own network or at any address that is not a public unicast host (loopback, private, shared,
// link-local, unique-local, unspecified, multicast, reserved, benchmarking and documentation
// ranges, after IANA's special-purpose registries), so that a merchant cannot make the server call
// its neighbours (SSRF); the sandbox allows them, since a developer's receiver is usually on
// localhost. An IPv4 address carried inside IPv6 (mapped, NAT64, 6to4) is judged as the IPv4
// address it carries. A name's addresses are checked when an endpoint is given, and again by the
// connection of each delivery (deliver.ts), which uses only the addresses it checked.

import { lookup } from 'node:dns/promises';
import { BlockList, isIP } from 'node:net';

/** A refused range: its first address and prefix length, as `net.BlockList.addSubnet` takes them. */
type Range = readonly [network: string, prefix: number];

/** IPv4 ranges that are not public unicast hosts. */
const refusedIpv4: readonly Range[] = [
  ['0.0.0.0', 8], // "this network" (RFC 791, RFC 1122)
  ['10.0.0.0', 8], // private (RFC 1918)
  ['100.64.0.0', 10], // shared address space, carrier-grade NAT (RFC 6598)
  ['127.0.0.0', 8], // loopback (RFC 1122)
  ['169.254.0.0', 16], // link-local, cloud metadata services among them (RFC 3927)
  ['172.16.0.0', 12], // private (RFC 1918)
  ['192.0.0.0', 24], // IETF protocol assignments (RFC 6890)
  ['192.0.2.0', 24], // documentation, TEST-NET-1 (RFC 5737)
  ['192.88.99.0', 24], // 6to4 relay anycast, deprecated (RFC 7526)
  ['192.168.0.0', 16], // private (RFC 1918)
  ['198.18.0.0', 15], // benchmarking (RFC 2544)
  ['198.51.100.0', 24], // documentation, TEST-NET-2 (RFC 5737)
  ['203.0.113.0', 24], // documentation, TEST-NET-3 (RFC 5737)
  ['224.0.0.0', 4], // multicast (RFC 5771)
  ['240.0.0.0', 4], // reserved (RFC 1112), with the limited broadcast 255.255.255.255 (RFC 919)
];

/** IPv6 ranges that are not public unicast hosts, refused whatever they carry. */
const refusedIpv6: readonly Range[] = [
  ['::', 96], // unspecified ::, loopback ::1 and deprecated IPv4-compatible ::a.b.c.d (RFC 4291)
  ['::ffff:0:0:0', 96], // IPv4-translated, for stateless translators (RFC 2765)
  ['64:ff9b:1::', 48], // local-use NAT64: translated by a network's own translator (RFC 8215)
  ['100::', 64], // discard-only (RFC 6666)
  ['2001::', 23], // IETF protocol assignments (RFC 2928): Teredo 2001::/32 (RFC 4380), benchmarking 2001:2::/48 (RFC 5180), ORCHID
  ['2001:db8::', 32], // documentation (RFC 3849)
  ['3fff::', 20], // documentation (RFC 9637)
  ['5f00::', 16], // segment routing (SRv6) SIDs (RFC 9602)
  ['fc00::', 7], // unique local (RFC 4193)
  ['fe80::', 10], // link-local (RFC 4291)
  ['fec0::', 10], // site-local, deprecated (RFC 3879)
  ['ff00::', 8], // multicast (RFC 4291)
];

/**
 * IPv6 prefixes whose addresses carry an IPv4 address, which they are judged as: each refused IPv4
 * range is refused under them too. The well-known NAT64 prefix is not refused outright: on an
 * IPv6-only host, DNS64 answers it for every IPv4-only name, public receivers included, and a
 * translator reaches the IPv4 address it carries (RFC 6052 forbids non-global ones in it, but a
 * translator need not enforce that), so what it carries decides. IPv4-mapped addresses
 * (::ffff:a.b.c.d, RFC 4291) need no entry: `BlockList` matches them against IPv4 ranges itself.
 */
const carriers: readonly { readonly prefix: number; readonly address: (high: string, low: string) => string }[] = [
  { prefix: 96, address: (high, low) => `64:ff9b::${high}:${low}` }, // NAT64, well-known prefix 64:ff9b::/96 (RFC 6052)
  { prefix: 16, address: (high, low) => `2002:${high}:${low}::` }, // 6to4 2002::/16 (RFC 3056)
];

const internal = new BlockList();
for (const [network, prefix] of refusedIpv6) internal.addSubnet(network, prefix, 'ipv6');
for (const [network, prefix] of refusedIpv4) {
  internal.addSubnet(network, prefix, 'ipv4');
  const [a, b, c, d] = network.split('.').map(Number) as [number, number, number, number];
  const [high, low] = [((a << 8) | b).toString(16), ((c << 8) | d).toString(16)];
  for (const carrier of carriers) internal.addSubnet(carrier.address(high, low), carrier.prefix + prefix, 'ipv6');
}

/** Whether an address is inside the platform's own network (false for anything not an IP address). */
export function internalAddress(address: string): boolean {
  const family = isIP(address);
  if (family === 0) return false;
  // A zone (fe80::1%eth0) only qualifies an address that is not global (RFC 4007).
  if (address.includes('%')) return true;
  return internal.check(address, family === 4 ? 'ipv4' : 'ipv6');
}

/**
 * What can be told of a target without resolving it: false for localhost names and internal
 * address literals; true otherwise (a name's addresses are checked when it is resolved).
 */
export function literalTargetAllowed(target: URL): boolean {
  const host = target.hostname.replace(/^\[|\]$/g, '');
  if (host === 'localhost' || host.endsWith('.localhost')) return false;
  return isIP(host) === 0 || !internalAddress(host);
}

/**
 * Whether a gateway request's notify_url may be taken, judged without resolving its name: always
 * in the sandbox; in production, not a localhost name or an internal address literal. A name is
 * not resolved here, on the payment's path (a slow resolver would hold the payment and a thread of
 * libuv's pool): the delivery resolves it and connects only to addresses it checked (deliver.ts),
 * and an internal one fails the delivery. Malformed URLs are the caller's to refuse.
 */
export function notifyTargetAllowed(url: string, allowInternal: boolean): boolean {
  if (allowInternal) return true;
  try {
    return literalTargetAllowed(new URL(url));
  } catch {
    return false;
  }
}

/**
 * Whether a delivery may go to this URL now: always in the sandbox; in production, only to public
 * addresses (checked when an endpoint or notify_url is given; deliver.ts checks again as it connects).
 */
export async function deliveryTargetAllowed(url: string, allowInternal: boolean): Promise<boolean> {
  if (allowInternal) return true;
  const target = new URL(url);
  const host = target.hostname.replace(/^\[|\]$/g, '');
  if (!literalTargetAllowed(target)) return false;
  if (isIP(host) !== 0) return true;
  try {
    const addresses = await lookup(host, { all: true });
    return addresses.length > 0 && addresses.every((entry) => !internalAddress(entry.address));
  } catch {
    return false;
  }
}
