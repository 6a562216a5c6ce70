// Issue 16 (5): the alerts worth paging on, as a PrometheusRule in both overlays (deploy/base/monitoring/),
// each with its runbook section in docs/operations.md, and every wevion_* metric they read registered by the
// services' code (a rule on a metric nobody registers never fires, and says nothing about it).
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { describe, test } from 'node:test';
import { ofKind, render, repoDir, schemaValidator } from './manifests.mjs';

const overlays = { local: render('local'), production: render('production') };
const services = ['auth-service', 'token-service', 'connector-service', 'notification-service'];
const runbookFile = 'docs/operations.md';
const runbook = fs.readFileSync(path.join(repoDir, runbookFile), 'utf8');
// the labels the annotation-driven scrape job adds to every series (deploy/base/monitoring/alerts.yaml)
const scrapeLabels = ['namespace', 'pod', 'job', 'instance'];

const rulesOf = (objects) => ofKind(objects, 'PrometheusRule').flatMap((r) => r.spec.groups.flatMap((g) => g.rules));
const alertsOf = (objects) => rulesOf(objects).filter((r) => r.alert);

// GitHub's heading anchors: lower case, punctuation dropped, spaces to hyphens.
const slug = (heading) => heading.trim().toLowerCase().replace(/[^\p{L}\p{N} _-]/gu, '').replace(/ /g, '-');
const anchorsOf = (markdown) => new Set(markdown.split('\n').filter((l) => /^#{1,6} /.test(l)).map((l) => slug(l.replace(/^#+ /, ''))));

// Selectors of an expression: [{name, matchers: [{label, op, value}]}], each metric name with its {…}.
function selectorsOf(expr) {
  return [...expr.matchAll(/\b([a-zA-Z_:][\w:]*)\s*\{([^}]*)\}/g)].map(([, name, body]) => ({
    name,
    matchers: [...body.matchAll(/([a-zA-Z_]\w*)\s*(=~|!~|!=|=)\s*"([^"]*)"/g)].map(([, label, op, value]) => ({ label, op, value })),
  }));
}
const metricsOf = (expr) => [...new Set([...expr.matchAll(/\b(wevion_\w+)/g)].map((m) => m[1]))];

// The Micrometer meters the services' and libs' main code registers: Prometheus name (dots to underscores)
// -> [{kind, file text}]. Found by their registering calls, a name given literally or as a String constant.
function registeredMeters() {
  const roots = [...services.map((s) => path.join(repoDir, s, 'src/main/java')),
    ...fs.readdirSync(path.join(repoDir, 'libs')).filter((l) => l !== 'test-support').map((l) => path.join(repoDir, 'libs', l, 'src/main/java'))];
  const files = [];
  const walk = (dir) => {
    if (!fs.existsSync(dir)) return;
    for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
      const full = path.join(dir, entry.name);
      if (entry.isDirectory()) walk(full);
      else if (entry.name.endsWith('.java')) files.push(full);
    }
  };
  roots.forEach(walk);
  const meters = new Map();
  const call = /\b(counter|gauge|timer|summary|builder|timeGauge|functionCounter|functionTimer|gaugeCollectionSize|gaugeMapSize)\(\s*("[^"]+"|[A-Z_][A-Z0-9_]*)\s*[,)]/g;
  const annotation = /@(Counted|Timed)\(\s*(?:value\s*=\s*)?"([^"]+)"/g;
  for (const file of files) {
    const text = fs.readFileSync(file, 'utf8');
    const found = [];
    for (const { 0: whole, 1: method, 2: arg, index } of text.matchAll(call)) {
      const name = arg.startsWith('"') ? arg.slice(1, -1) : text.match(new RegExp(`\\b${arg}\\s*=\\s*"([^"]+)"`))?.[1];
      const before = text.slice(0, index + whole.indexOf(method));
      const kind = /counter/i.test(method) || /Counter\s*\.\s*$/.test(before) ? 'counter'
        : /timer|Timed/i.test(method) || /Timer\s*\.\s*$/.test(before) ? 'timer' : 'gauge';
      if (name) found.push({ name, kind });
    }
    for (const [, which, name] of text.matchAll(annotation)) found.push({ name, kind: which === 'Counted' ? 'counter' : 'timer' });
    for (const { name, kind } of found) {
      const key = name.replace(/\./g, '_');
      meters.set(key, [...(meters.get(key) ?? []), { kind, text, file: path.relative(repoDir, file) }]);
    }
  }
  return meters;
}

