import { describe, expect, it } from 'vitest';
import { deliveryTargetAllowed, internalAddress, literalTargetAllowed, notifyTargetAllowed } from './targets.js';

/** A refused range, addresses inside it, and the addresses just outside its edges that are not refused by a neighbour. */
interface RangeCase {
  readonly range: string;
  readonly inside: readonly string[];
  readonly outside: readonly string[];
}

const ipv4: readonly RangeCase[] = [
  { range: '0.0.0.0/8', inside: ['0.0.0.0', '0.255.255.255'], outside: ['1.0.0.0'] },
  { range: '10.0.0.0/8', inside: ['10.0.0.0', '10.1.2.3', '10.255.255.255'], outside: ['9.255.255.255', '11.0.0.0'] },
  { range: '100.64.0.0/10', inside: ['100.64.0.0', '100.127.255.255'], outside: ['100.63.255.255', '100.128.0.0'] },
  { range: '127.0.0.0/8', inside: ['127.0.0.0', '127.0.0.1', '127.255.255.255'], outside: ['126.255.255.255', '128.0.0.0'] },
  { range: '169.254.0.0/16', inside: ['169.254.0.0', '169.254.169.254', '169.254.255.255'], outside: ['169.253.255.255', '169.255.0.0'] },
  { range: '172.16.0.0/12', inside: ['172.16.0.0', '172.31.255.255'], outside: ['172.15.255.255', '172.32.0.0'] },
  { range: '192.0.0.0/24', inside: ['192.0.0.0', '192.0.0.8', '192.0.0.255'], outside: ['191.255.255.255', '192.0.1.0'] },
  { range: '192.0.2.0/24', inside: ['192.0.2.0', '192.0.2.255'], outside: ['192.0.1.255', '192.0.3.0'] },
  { range: '192.88.99.0/24', inside: ['192.88.99.0', '192.88.99.255'], outside: ['192.88.98.255', '192.88.100.0'] },
  { range: '192.168.0.0/16', inside: ['192.168.0.0', '192.168.255.255'], outside: ['192.167.255.255', '192.169.0.0'] },
  { range: '198.18.0.0/15', inside: ['198.18.0.0', '198.19.255.255'], outside: ['198.17.255.255', '198.20.0.0'] },
  { range: '198.51.100.0/24', inside: ['198.51.100.0', '198.51.100.255'], outside: ['198.51.99.255', '198.51.101.0'] },
  { range: '203.0.113.0/24', inside: ['203.0.113.0', '203.0.113.255'], outside: ['203.0.112.255', '203.0.114.0'] },
  { range: '224.0.0.0/4', inside: ['224.0.0.0', '239.255.255.250', '239.255.255.255'], outside: ['223.255.255.255'] },
  { range: '240.0.0.0/4', inside: ['240.0.0.0', '255.255.255.254', '255.255.255.255'], outside: [] },
];

