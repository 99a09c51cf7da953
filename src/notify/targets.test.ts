import { describe, expect, it } from 'vitest';
import { deliveryTargetAllowed, internalAddress } from './targets.js';

describe('delivery targets', () => {
  it('knows the platform network from the internet', () => {
    for (const address of ['127.0.0.1', '10.1.2.3', '172.16.5.4', '192.168.1.1', '169.254.169.254', '100.64.0.1', '0.0.0.0', '::1', 'fd00::1', 'fe80::1', '::ffff:127.0.0.1']) expect(internalAddress(address)).toBe(true);
    for (const address of ['8.8.8.8', '1.1.1.1', '172.32.0.1', '2001:4860:4860::8888']) expect(internalAddress(address)).toBe(false);
  });

  it('refuses multicast, reserved, benchmarking and documentation ranges, and IPv4 carried inside IPv6', () => {
    const refused = [
      '224.0.0.1', '239.255.255.250', '240.0.0.1', '255.255.255.255', '198.18.0.1', '198.19.255.255', '192.0.0.8', '192.0.2.1', '198.51.100.7', '203.0.113.9',
      'ff02::1', '2001:db8::1', 'fec0::1', '100::1', '2001:0:4136:e378::1', '::127.0.0.1',
      '64:ff9b::127.0.0.1', '64:ff9b::a00:1', '64:ff9b:1::8.8.8.8', '2002:7f00:1::1', '2002:a9fe:a9fe::', '::FFFF:10.0.0.1', '::ffff:a00:1',
    ];
    for (const address of refused) expect(internalAddress(address), address).toBe(true);
    for (const address of ['64:ff9b::8.8.8.8', '2002:808:808::1', '::ffff:8.8.8.8', '198.20.0.1', '223.255.255.254']) expect(internalAddress(address), address).toBe(false);
  });

  it('allows any target in the sandbox, and only public ones in production', async () => {
    expect(await deliveryTargetAllowed('http://127.0.0.1:8080/hooks', true)).toBe(true);
    for (const url of ['http://127.0.0.1:8080/hooks', 'http://localhost/x', 'http://[::1]/x', 'http://[::ffff:127.0.0.1]/x', 'http://169.254.169.254/latest/meta-data', 'https://10.0.0.5/x', 'http://name.that.does.not.resolve.invalid/x']) {
      expect(await deliveryTargetAllowed(url, false)).toBe(false);
    }
    expect(await deliveryTargetAllowed('https://8.8.8.8/hooks', false)).toBe(true);
  });
});