// The registrations a Prometheus series name comes from: a gauge's own name (or with _seconds, for base unit seconds),
// a counter's name with _total, a timer's with _seconds_{count,sum,max,bucket}.
function registrationsOf(meters, series) {
  const seconds = (r) => r.kind === 'timer' || /BaseUnits\.SECONDS|baseUnit\(\s*"seconds"\s*\)|TimeGauge/.test(r.text);
  const candidates = [[series, (r) => r.kind === 'gauge']];
  if (series.endsWith('_total')) candidates.push([series.slice(0, -'_total'.length), (r) => r.kind === 'counter']);
  const timed = series.match(/^(.+)_seconds(?:_(?:count|sum|max|bucket))?$/);
  if (timed) candidates.push([timed[1], seconds]);
  return candidates.flatMap(([name, fits]) => (meters.get(name) ?? []).filter(fits));
}

const meters = registeredMeters();

/** Every rule: an alert name, expr, for, severity page|ticket, summary and a runbook_url into docs/operations.md at its own section. */
function checkRules(objects, doc = runbook) {
  const rules = ofKind(objects, 'PrometheusRule');
  assert.ok(rules.length >= 1, 'a PrometheusRule');
  const anchors = anchorsOf(doc);
  const alerts = alertsOf(objects);
  assert.ok(alerts.length > 0, 'alerting rules');
  assert.equal(new Set(alerts.map((a) => a.alert)).size, alerts.length, 'alert names are unique');
  for (const rule of rulesOf(objects)) {
    const name = rule.alert ?? rule.record;
    assert.ok(rule.alert, `${name}: an alerting rule (no recording rules here)`);
    assert.ok(typeof rule.expr === 'string' && rule.expr.trim(), `${name}: expr`);
    assert.match(rule.for ?? '', /^\d+[smh]$/, `${name}: for`);
    assert.ok(['page', 'ticket'].includes(rule.labels?.severity), `${name}: labels.severity page or ticket, not ${rule.labels?.severity}`);
    assert.ok(rule.annotations?.summary?.trim(), `${name}: annotations.summary`);
    const url = rule.annotations?.runbook_url ?? '';
    assert.equal(url, `${runbookFile}#${slug(name)}`, `${name}: runbook_url names its own section of ${runbookFile}`);
    assert.ok(anchors.has(slug(name)), `${name}: ${runbookFile} has no heading "${name}"`);
  }
}

/** The four subjects, each by an alert that pages. */
function checkSubjects(objects) {
  const paging = alertsOf(objects).filter((a) => a.labels?.severity === 'page');
  const grouped = (expr, label) => new RegExp(`\\bby\\s*\\([^)]*\\b${label}\\b`).test(expr);
  const selects = (expr, metric, label, value) => selectorsOf(expr).some((s) => s.name === metric
    && s.matchers.some((m) => m.label === label && m.op === '=' && m.value === value));
  const subjects = {
    'outbox backlog': (a) => /\bwevion_outbox_(oldest_age_seconds|pending)\b/.test(a.expr),
    'consumer lag': (a) => /\bkafka_consumer_fetch_manager_records_lag(_max)?\b/.test(a.expr),
    'refresh failures by reason (INVALID_CLIENT)': (a) => selects(a.expr, 'wevion_token_refresh_total', 'reason', 'INVALID_CLIENT')
      && grouped(a.expr, 'platform'),
    'expired tokens by platform': (a) => (selects(a.expr, 'wevion_tokens', 'status', 'EXPIRED')
      || selects(a.expr, 'wevion_token_refresh_total', 'outcome', 'expired')) && grouped(a.expr, 'platform'),
  };
  for (const [subject, covers] of Object.entries(subjects)) {
    assert.ok(paging.some(covers), `no paging alert covers ${subject}`);
  }
  const deferred = alertsOf(objects).find((a) => selects(a.expr, 'wevion_token_refresh_total', 'outcome', 'deferred'));
  assert.ok(deferred && grouped(deferred.expr, 'reason') && grouped(deferred.expr, 'platform'),
    'an alert on deferred refreshes, by platform and reason');
}

