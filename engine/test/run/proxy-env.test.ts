// Which proxy the run's environment names for a request (proxy-env.ts): the variables curl reads,
// no_proxy's forms, loopback always direct, and a proxy that is not an http(s) URL.
import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import { bypasses, proxyFor } from '../../src/run/actions/proxy-env.js';

const via = (url: string, env: Record<string, string>) => proxyFor(new URL(url), env)?.url.href;

test('https URLs use https_proxy, http URLs http_proxy; neither stands in for the other', () => {
  const env = { https_proxy: 'http://secure.corp:3128', http_proxy: 'http://plain.corp:8080' };
  assert.equal(via('https://api.example.com/x', env), 'http://secure.corp:3128/');
  assert.equal(via('http://api.example.com/x', env), 'http://plain.corp:8080/');
  assert.equal(via('https://api.example.com/x', { http_proxy: 'http://plain.corp:8080' }), undefined);
  assert.equal(via('http://api.example.com/x', { https_proxy: 'http://secure.corp:3128' }), undefined);
});

test('the lower-case variable wins over the upper-case one; an empty one is unset', () => {
  assert.equal(via('https://a.example/', { https_proxy: 'http://low:1', HTTPS_PROXY: 'http://up:2' }), 'http://low:1/');
  assert.equal(via('https://a.example/', { HTTPS_PROXY: 'http://up:2' }), 'http://up:2/');
  assert.equal(via('https://a.example/', { https_proxy: ' ', HTTPS_PROXY: 'http://up:2' }), 'http://up:2/');
  assert.equal(via('https://a.example/', {}), undefined);
});

test('a proxy without a scheme is http, as curl reads it; credentials are kept but not shown', () => {
  assert.equal(via('https://a.example/', { https_proxy: 'proxy.corp:3128' }), 'http://proxy.corp:3128/');
  const choice = proxyFor(new URL('https://a.example/'), { HTTPS_PROXY: 'http://me:s3cret@proxy.corp:3128' });
  assert.equal(choice?.url.password, 's3cret');
  assert.equal(choice?.shown, 'the proxy http://proxy.corp:3128 (HTTPS_PROXY)');
});

test('loopback hosts are always reached directly', () => {
  const env = { http_proxy: 'http://p:1', https_proxy: 'http://p:1' };
  for (const url of ['http://localhost:8080/', 'http://api.localhost/', 'http://127.0.0.1/', 'http://127.3.4.5:9/', 'https://[::1]:8443/']) {
    assert.equal(via(url, env), undefined, url);
  }
  assert.equal(via('http://10.0.0.1/', env), 'http://p:1/');
});

test('no_proxy: names match themselves and their subdomains, in any of the usual spellings', () => {
  const t = (url: string, noProxy: string) => bypasses(noProxy, new URL(url));
  assert.ok(t('https://example.com/', 'example.com'));
  assert.ok(t('https://api.example.com/', 'example.com'));
  assert.ok(t('https://api.example.com/', '.example.com'));
  assert.ok(t('https://api.example.com/', '*.example.com'));
  assert.ok(t('https://example.com/', '.example.com'));
  assert.ok(!t('https://notexample.com/', 'example.com'));
  assert.ok(t('https://API.Example.com/', 'other.org, EXAMPLE.COM'));
  assert.ok(t('https://anything.org/', '*'));
  assert.ok(!t('https://anything.org/', ''));
});

test('no_proxy: a port limits an entry to it (the scheme\'s default port counts)', () => {
  const t = (url: string, noProxy: string) => bypasses(noProxy, new URL(url));
  assert.ok(t('https://example.com/', 'example.com:443'));
  assert.ok(!t('http://example.com/', 'example.com:443'));
  assert.ok(t('http://example.com:8080/', 'example.com:8080'));
});

test('no_proxy: addresses and CIDR ranges match targets written as addresses', () => {
  const t = (url: string, noProxy: string) => bypasses(noProxy, new URL(url));
  assert.ok(t('http://10.1.2.3/', '10.0.0.0/8'));
  assert.ok(!t('http://11.1.2.3/', '10.0.0.0/8'));
  assert.ok(t('http://192.168.1.5:81/', '192.168.1.5'));
  assert.ok(t('http://[fd00::5]/', 'fd00::/8'));
  assert.ok(t('http://[fd00::5]:81/', '[fd00::5]:81'));
  assert.ok(!t('http://10.1.2.3/', 'example.com'));
  // A name is not resolved to match a range: curl does not either.
  assert.ok(!t('http://internal.corp/', '10.0.0.0/8'));
});

test('no_proxy from either variable sends the request directly', () => {
  assert.equal(via('https://api.example.com/', { https_proxy: 'http://p:1', no_proxy: 'example.com' }), undefined);
  assert.equal(via('https://api.example.com/', { https_proxy: 'http://p:1', NO_PROXY: 'example.com' }), undefined);
  assert.equal(via('https://api.other.com/', { https_proxy: 'http://p:1', NO_PROXY: 'example.com' }), 'http://p:1/');
});

test('a proxy that is not an http(s) URL fails the step, naming the variable and not its value', () => {
  assert.throws(() => proxyFor(new URL('https://a.example/'), { https_proxy: 'socks5://me:pw@p:1080' }), (e: Error) => {
    assert.equal(e.message, 'https_proxy: socks5 proxies are not supported (expected an http:// or https:// proxy)');
    return true;
  });
  assert.throws(() => proxyFor(new URL('https://a.example/'), { HTTPS_PROXY: 'http://[bad' }), /^Error: HTTPS_PROXY is not a proxy URL \(expected http:\/\/host:port\)$/);
});
