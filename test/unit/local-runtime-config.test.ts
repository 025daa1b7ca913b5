/**
 * The local servers' public URL for the gate QR code (infra/local/runtime-config.ts): the one
 * configured, else the LAN address when the page was opened on a loopback name of a server that
 * listens on every interface, else none (the app uses the origin it was opened at).
 */
import { describe, expect, it } from 'vitest';
import { lanAddress, publicUrlFor } from '#infra/local/runtime-config.ts';

describe('publicUrlFor', () => {
  it('answers the configured URL whatever the page was opened at, without a trailing slash', () => {
    expect(publicUrlFor({ host: '127.0.0.1', publicUrl: 'https://cordon.example.org/' }, { host: 'localhost:5173', port: 5173 })).toBe('https://cordon.example.org');
    expect(publicUrlFor({ host: '0.0.0.0', publicUrl: 'http://10.0.0.5:8080' }, { host: '192.168.1.9:5173', port: 5173 })).toBe('http://10.0.0.5:8080');
  });

  it('answers none for a page opened at an address others can reach: its own origin is right', () => {
    expect(publicUrlFor({ host: '0.0.0.0' }, { host: '192.168.1.9:5173', port: 5173 })).toBeUndefined();
    expect(publicUrlFor({ host: '0.0.0.0' }, { host: 'cordon.lan:5173', port: 5173 })).toBeUndefined();
  });

  it('answers none for a server on loopback only: nothing else reaches it', () => {
    expect(publicUrlFor({ host: '127.0.0.1' }, { host: '127.0.0.1:5173', port: 5173 })).toBeUndefined();
  });

  it('answers the LAN address, same port, for a loopback name of a server on every interface', () => {
    const lan = lanAddress();
    for (const opened of ['localhost:5173', '127.0.0.1:5173', '[::1]:5173']) {
      expect(publicUrlFor({ host: '0.0.0.0' }, { host: opened, port: 5173 })).toBe(lan ? `http://${lan}:5173` : undefined);
    }
    expect(publicUrlFor({ host: '::' }, { host: 'localhost:4000', port: 4000 })).toBe(lan ? `http://${lan}:4000` : undefined);
  });
});
