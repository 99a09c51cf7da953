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

const internal = new BlockList();
internal.addSubnet('0.0.0.0', 8, 'ipv4');
internal.addSubnet('10.0.0.0', 8, 'ipv4');
internal.addSubnet('100.64.0.0', 10, 'ipv4');
internal.addSubnet('127.0.0.0', 8, 'ipv4');
internal.addSubnet('169.254.0.0', 16, 'ipv4');
internal.addSubnet('172.16.0.0', 12, 'ipv4');
internal.addSubnet('192.168.0.0', 16, 'ipv4');
internal.addSubnet('192.0.0.0', 24, 'ipv4'); // IETF protocol assignments
internal.addSubnet('192.0.2.0', 24, 'ipv4'); // documentation (TEST-NET-1)
internal.addSubnet('192.88.99.0', 24, 'ipv4'); // 6to4 relay anycast
internal.addSubnet('198.18.0.0', 15, 'ipv4'); // benchmarking
internal.addSubnet('198.51.100.0', 24, 'ipv4'); // documentation (TEST-NET-2)
internal.addSubnet('203.0.113.0', 24, 'ipv4'); // documentation (TEST-NET-3)
internal.addSubnet('224.0.0.0', 4, 'ipv4'); // multicast
internal.addSubnet('240.0.0.0', 4, 'ipv4'); // reserved, and the broadcast address
internal.addSubnet('::', 96, 'ipv6'); // unspecified, loopback and IPv4-compatible (deprecated)
internal.addSubnet('64:ff9b:1::', 48, 'ipv6'); // local-use NAT64
internal.addSubnet('100::', 64, 'ipv6'); // discard-only
internal.addSubnet('2001::', 32, 'ipv6'); // Teredo
internal.addSubnet('2001:db8::', 32, 'ipv6'); // documentation
internal.addSubnet('fc00::', 7, 'ipv6'); // unique local
internal.addSubnet('fe80::', 10, 'ipv6'); // link-local
internal.addSubnet('fec0::', 10, 'ipv6'); // site-local (deprecated)
internal.addSubnet('ff00::', 8, 'ipv6'); // multicast

/** IPv6 forms that carry an IPv4 address in two hextets, canonical (lower case, compressed). */
const carriesIpv4 = [
  /^::ffff:([0-9a-f]{1,4}):([0-9a-f]{1,4})$/, // IPv4-mapped
  /^64:ff9b::([0-9a-f]{1,4}):([0-9a-f]{1,4})$/, // NAT64, well-known prefix
  /^2002:([0-9a-f]{1,4}):([0-9a-f]{1,4})(?::|$)/, // 6to4
];

/** Whether an address is inside the platform's own network. */
export function internalAddress(address: string): boolean {
  const family = isIP(address);
  if (family === 0) return false;
  if (family === 4) return internal.check(address, 'ipv4');
  // The canonical form (what a URL's host becomes): a.b.c.d tails written as two hextets.
  const canonical = new URL(`http://[${address}]`).hostname.slice(1, -1);
  for (const form of carriesIpv4) {
    const carried = form.exec(canonical);
    if (carried === null) continue;
    const [high, low] = [parseInt(carried[1]!, 16), parseInt(carried[2]!, 16)];
    return internalAddress(`${high >> 8}.${high & 255}.${low >> 8}.${low & 255}`);
  }
  return internal.check(canonical, 'ipv6');
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