/** Every wevion_* series an expr reads is registered by the code, and is filtered only on labels it can carry. */
function checkMetrics(objects, registered = meters) {
  const problems = [];
  for (const alert of alertsOf(objects)) {
    for (const series of metricsOf(alert.expr)) {
      const registrations = registrationsOf(registered, series);
      if (registrations.length === 0) {
        problems.push(`${alert.alert}: ${series} is registered nowhere in */src/main/java or libs/*/src/main/java`);
        continue;
      }
      for (const selector of selectorsOf(alert.expr).filter((s) => s.name === series)) {
        for (const { label } of selector.matchers) {
          const known = scrapeLabels.includes(label) || registrations.some((r) => r.text.includes(`"${label}"`));
          if (!known) problems.push(`${alert.alert}: ${series} has no label ${label} (${registrations.map((r) => r.file).join(', ')})`);
        }
      }
    }
  }
  assert.deepEqual(problems, []);
}

/** Every selector names the services' namespace; the Deployments and containers the rules name are the four services'. */
function checkTargets(objects) {
  const deployments = ofKind(objects, 'Deployment').filter((d) => services.includes(d.metadata.name));
  assert.deepEqual(deployments.map((d) => d.metadata.name).sort(), [...services].sort());
  const namespaces = new Set(deployments.map((d) => d.metadata.namespace));
  assert.equal(namespaces.size, 1, 'the services share one namespace');
  const [namespace] = namespaces;
  for (const deployment of deployments) {
    const annotations = deployment.spec.template.metadata.annotations ?? {};
    assert.equal(annotations['prometheus.io/scrape'], 'true', `${deployment.metadata.name}: scraped`);
    assert.equal(annotations['prometheus.io/path'], '/q/metrics', `${deployment.metadata.name}: /q/metrics`);
  }
  // a pod of Deployment d is named d-<ReplicaSet hash>-<suffix>: the rules' service label and pod filters must see it
  const podOf = (name) => `${name}-7d9f8c6b5-x2k4q`;
  for (const alert of alertsOf(objects)) {
    const selectors = selectorsOf(alert.expr);
    assert.ok(selectors.length > 0, `${alert.alert}: selects series`);
    for (const { name, matchers } of selectors) {
      const ns = matchers.find((m) => m.label === 'namespace');
      assert.ok(ns?.op === '=' && ns.value === namespace, `${alert.alert}: ${name} filtered on namespace="${namespace}"`);
      for (const { label, op, value } of matchers.filter((m) => m.op === '=~')) {
        const anchored = new RegExp(`^(?:${value})$`);
        if (label === 'deployment' || label === 'container') {
          assert.deepEqual(services.filter((s) => anchored.test(s)), services, `${alert.alert}: ${label}=~"${value}" names the four services`);
        }
        if (label === 'pod') {
          assert.deepEqual(services.filter((s) => anchored.test(podOf(s))), services, `${alert.alert}: pod=~"${value}" matches every service's pods`);
          assert.ok(!anchored.test('wevion-kafka-0') && !anchored.test(podOf('postgres')), `${alert.alert}: pod=~"${value}" matches only the services`);
        }
      }
    }
    for (const [, target, regex] of alert.expr.matchAll(/label_replace\([\s\S]*?"(\w+)",\s*"\$1",\s*"pod",\s*"([^"]+)"\)/g)) {
      assert.equal(target, 'service');
      for (const s of services) assert.equal(podOf(s).replace(new RegExp(`^(?:${regex})$`), '$1'), s, `${alert.alert}: ${regex} on ${podOf(s)}`);
    }
  }
}

for (const [overlay, objects] of Object.entries(overlays)) {
  describe(`overlay ${overlay}: alerts (deploy/base/monitoring/alerts.yaml)`, () => {
    test('a PrometheusRule, valid against the Prometheus Operator\'s CRD', async () => {
      const rules = ofKind(objects, 'PrometheusRule');
      assert.equal(rules.length, 1);
      const validate = schemaValidator();
      assert.deepEqual(await validate(rules[0]), []);
    });

    test(`every rule has expr, for, severity (page or ticket), a summary and a runbook_url to its own heading of ${runbookFile}`, () => {
      checkRules(objects);
    });

    test('outbox backlog, consumer lag, refresh failures by reason and expired tokens by platform each page', () => {
      checkSubjects(objects);
    });

    test('every wevion_* metric an expr reads is registered in the Java sources, with the labels it is filtered on', () => {
      checkMetrics(objects);
    });

    test('every selector names the services\' namespace, and the pods, Deployments and containers it filters are the four services\'', () => {
      checkTargets(objects);
    });
  });
}