const ipv6: readonly RangeCase[] = [
  { range: '::/96', inside: ['::', '::1', '::2', '::127.0.0.1', '::8.8.8.8', '::ffff:ffff'], outside: ['::1:0:0'] },
  { range: '::ffff:0:0:0/96', inside: ['::ffff:0:0:0', '::ffff:0:808:808', '::ffff:0:ffff:ffff'], outside: ['::fffe:ffff:ffff:ffff', '::ffff:1:0:0'] },
  { range: '64:ff9b:1::/48', inside: ['64:ff9b:1::', '64:ff9b:1::8.8.8.8', '64:ff9b:1:ffff:ffff:ffff:ffff:ffff'], outside: ['64:ff9b:0:ffff:ffff:ffff:ffff:ffff', '64:ff9b:2::'] },
  { range: '100::/64', inside: ['100::', '100::ffff:ffff:ffff:ffff'], outside: ['ff:ffff:ffff:ffff:ffff:ffff:ffff:ffff', '100:0:0:1::'] },
  {
    range: '2001::/23',
    inside: ['2001::', '2001:0:4136:e378:8000:63bf:3fff:fdd2', '2001:2::1', '2001:1ff:ffff:ffff:ffff:ffff:ffff:ffff'],
    outside: ['2000:ffff:ffff:ffff:ffff:ffff:ffff:ffff', '2001:200::'],
  },
  { range: '2001:db8::/32', inside: ['2001:db8::', '2001:DB8::1', '2001:db8:ffff:ffff:ffff:ffff:ffff:ffff'], outside: ['2001:db7:ffff:ffff:ffff:ffff:ffff:ffff', '2001:db9::'] },
  { range: '3fff::/20', inside: ['3fff::', '3fff:fff:ffff:ffff:ffff:ffff:ffff:ffff'], outside: ['3ffe:ffff:ffff:ffff:ffff:ffff:ffff:ffff', '3fff:1000::'] },
  { range: '5f00::/16', inside: ['5f00::', '5f00:ffff:ffff:ffff:ffff:ffff:ffff:ffff'], outside: ['5eff:ffff:ffff:ffff:ffff:ffff:ffff:ffff', '5f01::'] },
  { range: 'fc00::/7', inside: ['fc00::', 'fd00::1', 'fdff:ffff:ffff:ffff:ffff:ffff:ffff:ffff'], outside: ['fbff:ffff:ffff:ffff:ffff:ffff:ffff:ffff', 'fe00::'] },
  { range: 'fe80::/10', inside: ['fe80::', 'fe80::1', 'febf:ffff:ffff:ffff:ffff:ffff:ffff:ffff'], outside: ['fe7f:ffff:ffff:ffff:ffff:ffff:ffff:ffff'] },
  { range: 'fec0::/10', inside: ['fec0::', 'fec0::1', 'feff:ffff:ffff:ffff:ffff:ffff:ffff:ffff'], outside: [] },
  { range: 'ff00::/8', inside: ['ff00::', 'ff02::1', 'ffff:ffff:ffff:ffff:ffff:ffff:ffff:ffff'], outside: [] },
];

/** Ways IPv6 carries an IPv4 address: mapped (dotted and hex), NAT64 well-known prefix (dotted and hex), 6to4. */
function carried(address: string): string[] {
  const [a, b, c, d] = address.split('.').map(Number) as [number, number, number, number];
  const [high, low] = [((a << 8) | b).toString(16), ((c << 8) | d).toString(16)];
  return [`::ffff:${address}`, `::ffff:${high}:${low}`, `64:ff9b::${address}`, `64:ff9b::${high}:${low}`, `2002:${high}:${low}::1`];
}

