// The local gateway (deploy/gateway/nginx.conf.template, run by scripts/gateway.sh) routes
// exactly what the production Ingress routes, never /internal or /oauth2, and lets server-sent
// events through. Where nginx is installed, a gateway is started in front of four stand-in
// services and every route is tried.
import assert from 'node:assert/strict';
import { execFileSync, spawn } from 'node:child_process';
import fs from 'node:fs';
import { createServer } from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import { deployDir, ofKind, render, repoDir } from './manifests.mjs';

const template = fs.readFileSync(path.join(deployDir, 'gateway', 'nginx.conf.template'), 'utf8');
const services = ['auth-service', 'token-service', 'connector-service', 'notification-service'];

// nginx's config syntax, enough for this file: directives `name args...;` and blocks
// `name args... { ... }`, quoted strings, # comments -> [{name, args, block?}]
function parse(text) {
  const tokens = text.match(/'[^']*'|"[^"]*"|#[^\n]*|[{};]|[^\s{};'"#]+/g).filter((t) => !t.startsWith('#'));
  const block = () => {
    const directives = [];
    let words = [];
    while (tokens.length) {
      const token = tokens.shift();
      if (token === '}') break;
      if (token === ';') { directives.push({ name: words[0], args: words.slice(1) }); words = []; }
      else if (token === '{') { directives.push({ name: words[0], args: words.slice(1), block: block() }); words = []; }
      else words.push(token.replace(/^(['"])(.*)\1$/s, '$2'));
    }
    return directives;
  };
  return block();
}
const http = parse(template).find((d) => d.name === 'http').block;
const server = http.find((d) => d.name === 'server').block;
// the location blocks: [{exact, path, body}] (named locations left out)
const locations = server.filter((d) => d.name === 'location' && !d.args.at(-1).startsWith('@'))
  .map((d) => ({ exact: d.args[0] === '=', path: d.args.at(-1), body: d.block }));
const directive = (body, name) => body.find((d) => d.name === name)?.args;
const upstreamOf = (location) => directive(location.body, 'proxy_pass')?.[0].match(/^http:\/\/([\w-]+)$/)?.[1];

// The gateway's routes in the Ingress's terms: "path pathType service". Prefix P is
// `location = P` plus `location P/` to the same service; Exact P is `location = P` alone.
function gatewayRoutes() {
  const proxied = locations.filter(upstreamOf);
  const exact = new Map(proxied.filter((l) => l.exact).map((l) => [l.path, upstreamOf(l)]));
  const routes = [];
  for (const l of proxied.filter((l) => !l.exact)) {
    assert.ok(l.path.endsWith('/'), `location ${l.path}: a Prefix route is \`location = P\` plus \`location P/\``);
    const p = l.path.slice(0, -1);
    assert.equal(exact.get(p), upstreamOf(l), `location ${l.path} needs \`location = ${p}\` to the same service`);
    exact.delete(p);
    routes.push(`${p} Prefix ${upstreamOf(l)}`);
  }
  for (const [p, service] of exact) routes.push(`${p} Exact ${service}`);
  return routes.sort();
}

const ingressRoutes = (objects) => ofKind(objects, 'Ingress')
  .flatMap((i) => i.spec.rules.flatMap((r) => r.http.paths))
  .map((p) => `${p.path} ${p.pathType} ${p.backend.service.name}`)
  .sort();

describe('the local gateway', () => {
  for (const overlay of ['local', 'production']) {
    test(`routes the same paths to the same services as the Ingress (overlay ${overlay})`, () => {
      assert.deepEqual(gatewayRoutes(), ingressRoutes(render(overlay)));
    });
  }

  test('proxies only to the four services, and nothing under /internal or /oauth2', () => {
    const upstreams = http.filter((d) => d.name === 'upstream').map((d) => d.args[0]);
    assert.deepEqual(upstreams.sort(), [...services].sort());
    for (const l of locations.filter(upstreamOf)) {
      assert.ok(services.includes(upstreamOf(l)), `${l.path} → ${upstreamOf(l)}`);
      assert.ok(!l.path.startsWith('/internal') && !l.path.startsWith('/oauth2'), `${l.path} must stay inside the cluster`);
    }
    assert.deepEqual(locations.filter((l) => !upstreamOf(l) && l.path !== '/').map((l) => l.path).sort(), ['/api/', '/internal', '/oauth2']);
    for (const l of locations.filter((l) => !upstreamOf(l) && l.path !== '/')) {
      const [status, body] = directive(l.body, 'return');
      assert.equal(status, '404', l.path);
      assert.equal(JSON.parse(body).error, 'not_found', l.path);
    }
  });

  test('lets server-sent events through unbuffered, with the client\'s headers', () => {
    const expected = {
      proxy_http_version: '1.1', proxy_buffering: 'off', proxy_cache: 'off', proxy_read_timeout: '3600s',
    };
    for (const [name, value] of Object.entries(expected)) assert.equal(directive(server, name)?.join(' '), value, name);
    assert.equal(directive(http, 'gzip')?.[0], 'off', 'gzip');
    const headers = Object.fromEntries(server.filter((d) => d.name === 'proxy_set_header').map((d) => d.args));
    assert.deepEqual(headers, {
      Connection: '', Host: '$http_host', 'X-Forwarded-For': '$proxy_add_x_forwarded_for',
      'X-Forwarded-Proto': '$scheme', 'X-Forwarded-Host': '$http_host',
      // the audit log names the request: the gateway's own id, never one the client made up
      'X-Request-Id': '$request_id',
    });
    for (const l of locations.filter(upstreamOf)) {
      assert.deepEqual(l.body.map((d) => d.name), ['proxy_pass'], `${l.path}: the server's proxy settings, unchanged`);
    }
  });
});

const nginx = ['/usr/sbin/nginx', ...(process.env.PATH ?? '').split(':').map((d) => path.join(d, 'nginx'))]
  .find((f) => fs.existsSync(f));

describe('a running gateway in front of stand-in services', { skip: nginx ? false : 'nginx is not installed' }, () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'wevion-gateway-'));
  const consoleDir = path.join(dir, 'console');
  const stand = new Map(); // service -> {server, port, seen: [{url, headers}]}
  const freePort = () => new Promise((resolve) => {
    const s = createServer().listen(0, '127.0.0.1', () => { const { port } = s.address(); s.close(() => resolve(port)); });
  });
  let gateway, base;

  before(async () => {
    fs.mkdirSync(consoleDir);
    fs.writeFileSync(path.join(consoleDir, 'index.html'), '<title>Wevion console</title>');
    for (const name of services) {
      const seen = [];
      const server = createServer((req, res) => {
        seen.push({ url: req.url, headers: req.headers });
        if (req.url.endsWith('/stream')) { // one event, then silence: only an unbuffered proxy passes it on
          res.writeHead(200, { 'Content-Type': 'text/event-stream' });
          res.write('id: 1\ndata: first\n\n');
          return;
        }
        res.writeHead(200, { 'Content-Type': 'application/json' });
        res.end(JSON.stringify({ service: name }));
      });
      await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
      stand.set(name, { server, port: server.address().port, seen });
    }
    const port = await freePort();
    base = `http://127.0.0.1:${port}`;
    const address = (name) => `127.0.0.1:${stand.get(name).port}`;
    const args = ['--port', String(port), '--console', consoleDir, '--prefix', path.join(dir, 'gateway'),
      '--auth', address('auth-service'), '--token', address('token-service'),
      '--connector', address('connector-service'), '--notification', address('notification-service')];
    execFileSync(path.join(repoDir, 'scripts', 'gateway.sh'), ['check', ...args], { stdio: 'pipe' }); // nginx -t
    gateway = spawn(path.join(repoDir, 'scripts', 'gateway.sh'), ['run', ...args], { stdio: 'ignore' });
    for (let i = 0; ; i++) {
      try { await fetch(`${base}/`); break; } catch (e) { if (i > 100) throw e; await new Promise((r) => setTimeout(r, 50)); }
    }
  });

  after(async () => {
    gateway?.kill('SIGTERM');
    if (gateway && gateway.exitCode === null) await new Promise((resolve) => gateway.once('exit', resolve));
    for (const { server } of stand.values()) server.closeAllConnections?.(), server.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  test('serves the console at /', async () => {
    const res = await fetch(`${base}/`);
    assert.equal(res.status, 200);
    assert.match(await res.text(), /Wevion console/);
  });

  test('sends every Ingress path, and what lies under a Prefix, to its service; nothing else', async () => {
    for (const route of ingressRoutes(render('production'))) {
      const [p, type, service] = route.split(' ');
      for (const url of type === 'Prefix' ? [p, `${p}/x/y?z=1`] : [p]) {
        const res = await fetch(base + url, { headers: { Cookie: 'wevion_session=s' } });
        assert.deepEqual([res.status, await res.json()], [200, { service }], url);
        assert.equal(stand.get(service).seen.at(-1).url, url, `${url} reaches ${service} unchanged`);
      }
      const res = await fetch(`${base}${p}x`); // Prefix matches whole path elements only
      assert.equal(res.status, 404, `${p}x`);
      await res.arrayBuffer();
    }
    const headers = stand.get('auth-service').seen.at(-1).headers;
    assert.equal(headers.cookie, 'wevion_session=s');
    assert.equal(headers['x-forwarded-proto'], 'http');
    assert.equal(headers['x-forwarded-host'], base.replace('http://', ''));
  });

  test('answers 404 JSON for /internal, /oauth2 and unknown API paths, even when they are spelt sideways', async () => {
    for (const url of ['/internal/v1/refresh-sweep', '/oauth2/token', '/api/v1/nothing',
      '/api/v1/auth/../../../internal/v1/refresh-sweep', '/api/v1/auth/%2e%2e/%2e%2e/%2e%2e/oauth2/token']) {
      const res = await fetch(base + url);
      assert.equal(res.status, 404, url);
      assert.equal((await res.json()).error, 'not_found', url);
    }
    const reached = [...stand.values()].flatMap((s) => s.seen.map((r) => r.url));
    assert.ok(!reached.some((u) => /internal|oauth2/.test(u)), reached.join(' '));
  });

  test('passes an event stream on at once, with Last-Event-ID', async () => {
    const abort = new AbortController();
    const timer = setTimeout(() => abort.abort(), 3000);
    try {
      const res = await fetch(`${base}/api/v1/notifications/stream`, { headers: { 'Last-Event-ID': '41' }, signal: abort.signal });
      assert.equal(res.headers.get('content-type'), 'text/event-stream');
      const { value } = await res.body.getReader().read();
      assert.match(new TextDecoder().decode(value), /data: first/);
      assert.equal(stand.get('notification-service').seen.at(-1).headers['last-event-id'], '41');
    } finally {
      clearTimeout(timer);
      abort.abort();
    }
  });

  test('answers 502 JSON when the service behind a route is down', async () => {
    const { server } = stand.get('connector-service');
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
    const res = await fetch(`${base}/api/v1/connectors`);
    assert.equal(res.status, 502);
    assert.equal((await res.json()).error, 'service_unavailable');
  });
});