describe('the alerts check itself', () => {
  const objects = overlays.production;
  const rule = (o, name) => rulesOf(o).find((r) => r.alert === name);
  const weakened = {
    'the rules': [(o) => checkRules(o), {
      'a rule without runbook_url': (o) => { delete rule(o, 'OutboxBacklog').annotations.runbook_url; },
      'a runbook_url to another alert\'s section': (o) => { rule(o, 'ConsumerLag').annotations.runbook_url = `${runbookFile}#outboxbacklog`; },
      'an alert without a section': (o) => { rule(o, 'ServiceDown').alert = 'ServiceGone'; rule(o, 'ServiceGone').annotations.runbook_url = `${runbookFile}#servicegone`; },
      'a rule without severity': (o) => { delete rule(o, 'ConsumerLag').labels.severity; },
      'a severity other than page or ticket': (o) => { rule(o, 'ConsumerLag').labels.severity = 'critical'; },
      'a rule without for': (o) => { delete rule(o, 'PodNotReady').for; },
      'a rule without summary': (o) => { delete rule(o, 'Http5xx').annotations.summary; },
    }],
    'the subjects': [checkSubjects, {
      'no outbox alert': (o) => { rule(o, 'OutboxBacklog').expr = 'vector(0) > 1'; },
      'the consumer lag alert as a ticket': (o) => { rule(o, 'ConsumerLag').labels.severity = 'ticket'; },
      'INVALID_CLIENT not selected': (o) => { rule(o, 'RefreshInvalidClient').expr = rule(o, 'RefreshInvalidClient').expr.replaceAll('INVALID_CLIENT', 'INVALID_GRANT'); },
      'expired tokens not by platform': (o) => { rule(o, 'ExpiredTokensSpike').expr = rule(o, 'ExpiredTokensSpike').expr.replaceAll('platform', 'workspace'); },
    }],
    'the metrics': [(o) => checkMetrics(o), {
      'a misspelt metric': (o) => { rule(o, 'RefreshDeferred').expr = rule(o, 'RefreshDeferred').expr.replace('wevion_token_refresh_total', 'wevion_token_refreshes_total'); },
      'a label the counter does not have': (o) => { rule(o, 'RefreshInvalidClient').expr = rule(o, 'RefreshInvalidClient').expr.replace('reason=', 'cause='); },
      'a counter without _total read as a gauge with seconds': (o) => { rule(o, 'RefreshDeferred').expr = rule(o, 'RefreshDeferred').expr.replace('wevion_token_refresh_total', 'wevion_token_refresh_seconds'); },
    }],
    'the targets': [checkTargets, {
      'another namespace': (o) => { rule(o, 'ConsumerLag').expr = rule(o, 'ConsumerLag').expr.replace('namespace="wevion"', 'namespace="default"'); },
      'a service missing from the Deployments': (o) => { rule(o, 'ServiceDown').expr = rule(o, 'ServiceDown').expr.replace('|notification-service', ''); },
      'a pod filter that also takes Kafka\'s pods': (o) => { rule(o, 'PodNotReady').expr = rule(o, 'PodNotReady').expr.replace('(auth|token|connector|notification)-service-.+', '.+'); },
    }],
  };
  for (const [what, [check, mutations]] of Object.entries(weakened)) {
    test(`notices ${what} weakened: ${Object.keys(mutations).join('; ')}`, () => {
      for (const [how, mutate] of Object.entries(mutations)) {
        const copy = structuredClone(objects);
        mutate(copy);
        assert.throws(() => check(copy), assert.AssertionError, `${what} ${how}: not noticed`);
      }
    });
  }

  test('a section missing from docs/operations.md is noticed', () => {
    assert.throws(() => checkRules(objects, runbook.replace(/^#+ OutboxBacklog$/m, '### Outbox backlog')), assert.AssertionError);
  });

  test('finds the meters the code registers: the refresh counter, by its dotted Micrometer name', () => {
    const refresh = registrationsOf(meters, 'wevion_token_refresh_total');
    assert.ok(refresh.some((r) => r.kind === 'counter' && r.file.startsWith('token-service/')), 'wevion.token.refresh in token-service');
    assert.deepEqual(registrationsOf(meters, 'wevion_token_refresh'), [], 'a counter is read as _total');
  });

  test('refuses a misspelt PrometheusRule field', async () => {
    const copy = structuredClone(ofKind(objects, 'PrometheusRule')[0]);
    copy.spec.groups[0].rules[0].severity = 'page';
    assert.notDeepEqual(await schemaValidator()(copy), []);
  });
});