describe('delivery targets', () => {
  describe.each(ipv4)('IPv4 $range', ({ inside, outside }) => {
    it('refuses addresses inside it, also when IPv6 carries them', () => {
      for (const address of inside) {
        expect(internalAddress(address), address).toBe(true);
        for (const form of carried(address)) expect(internalAddress(form), form).toBe(true);
      }
    });
    it('allows the addresses just outside it, also when IPv6 carries them', () => {
      for (const address of outside) {
        expect(internalAddress(address), address).toBe(false);
        for (const form of carried(address)) expect(internalAddress(form), form).toBe(false);
      }
    });
  });

  describe.each(ipv6)('IPv6 $range', ({ inside, outside }) => {
    it('refuses addresses inside it', () => {
      for (const address of inside) expect(internalAddress(address), address).toBe(true);
    });
    it('allows the addresses just outside it', () => {
      for (const address of outside) expect(internalAddress(address), address).toBe(false);
    });
  });

  it('judges IPv4-mapped addresses in any spelling as the IPv4 address they carry', () => {
    for (const address of ['::ffff:10.0.0.1', '::ffff:a00:1', '::FFFF:10.0.0.1', '0:0:0:0:0:ffff:0a00:0001', '::ffff:127.0.0.1', '::ffff:7f00:1', '::ffff:169.254.169.254', '::ffff:255.255.255.255']) {
      expect(internalAddress(address), address).toBe(true);
    }
    for (const address of ['::ffff:8.8.8.8', '::ffff:808:808', '::ffff:172.32.0.1']) expect(internalAddress(address), address).toBe(false);
  });

  it('judges NAT64 addresses of the well-known prefix by the IPv4 address they carry, and refuses local-use NAT64', () => {
    for (const address of ['64:ff9b::10.0.0.1', '64:ff9b::a00:1', '64:FF9B::0A00:0001', '64:ff9b::127.0.0.1', '64:ff9b::169.254.169.254', '64:ff9b::ffff:ffff', '64:ff9b:1::8.8.8.8', '64:ff9b:1::a00:1']) {
      expect(internalAddress(address), address).toBe(true);
    }
    // 64:ff9b::1:0:0 is just past the /96: it carries no IPv4 address, so not 0.0.0.0.
    for (const address of ['64:ff9b::8.8.8.8', '64:ff9b::808:808', '64:ff9b::dfff:ffff', '64:ff9b::1:0:0']) expect(internalAddress(address), address).toBe(false);
  });

  it('judges 6to4 addresses by the IPv4 address they carry, up to the edges of 2002::/16', () => {
    for (const address of ['2002:7f00:1::1', '2002:a9fe:a9fe::', '2002:a00:1:1:1:1:1:1', '2002::', '2002:ffff:ffff:ffff:ffff:ffff:ffff:ffff']) expect(internalAddress(address), address).toBe(true);
    for (const address of ['2002:808:808::1', '2003::1', '2001:4860:4860::8888', '1.1.1.1', '8.8.8.8']) expect(internalAddress(address), address).toBe(false);
  });

  it('refuses any address with a zone, and says nothing of what is not an address', () => {
    for (const address of ['fe80::1%eth0', 'fe80::1%1', '2001:4860:4860::8888%eth0']) expect(internalAddress(address), address).toBe(true);
    for (const text of ['', 'localhost', 'example.com', '10.0.0', '010.0.0.1', '::ffff:10.0.0.256']) expect(internalAddress(text), text).toBe(false);
  });

  it('tells what it can of a URL without resolving it', () => {
    const refused = [
      'http://localhost/x', 'http://api.localhost/x', 'http://127.0.0.1:8080/hooks', 'http://0x7f.1/x', 'http://2130706433/x', 'http://[::1]/x', 'http://[::ffff:10.0.0.1]/x',
      'http://[::ffff:a00:1]/x', 'http://[64:ff9b::10.0.0.1]/x', 'http://[fe80::1]/x', 'http://255.255.255.255/x', 'http://224.0.0.1/x',
    ];
    for (const url of refused) expect(literalTargetAllowed(new URL(url)), url).toBe(false);
    for (const url of ['https://8.8.8.8/hooks', 'http://[2001:4860:4860::8888]/x', 'http://[64:ff9b::8.8.8.8]/x', 'https://example.com/x', 'https://10.0.0.1.example.com/x']) {
      expect(literalTargetAllowed(new URL(url)), url).toBe(true);
    }
  });

  it('allows any target in the sandbox, and only public ones in production', async () => {
    expect(await deliveryTargetAllowed('http://127.0.0.1:8080/hooks', true)).toBe(true);
    for (const url of ['http://127.0.0.1:8080/hooks', 'http://localhost/x', 'http://[::1]/x', 'http://[::ffff:127.0.0.1]/x', 'http://169.254.169.254/latest/meta-data', 'https://10.0.0.5/x', 'http://name.that.does.not.resolve.invalid/x']) {
      expect(await deliveryTargetAllowed(url, false), url).toBe(false);
    }
    expect(await deliveryTargetAllowed('https://8.8.8.8/hooks', false)).toBe(true);
  });
});

describe('notifyTargetAllowed', () => {
  it('refuses localhost names and internal literals in production, without resolving names', () => {
    for (const url of ['http://127.0.0.1/notify', 'http://[::1]/notify', 'http://localhost:8080/notify', 'http://shop.localhost/notify', 'http://10.0.0.8/notify', 'http://[::ffff:a00:1]/notify', 'not a url']) expect(notifyTargetAllowed(url, false)).toBe(false);
    // A name is judged when the delivery resolves it: this one does not resolve, and is taken here.
    for (const url of ['https://shop.example.com/alipay/notify', 'https://no-such-host.invalid/notify', 'http://203.0.114.7/notify']) expect(notifyTargetAllowed(url, false)).toBe(true);
    expect(notifyTargetAllowed('http://127.0.0.1/notify', true)).toBe(true);
  });
});
