#!/usr/bin/env node
// The capacity model of docs/capacity.md: 10,000 workspaces, 1,000,000 tokens, 100,000 ad accounts.
// Reads docs/capacity-model.json (load, schedules, measured per-replica figures, assumptions), the
// migrations of each service (row and index sizes) and, for the comparison only, the base manifests;
// prints per topic the event rates and the consumer parallelism they need, per service the replicas,
// PostgreSQL's rows and sizes, the indexes of the hot queries, and two small simulations (the refresh
// sweep across replicas claiming batches with SKIP LOCKED; a consumer group's lag under a burst).
// Plain node, no dependencies, no benchmark run: `node tools/bench/capacity-model.mjs`.
// deploy/check/capacity.test.mjs imports compute() so that the doc, this script and the check agree.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const here = path.dirname(fileURLToPath(import.meta.url));
export const repoDir = path.resolve(here, '..', '..');
export const modelFile = path.join(repoDir, 'docs', 'capacity-model.json');
export const services = ['auth-service', 'token-service', 'connector-service', 'notification-service'];
const databases = { auth: 'auth-service', token: 'token-service', connector: 'connector-service', notification: 'notification-service' };
const DAY = 86400;

export const loadModel = (file = modelFile) => JSON.parse(fs.readFileSync(file, 'utf8'));
const val = (x) => (x !== null && typeof x === 'object' && 'value' in x ? x.value : x);
const entries = (o) => Object.entries(o).filter(([k]) => k !== 'about' && k !== 'source');
const ceil = (x) => Math.max(1, Math.ceil(x - 1e-9));
/** Consumers that really work in parallel when `consumers` share `partitions` (some get one partition more). */
export const effectiveParallelism = (partitions, consumers) => partitions / Math.ceil(partitions / Math.min(consumers, partitions));

// ---------------------------------------------------------------- load --------------------------------------------

/** Per provider: tokens, how often each is renewed, and what one replica does per second (CPU, in flight, pacer). */
function providerLoad(m, tokens = val(m.load.tokens)) {
  const cycle = val(m.schedule.refreshCycleSeconds);
  const cpu = val(m.measured.refreshesPerReplica);
  const concurrency = val(m.schedule.refreshConcurrency);
  return entries(m.providers).map(([platform, p]) => {
    const n = tokens * p.share;
    const period = p.lifetimeSeconds === null ? cycle : p.lifetimeSeconds - p.renewBeforeSeconds;
    const perReplica = Math.min(cpu, (concurrency * 1000) / p.latencyMs, p.pacerPerReplica);
    return { platform, tokens: n, period, perSecond: n / period, perReplica, pacer: p.pacerPerReplica, sweep: p.sweep };
  });
}

function derive(m) {
  const L = Object.fromEntries(entries(m.load).map(([k, v]) => [k, val(v)]));
  const users = L.workspaces * L.usersPerWorkspace;
  const online = users * L.onlineShareAtPeak;
  const tabs = online * L.tabsPerOnlineUser;
  const providers = providerLoad(m);
  const refreshes = providers.reduce((s, p) => s + p.perSecond, 0);
  const stateChanges = (L.tokens * L.stateChangesPerTokenPerDay) / DAY;
  const links = L.adAccounts * L.coversPerAdAccount;
  const syncs = L.adAccounts / val(m.schedule.syncIntervalSeconds);
  return { ...L, users, online, tabs, providers, refreshes, stateChanges, links, syncs, accountsPerToken: links / L.tokens };
}

/** Events per second at steady state, the share of them that are state changes, and the bursts, per topic. */
function topicLoad(m, d) {
  const B = m.bursts;
  const outage = d.tokens * B.providerOutage.tokensShare;
  return {
    'token-status': {
      steady: d.refreshes + d.stateChanges, stateShare: d.stateChanges / (d.refreshes + d.stateChanges),
      bursts: [
        { name: 'fullCycle', events: d.tokens * B.fullCycle.tokensShare, stateChange: false, drainSeconds: B.fullCycle.deadlineSeconds },
        { name: 'providerOutage', events: outage, stateChange: true, drainSeconds: B.providerOutage.drainSeconds },
      ],
    },
    'sync-requests': {
      steady: d.syncs, stateShare: 0,
      bursts: [{ name: 'syncCatchUp', events: d.adAccounts * B.syncCatchUp.adAccountsShare, stateChange: false, drainSeconds: B.syncCatchUp.drainSeconds }],
    },
    'sync-results': {
      steady: d.syncs, stateShare: d.syncFailureShare,
      bursts: [{ name: 'syncCatchUp', events: d.adAccounts * B.syncCatchUp.adAccountsShare, stateChange: false, drainSeconds: B.syncCatchUp.drainSeconds }],
    },
    // a token's state change moves the gate and the status of the accounts it covers: two events each
    'connector-status': {
      steady: d.stateChanges * d.accountsPerToken * 2, stateShare: 1,
      bursts: [{ name: 'providerOutage', events: outage * d.accountsPerToken * 2, stateChange: true, drainSeconds: B.providerOutage.drainSeconds }],
    },
    'session-events': {
      steady: (d.users * d.logoutsPerUserPerDay) / DAY, stateShare: 1,
      bursts: [{ name: 'massLogout', events: d.users, stateChange: true, drainSeconds: B.massLogout.drainSeconds }],
    },
    'audit-events': { steady: (d.workspaces * d.auditActionsPerWorkspacePerDay) / DAY, stateShare: 1, bursts: [] },
  };
}

// ---------------------------------------------------------------- compute -----------------------------------------

/**
 * The model. `deploy` (optional): {partitions: {topic: n}, hpa: {service: {minReplicas, maxReplicas}},
 * brokerStorageGiB}: what the manifests say, compared in `checks`.
 */
export function compute(m = loadModel(), deploy = undefined) {
  const d = derive(m);
  const util = val(m.assumed.targetUtilisation);
  const cores = val(m.assumed.replicaCores);
  const perReplicaConsumers = val(m.assumed.consumersPerReplica);
  const load = topicLoad(m, d);

  const topics = {};
  for (const [name, t] of entries(m.topics)) {
    const l = load[name];
    if (!l) throw new Error(`no load for topic ${name}`);
    const groups = t.consumers.map((c) => {
      const steadyMs = c.msPerEvent * (1 - l.stateShare) + c.msPerStateChange * l.stateShare;
      const steadyNeed = (l.steady * steadyMs) / 1000 / util;
      const bursts = l.bursts.map((b) => {
        const work = (b.events * (b.stateChange ? c.msPerStateChange : c.msPerEvent)) / 1000; // consumer-seconds
        return { name: b.name, events: b.events, work, drainSeconds: b.drainSeconds, need: work / b.drainSeconds };
      });
      const need = Math.max(steadyNeed, ...bursts.map((b) => b.need));
      return {
        service: c.service, group: c.group, external: c.external === true, steadyMs, steadyNeed, bursts,
        steadyConsumers: c.group === null ? 1 : ceil(steadyNeed),
        required: c.group === null ? 1 : ceil(need),
      };
    });
    const perRecord = t.eventBytes + val(m.assumed.kafkaRecordOverheadBytes);
    const copyBytes = l.steady * DAY * t.retentionDays * perRecord;
    topics[name] = {
      producer: t.producer, steadyPerSecond: l.steady, bursts: l.bursts, groups, retentionDays: t.retentionDays,
      requiredParallelism: Math.max(...groups.map((g) => g.required)),
      storagePerBrokerBytes: (copyBytes * val(m.assumed.kafkaReplicationFactor)) / val(m.assumed.kafkaBrokers),
    };
  }

  // CPU, counted in replicas of `replicaCores` cores each, at the target utilisation
  const cpuReplicas = (coreSeconds) => ceil(coreSeconds / (cores * util));
  const M = m.measured;
  const sessionRefreshes = (d.tabs * d.jwtRenewalsPerTabPerHour + d.online * d.pageLoadsPerOnlineUserPerHour) / 3600;
  const logins = (d.users * d.loginsPerUserPerDay * d.loginPeakHourShare) / 3600;
  const bcrypt = val(m.assumed.bcryptCoreSeconds);
  const stormLogins = (d.users * m.bursts.loginStorm.usersShare) / m.bursts.loginStorm.withinSeconds;
  const stormResumes = d.tabs / m.bursts.tabsResume.withinSeconds;
  const gateChecks = (d.adAccounts * d.gateChecksPerAdAccountPerMinute) / 60;
  const busiest = d.providers.reduce((a, p) => (p.perSecond / p.perReplica > a.perSecond / a.perReplica ? p : a));
  const fullCycleOneReplica = d.providers.reduce((s, p) => s + (p.tokens * m.bursts.fullCycle.tokensShare) / p.perReplica, 0);

  const drivers = {
    'auth-service': [
      { what: 'session refresh (POST /api/v1/auth/token) and logins (bcrypt)', signal: 'cpu',
        steady: cpuReplicas(sessionRefreshes / val(M.sessionRefreshesPerReplica) + logins * bcrypt),
        burst: cpuReplicas(stormResumes / val(M.sessionRefreshesPerReplica) + stormLogins * bcrypt),
        detail: `${fmt(sessionRefreshes, 1)} refreshes/s + ${fmt(logins, 2)} logins/s; burst ${fmt(stormLogins, 1)} logins/s + ${fmt(stormResumes)} resumes/s` },
    ],
    'token-service': [
      { what: 'refresh work (decrypt, provider call, encrypt, write, outbox)', signal: 'cpu',
        steady: cpuReplicas(d.refreshes / val(M.refreshesPerReplica)),
        burst: cpuReplicas(d.tokens / m.bursts.fullCycle.deadlineSeconds / val(M.refreshesPerReplica)),
        detail: `${fmt(d.refreshes, 1)} refreshes/s at ${fmt(val(M.refreshesPerReplica))}/s per replica` },
      { what: 'provider calls within each replica\'s pacer', signal: 'none (due tokens, not exported)',
        steady: Math.max(...d.providers.map((p) => ceil(p.perSecond / p.perReplica))),
        burst: ceil(fullCycleOneReplica / m.bursts.fullCycle.deadlineSeconds),
        detail: `steady: ${busiest.platform} ${fmt(busiest.perSecond, 1)}/s at ${fmt(busiest.perReplica)}/s per replica; full cycle ${fmt(fullCycleOneReplica)} s on one replica, due within ${fmt(m.bursts.fullCycle.deadlineSeconds)} s` },
    ],
    'connector-service': [
      { what: 'gate checks', signal: 'cpu',
        steady: cpuReplicas(gateChecks / val(M.gateChecksPerReplica)),
        burst: cpuReplicas((gateChecks * val(m.bursts.gateStormFactor)) / val(M.gateChecksPerReplica)),
        detail: `${fmt(gateChecks)} checks/s at ${fmt(val(M.gateChecksPerReplica))}/s per replica` },
    ],
    'notification-service': [],
  };
  for (const [name, t] of Object.entries(topics)) {
    for (const g of t.groups.filter((x) => x.group !== null && !x.external)) {
      drivers[g.service].push({ what: `consumer of ${name} (group ${g.group})`, signal: 'consumer lag (not wired: cpu only)', topic: name, group: g.group,
        steady: ceil(g.steadyConsumers / perReplicaConsumers), burst: ceil(g.required / perReplicaConsumers),
        detail: `${fmt(t.steadyPerSecond, 1)} events/s x ${fmt(g.steadyMs, 1)} ms; bursts ${g.bursts.map((b) => `${b.name} ${fmt(b.events)} in ${fmt(b.drainSeconds)} s`).join(', ') || 'none'}` });
    }
  }
  const serviceResults = Object.fromEntries(services.map((s) => [s, {
    drivers: drivers[s],
    steadyReplicas: Math.max(1, ...drivers[s].map((x) => x.steady)),
    burstReplicas: Math.max(1, ...drivers[s].map((x) => x.burst)),
    consumes: drivers[s].filter((x) => x.topic).map((x) => ({ topic: x.topic, group: x.group })),
  }]));

  // the sync schedule: each replica claims `syncBatch` due accounts once per tick
  const schedulerPerReplica = val(m.schedule.syncBatch) / val(m.schedule.syncTickSeconds);
  const scheduler = { needPerSecond: d.syncs, perReplicaPerSecond: schedulerPerReplica, replicasNeeded: ceil(d.syncs / schedulerPerReplica) };

  const db = databaseModel(m, d, topics);
  const result = {
    derived: d, topics, services: serviceResults, scheduler, database: db, consumersPerReplica: perReplicaConsumers,
    minReplicas: val(m.assumed.minReplicas), sessionRefreshes, logins, gateChecks, fullCycleOneReplica,
  };
  if (deploy) result.checks = checks(result, deploy);
  return result;
}

function checks(r, deploy) {
  const out = [];
  const minimum = r.minReplicas;
  for (const [topic, t] of Object.entries(r.topics)) {
    const p = deploy.partitions?.[topic];
    out.push({ what: `${topic}: partitions ${p} >= required parallelism ${t.requiredParallelism}`, ok: p >= t.requiredParallelism });
  }
  for (const [service, s] of Object.entries(r.services)) {
    const h = deploy.hpa?.[service];
    if (!h) { out.push({ what: `${service}: an HPA`, ok: false }); continue; }
    out.push({ what: `${service}: minReplicas ${h.minReplicas} >= max(2, steady need ${s.steadyReplicas})`, ok: h.minReplicas >= Math.max(minimum, s.steadyReplicas) });
    out.push({ what: `${service}: maxReplicas ${h.maxReplicas} >= burst need ${s.burstReplicas}`, ok: h.maxReplicas >= s.burstReplicas });
    for (const { topic } of s.consumes) {
      const p = deploy.partitions?.[topic];
      out.push({ what: `${service}: maxReplicas ${h.maxReplicas} <= ${topic} partitions ${p}`, ok: h.maxReplicas <= p });
      const eff = effectiveParallelism(p, h.maxReplicas * r.consumersPerReplica);
      out.push({ what: `${service}: at maxReplicas, ${topic} consumed ${fmt(eff, 1)}-wide >= ${r.topics[topic].requiredParallelism}`, ok: eff >= r.topics[topic].requiredParallelism });
    }
  }
  if (deploy.brokerStorageGiB !== undefined) {
    const need = Object.values(r.topics).reduce((s, t) => s + t.storagePerBrokerBytes, 0);
    out.push({ what: `Kafka: ${deploy.brokerStorageGiB} GiB per broker >= ${fmt(need / 2 ** 30, 1)} GiB the topics keep`, ok: deploy.brokerStorageGiB * 2 ** 30 >= need, finding: true });
  }
  out.push({ what: `sync schedule: ${fmt(r.scheduler.perReplicaPerSecond, 1)} accounts/s per replica x minReplicas ${deploy.hpa?.['connector-service']?.minReplicas} >= ${fmt(r.scheduler.needPerSecond, 1)}/s due`,
    ok: r.scheduler.perReplicaPerSecond * (deploy.hpa?.['connector-service']?.minReplicas ?? 0) >= r.scheduler.needPerSecond, finding: true });
  return out;
}

// ---------------------------------------------------------------- PostgreSQL --------------------------------------

const flywayVersion = (file) => {
  const name = path.basename(file);
  const v = name.match(/^V([\d_.]+)__/);
  return v ? [0, ...v[1].split(/[_.]/).map(Number)] : [1, name];
};
const byVersion = (a, b) => {
  const [x, y] = [flywayVersion(a), flywayVersion(b)];
  for (let i = 0; i < Math.max(x.length, y.length); i++) {
    if (x[i] === undefined) return -1;
    if (y[i] === undefined) return 1;
    if (x[i] !== y[i]) return x[i] < y[i] ? -1 : 1;
  }
  return 0;
};

function splitTopLevel(body) {
  const parts = [];
  let depth = 0, start = 0;
  for (let i = 0; i < body.length; i++) {
    if (body[i] === '(') depth++;
    else if (body[i] === ')') depth--;
    else if (body[i] === ',' && depth === 0) { parts.push(body.slice(start, i).trim()); start = i + 1; }
  }
  parts.push(body.slice(start).trim());
  return parts.filter(Boolean);
}

/** Every table (columns in order, with types) and index (columns, partial or not) the service's Flyway migrations leave. */
export function schemas(repo = repoDir) {
  const out = {};
  for (const [db, service] of Object.entries(databases)) {
    const props = fs.readFileSync(path.join(repo, service, 'src/main/resources/application.properties'), 'utf8');
    const locations = props.match(/^quarkus\.flyway\.locations=(.*)$/m)[1].split(',').map((s) => s.trim().replace(/^classpath:/, ''));
    const roots = [path.join(repo, service), ...fs.readdirSync(path.join(repo, 'libs')).map((l) => path.join(repo, 'libs', l))];
    const files = [];
    for (const loc of locations) {
      for (const root of roots) {
        const dir = path.join(root, 'src/main/resources', loc);
        if (fs.existsSync(dir)) files.push(...fs.readdirSync(dir).filter((f) => f.endsWith('.sql')).map((f) => path.join(dir, f)));
      }
    }
    files.sort(byVersion);
    const tables = {}, indexes = {};
    for (const file of files) applySql(fs.readFileSync(file, 'utf8'), tables, indexes);
    out[db] = { tables, indexes, files: files.map((f) => path.relative(repo, f)) };
  }
  return out;
}

function applySql(sql, tables, indexes) {
  const text = sql.replace(/\$\$[\s\S]*?\$\$/g, "''").replace(/--[^\n]*/g, '');
  const index = (name, table, columns, unique, partial) => { indexes[name] = { name, table, columns, unique, partial }; };
  for (const raw of text.split(';')) {
    const s = raw.trim().replace(/\s+/g, ' ');
    let x;
    if ((x = s.match(/^create table (?:if not exists )?(\w+) \((.*)\)$/i))) {
      const [, table, body] = x;
      const like = body.match(/^like (\w+)/i);
      if (like) { tables[table] = structuredClone(tables[like[1]]); continue; }
      tables[table] = [];
      for (const item of splitTopLevel(body)) {
        let c;
        if ((c = item.match(/^(primary key|unique) \(([^)]*)\)/i))) {
          const cols = c[2].split(',').map((v) => v.trim());
          const pk = /primary/i.test(c[1]);
          index(pk ? `${table}_pkey` : `${table}_${cols.join('_')}_key`, table, cols, true, false);
        } else if (!/^(foreign key|check|constraint)\b/i.test(item)) {
          const [, name, type] = item.match(/^(\w+) (\w+)/);
          tables[table].push({ name, type: type.toLowerCase() });
          if (/\bprimary key\b/i.test(item)) index(`${table}_pkey`, table, [name], true, false);
          else if (/\bunique\b/i.test(item)) index(`${table}_${name}_key`, table, [name], true, false);
        }
      }
    } else if ((x = s.match(/^create (unique )?index (?:if not exists )?(\w+) on (\w+) \(([^)]*)\)( where .*)?$/i))) {
      index(x[2], x[3], x[4].split(',').map((v) => v.trim().replace(/ (desc|asc)$/i, '')), !!x[1], !!x[5]);
    } else if ((x = s.match(/^alter table (\w+) add column (\w+) (\w+)/i))) {
      tables[x[1]].push({ name: x[2], type: x[3].toLowerCase() });
    } else if ((x = s.match(/^alter table (\w+) rename column (\w+) to (\w+)/i))) {
      tables[x[1]].find((c) => c.name === x[2]).name = x[3];
      for (const i of Object.values(indexes)) if (i.table === x[1]) i.columns = i.columns.map((c) => (c === x[2] ? x[3] : c));
    } else if ((x = s.match(/^alter table (\w+) drop column (\w+)/i))) {
      tables[x[1]] = tables[x[1]].filter((c) => c.name !== x[2]);
    } else if ((x = s.match(/^alter table (\w+) add primary key \(([^)]*)\)/i))) {
      index(`${x[1]}_pkey`, x[1], x[2].split(',').map((v) => v.trim()), true, false);
    } else if ((x = s.match(/^drop index (?:if exists )?(\w+)/i))) {
      delete indexes[x[1]];
    }
  }
}

const PAGE = 8192;
const maxalign = (n) => Math.ceil(n / 8) * 8;
const alignTo = (n, a) => Math.ceil(n / a) * a;
/** [bytes, alignment] of one stored value of a column; 0 bytes for a NULL. */
function width(m, table, column) {
  const T = m.database.textBytes;
  switch (column.type) {
    case 'uuid': return [16, 1];
    case 'timestamptz': case 'bigint': case 'bigserial': return [8, 8];
    case 'integer': case 'int': return [4, 4];
    case 'boolean': return [1, 1];
    case 'jsonb': { const w = val(m.database.jsonbBytes); return [w + 4, 4]; }
    case 'text': {
      const w = T[`${table}.${column.name}`] ?? T.default;
      return w === 0 ? [0, 1] : w < 127 ? [w + 1, 1] : [w + 4, 4];
    }
    default: throw new Error(`no width for type ${column.type} (${table}.${column.name})`);
  }
}
/** Bytes one row takes in a heap page: tuple header, the columns aligned, the line pointer. */
export function rowBytes(m, table, columns) {
  let offset = columns.length > 8 ? 32 : 24;
  for (const c of columns) {
    const [w, a] = width(m, table, c);
    if (w > 0) offset = alignTo(offset, a) + w;
  }
  return maxalign(offset) + 4;
}
function indexEntryBytes(m, table, columns, index) {
  let offset = 8;
  for (const name of index.columns) {
    const [w, a] = width(m, table, columns.find((c) => c.name === name) ?? { name, type: 'text' });
    offset = alignTo(offset, a) + w;
  }
  return maxalign(offset) + 4;
}

/** Rows per table at the model's size (retention windows applied; tables without a rule: one year). */
function rowCounts(d, topics, m) {
  const processed = (topics['token-status'].steadyPerSecond + topics['sync-results'].steadyPerSecond) * DAY * 3;
  const audit = d.workspaces * d.auditActionsPerWorkspacePerDay * 400;
  const idem = d.workspaces * d.idempotentWritesPerWorkspacePerDay;
  const meta = d.tokens * m.providers.meta.share;
  const notifications = d.workspaces * d.notificationsPerWorkspacePerDay * 365;
  return {
    auth: {
      workspace: d.workspaces, app_user: d.users, membership: d.users, user_session: d.users * d.loginsPerUserPerDay * (7 + 30),
      impersonation: d.workspaces * 0.1, login_throttle: d.users * 0.05, invitation: d.workspaces * 0.5, audit_log: audit,
      outbox_event: 0, idempotency_key: idem,
    },
    token: {
      platform_user: d.tokens, meta_token: meta, oauth_token: d.tokens - meta, ad_account: d.links, oauth_state: d.connectsPerDay,
      webhook_event: d.webhooksPerDay * 30, audit_log: audit * d.auditShareTokenService, outbox_event: 0, idempotency_key: idem,
    },
    connector: {
      processed_event: processed, platform_user: d.tokens, ad_account: d.adAccounts, coverage: d.links,
      sync_request: d.syncs * DAY * 30, stream_ticket: d.tabs, reconciliation: 1, audit_log: audit * d.auditShareConnectorService,
      outbox_event: 0, idempotency_key: idem,
    },
    notification: {
      processed_event: processed, credential_seen: d.tokens, notification: notifications,
      notification_subject: notifications * d.subjectsPerNotification, notification_read: notifications * d.readsPerNotification,
      workspace_feed: d.workspaces, notification_change: (notifications / 365) * (1 + d.readsPerNotification) * 2,
      telegram_link_token: d.users * 0.01, telegram_link: d.users * 0.2, telegram_update: d.users * 0.01, telegram_poll: 1,
      telegram_delivery: 100, stream_ticket: d.tabs, idempotency_key: idem,
    },
  };
}

function databaseModel(m, d, topics) {
  const schema = schemas();
  const counts = rowCounts(d, topics, m);
  const share = m.database.indexShare;
  const tables = [];
  for (const [db, { tables: defs, indexes }] of Object.entries(schema)) {
    for (const [table, columns] of Object.entries(defs)) {
      const rows = counts[db][table];
      if (rows === undefined) throw new Error(`no row count for ${db}.${table}: add it to rowCounts()`);
      const bytes = rowBytes(m, table, columns);
      const perPage = Math.floor((PAGE - 24) / bytes);
      const heap = Math.ceil(rows / perPage) * PAGE;
      const idx = Object.values(indexes).filter((i) => i.table === table).map((i) => {
        const held = rows * (i.partial ? share[i.name] ?? 1 : 1);
        const entry = indexEntryBytes(m, table, columns, i);
        const leafFill = 0.75; // random inserts split pages half full, ascending keys fill them to 90 %
        return { name: i.name, columns: i.columns, partial: i.partial, bytes: Math.ceil(held / Math.floor(((PAGE - 40) * leafFill) / entry)) * PAGE * 1.01 };
      });
      tables.push({ db, table, rows, rowBytes: bytes, heapBytes: heap, indexes: idx, indexBytes: idx.reduce((s, i) => s + i.bytes, 0) });
    }
  }
  const has = (db, name) => !!schema[db].indexes[name];
  const hot = m.database.hotQueries.map((q) => ({ ...q, missing: q.indexes.filter((i) => !Object.keys(schema).some((db) => has(db, i))) }));
  const retention = m.database.retention.rules.map((r) => {
    const t = tables.find((x) => x.db === r.db && x.table === r.table);
    const index = Object.values(schema[r.db].indexes).find((i) => i.table === r.table && i.columns[0] === r.column);
    return { ...r, rows: t.rows, deletesPerHour: t.rows / (r.days * 24), index: index?.name ?? null };
  });
  return { schema, tables, hot, retention };
}

// ---------------------------------------------------------------- simulation --------------------------------------

/**
 * The refresh sweep of `tokens` due tokens (the providers' shares) across `replicas`: each replica claims
 * `refreshBatch` tokens at a time from one shared queue per provider (FOR UPDATE SKIP LOCKED: never the same
 * token twice), goes through the providers one after the other, and refreshes at most its provider's per-replica
 * rate (measured CPU rate, in-flight limit / latency, call pacer). One-second steps. Returns the seconds the cycle
 * takes and the refreshes (token-status events) of each second.
 */
export function simulateSweep(m, { tokens, replicas, providers = providerLoad(m, tokens) }) {
  const queue = providers.map((p) => ({ left: Math.round(p.tokens), rate: p.perReplica }));
  const batch = val(m.schedule.refreshBatch);
  const reps = Array.from({ length: replicas }, () => ({ at: 0, held: 0 }));
  const produced = [];
  while (queue.some((q) => q.left > 0) || reps.some((r) => r.held > 1e-9)) {
    let done = 0;
    for (const r of reps) {
      let time = 1;
      while (time > 1e-9) {
        if (r.held <= 1e-9) {
          while (r.at < queue.length && queue[r.at].left === 0) r.at++;
          if (r.at === queue.length) break;
          r.held = Math.min(batch, queue[r.at].left);
          queue[r.at].left -= r.held;
        }
        const n = Math.min(r.held, queue[r.at].rate * time);
        r.held -= n; time -= n / queue[r.at].rate; done += n;
      }
    }
    produced.push(done);
    if (produced.length > 1e6) throw new Error('the sweep does not end');
  }
  return { seconds: produced.length, produced };
}

/**
 * A consumer group of `consumers` on `partitions` partitions (Kafka hands out whole partitions: some consumers get
 * one more), each consumer taking `msPerEvent` per record, one at a time; events spread evenly over the partitions
 * (keys hashed). Returns the second the lag is back to zero and the largest lag.
 */
export function simulateLag({ produced, partitions, consumers, msPerEvent }) {
  const active = Math.min(consumers, partitions);
  const owned = Array.from({ length: active }, (_, c) => [...Array(partitions).keys()].filter((p) => p % active === c));
  const lag = new Array(partitions).fill(0);
  const perSecond = 1000 / msPerEvent;
  let t = 0, maxLag = 0;
  for (; t < produced.length || lag.some((l) => l > 1e-6); t++) {
    if (t < produced.length) for (let p = 0; p < partitions; p++) lag[p] += produced[t] / partitions;
    for (const mine of owned) {
      const total = mine.reduce((s, p) => s + lag[p], 0);
      const left = total <= perSecond ? 0 : 1 - perSecond / total;
      for (const p of mine) lag[p] *= left;
    }
    maxLag = Math.max(maxLag, lag.reduce((s, l) => s + l, 0));
    if (t > 1e6) throw new Error('the lag never drains');
  }
  return { seconds: t, maxLag };
}

export function simulations(m, r) {
  const S = m.simulation;
  const sweep = S.sweepTokens.map((tokens) => ({ tokens, seconds: S.sweepReplicas.map((replicas) => simulateSweep(m, { tokens, replicas }).seconds) }));
  const bench = val(m.measured.refreshBenchmark);
  const calibration = simulateSweep({ ...m, schedule: { ...m.schedule, refreshBatch: bench.concurrency * 4 } }, {
    tokens: bench.tokens, replicas: 1,
    providers: [{ tokens: bench.tokens, perReplica: Math.min(val(m.measured.refreshesPerReplica), (bench.concurrency * 1000) / bench.latencyMs) }],
  }).seconds;
  // the outage burst: token-service writes the TOKEN_EXPIRED events as fast as its replicas refresh
  const consumer = m.topics['token-status'].consumers.find((c) => c.service === 'connector-service');
  const writers = S.lagTokenServiceReplicas * val(m.measured.refreshesPerReplica);
  const burst = (events) => Array.from({ length: Math.ceil(events / writers) }, (_, i) => Math.min(writers, events - i * writers));
  const outage = r.derived.tokens * m.bursts.providerOutage.tokensShare;
  const lag = S.lagPartitions.map((partitions) => ({
    partitions,
    runs: S.lagConsumers.map((consumers) => simulateLag({ produced: burst(outage), partitions, consumers, msPerEvent: consumer.msPerStateChange })),
  }));
  const growth = S.sweepTokens.map((tokens) => {
    const events = tokens * m.bursts.providerOutage.tokensShare;
    return { tokens, events, runs: [2, 6].map((consumers) => simulateLag({ produced: burst(events), partitions: 6, consumers, msPerEvent: consumer.msPerStateChange })) };
  });
  // the full cycle's token-status events (4 token-service replicas) through connector-service's consumers
  const cycle = simulateSweep(m, { tokens: r.derived.tokens, replicas: r.services['token-service'].burstReplicas });
  const cycleLag = [2, 4, 6].map((consumers) => ({ consumers, ...simulateLag({ produced: cycle.produced, partitions: 6, consumers, msPerEvent: consumer.msPerEvent }) }));
  return { sweep, calibration, lag, growth, cycle: { seconds: cycle.seconds, replicas: r.services['token-service'].burstReplicas, lag: cycleLag }, writers, outage };
}

// ---------------------------------------------------------------- the manifests (for the comparison) --------------

/** Partitions, HPA bounds and broker storage as the base manifests state them (the production overlay keeps them). */
export function baseManifests(repo = repoDir) {
  const topicsYaml = fs.readFileSync(path.join(repo, 'deploy/base/kafka/topics.yaml'), 'utf8');
  const partitions = {};
  for (const doc of topicsYaml.split(/^---$/m)) {
    const name = doc.match(/^\s*name: ([\w-]+)$/m)?.[1];
    const p = doc.match(/^\s*partitions: (\d+)$/m)?.[1];
    if (name && p) partitions[name] = Number(p);
  }
  const hpa = {};
  for (const s of services) {
    const y = fs.readFileSync(path.join(repo, 'deploy/base', s, 'hpa.yaml'), 'utf8');
    hpa[s] = { minReplicas: Number(y.match(/minReplicas: (\d+)/)[1]), maxReplicas: Number(y.match(/maxReplicas: (\d+)/)[1]) };
  }
  const size = fs.readFileSync(path.join(repo, 'deploy/base/kafka/kafka.yaml'), 'utf8').match(/size: (\d+)Gi/);
  return { partitions, hpa, brokerStorageGiB: size ? Number(size[1]) : undefined };
}

// ---------------------------------------------------------------- printing ----------------------------------------

export function fmt(n, digits = 0) {
  return Number(n).toLocaleString('en-US', { minimumFractionDigits: digits, maximumFractionDigits: digits });
}
const bytes = (n) => (n >= 2 ** 30 ? `${fmt(n / 2 ** 30, 1)} GiB` : n >= 2 ** 20 ? `${fmt(n / 2 ** 20, 1)} MiB` : `${fmt(n / 2 ** 10)} KiB`);
const duration = (s) => (s >= 2 * DAY ? `${fmt(s / DAY, 1)} d` : s >= 3600 ? `${fmt(s / 3600, 1)} h` : s >= 120 ? `${fmt(s / 60, 1)} min` : `${fmt(s)} s`);
const num = (n) => Number(n).toLocaleString('en-US', { maximumFractionDigits: 1 });
const rate = (n) => fmt(n, n < 10 ? 2 : 1);
function table(headers, rows) {
  return [`| ${headers.join(' | ')} |`, `|${headers.map(() => '---').join('|')}|`, ...rows.map((r) => `| ${r.join(' | ')} |`)];
}

/** The two tables docs/capacity.md must show exactly as printed (checked by deploy/check/capacity.test.mjs). */
export function summaryTables(m, r) {
  const topics = table(['topic', 'steady events/s', 'bursts (events, drained within)', 'consumer groups (ms per event / per state change): consumers needed', 'required consumer parallelism'],
    Object.entries(r.topics).map(([name, t]) => [
      `\`${name}\``, rate(t.steadyPerSecond),
      t.bursts.map((b) => `${b.name}: ${fmt(b.events)} in ${duration(b.drainSeconds)}`).join('; ') || '—',
      t.groups.map((g) => {
        const c = m.topics[name].consumers.find((x) => x.group === g.group);
        return `${g.group ?? 'no group (every replica)'}${g.external ? ' (external)' : ''} ${num(c.msPerEvent)}/${num(c.msPerStateChange)} ms: ${g.required}`;
      }).join('; '),
      `**${t.requiredParallelism}**`,
    ]));
  const servicesTable = table(['service', 'replicas needed, steady', 'replicas needed, burst', 'what drives it'],
    Object.entries(r.services).map(([name, s]) => [
      name, String(s.steadyReplicas), String(s.burstReplicas),
      s.drivers.map((x) => `${x.what}: ${x.steady} / ${x.burst}`).join('; '),
    ]));
  return { topics, services: servicesTable };
}

export function report(m, r, sim, deploy) {
  const out = [];
  const say = (...lines) => out.push(...lines, '');
  const d = r.derived;
  say('# Capacity model', `${fmt(d.workspaces)} workspaces, ${fmt(d.tokens)} tokens, ${fmt(d.adAccounts)} ad accounts, ${fmt(d.users)} users (${fmt(d.online)} online at peak, ${fmt(d.tabs)} tabs); a replica counted as ${val(m.assumed.replicaCores)} core, sized to ${val(m.assumed.targetUtilisation) * 100} % at steady state.`);

  const cycle = val(m.schedule.refreshCycleSeconds);
  say('## Refresh load per provider', ...table(['platform', 'tokens', 'taken by', 'renewed every', 'steady refreshes/s', 'refreshes per 12 h', 'per replica/s (min of CPU, in flight, pacer)'],
    d.providers.map((p) => [p.platform, fmt(p.tokens), p.sweep === 'cycle' ? '12-h sweep' : '1-min sweep', duration(p.period), rate(p.perSecond), fmt((p.tokens * cycle) / p.period), fmt(p.perReplica)])),
  `Total: ${fmt(d.refreshes, 1)} refreshes/s, each a TOKEN_REFRESHED on token-status; ${fmt(d.stateChanges, 2)} state changes/s besides. The pacers are per replica: R replicas may call Meta R x ${m.providers.meta.pacerPerReplica} times a second and every other provider R x ${m.providers['google-ads'].pacerPerReplica}.`);

  const s = summaryTables(m, r);
  say('## Topics: event rates and consumer parallelism', ...s.topics);
  say('## Services: replicas', ...s.services);
  say('## Drivers in detail', ...Object.entries(r.services).flatMap(([name, x]) => x.drivers.map((v) => `- ${name}, ${v.what} [${v.signal}]: ${v.detail}`)));
  const logout = r.topics['session-events'];
  say('## Session check', `A logout of every user (${fmt(logout.bursts[0].events)} SESSION_REVOKED) takes each replica about ${fmt((logout.bursts[0].events * m.topics['session-events'].consumers[0].msPerEvent) / 1000, 1)} s to read; while it lags more than 0.75 s the session check asks auth-service instead (fail closed). Partitions add nothing here: every replica reads all of them.`);
  say('## Sync schedule', `${fmt(r.scheduler.needPerSecond, 1)} accounts/s fall due (${fmt(d.adAccounts)} every ${duration(val(m.schedule.syncIntervalSeconds))}); one replica claims ${val(m.schedule.syncBatch)} per ${val(m.schedule.syncTickSeconds)} s tick = ${fmt(r.scheduler.perReplicaPerSecond, 1)}/s: ${r.scheduler.replicasNeeded} replicas would be needed for the schedule alone.`);

  say('## Kafka storage per broker (steady rate x retention x replication / brokers)', ...table(['topic', 'retention', 'per broker'],
    Object.entries(r.topics).map(([name, t]) => [`\`${name}\``, `${t.retentionDays} d`, bytes(t.storagePerBrokerBytes)])),
  `Total ${bytes(Object.values(r.topics).reduce((a, t) => a + t.storagePerBrokerBytes, 0))} per broker.`);

  const dbTotals = {};
  for (const t of r.database.tables) dbTotals[t.db] = (dbTotals[t.db] ?? 0) + t.heapBytes + t.indexBytes;
  const big = r.database.tables.filter((t) => t.heapBytes + t.indexBytes >= 2 ** 20).sort((a, b) => b.heapBytes + b.indexBytes - (a.heapBytes + a.indexBytes));
  say('## PostgreSQL: tables of 1 MiB or more', ...table(['database', 'table', 'rows', 'bytes/row', 'heap', 'indexes', 'largest index'],
    big.map((t) => {
      const top = [...t.indexes].sort((a, b) => b.bytes - a.bytes)[0];
      return [t.db, `\`${t.table}\``, fmt(t.rows), String(t.rowBytes), bytes(t.heapBytes), bytes(t.indexBytes), top ? `${top.name} ${bytes(top.bytes)}` : '—'];
    })),
  `Per database (heap + indexes, before bloat and WAL): ${Object.entries(dbTotals).map(([db, b]) => `${db} ${bytes(b)}`).join(', ')}.`);

  say('## Hot queries and the index that serves each', ...table(['database', 'query', 'index'],
    r.database.hot.map((q) => [q.db, q.query, q.indexes.map((i) => (q.missing.includes(i) ? `${i} (MISSING)` : `\`${i}\``)).join(', ')])));
  say('## Retention purges (hourly, batches of 1,000)', ...table(['database', 'table', 'rows', 'deletes/hour', 'index on the age column'],
    r.database.retention.map((x) => [x.db, `\`${x.table}\``, fmt(x.rows), fmt(x.deletesPerHour), x.index ? `\`${x.index}\`` : `none (${x.column}): each batch scans`])));

  say('## Simulation: refresh cycle time (all tokens due) by tokens and token-service replicas',
    ...table(['tokens', ...m.simulation.sweepReplicas.map((n) => `${n} replica${n > 1 ? 's' : ''}`)],
      sim.sweep.map((row) => [fmt(row.tokens), ...row.seconds.map(duration)])),
    `Calibration: the benchmark's case (100,000 Meta tokens, one replica, 100 in flight, pacer off) simulates in ${fmt(sim.calibration)} s; measured ${val(m.measured.refreshBenchmark).seconds} s.`);
  say(`## Simulation: provider outage (${fmt(sim.outage)} TOKEN_EXPIRED written at ${fmt(sim.writers)}/s by ${m.simulation.lagTokenServiceReplicas} token-service replicas), connector-service's lag on token-status: seconds until drained (largest lag)`,
    ...table(['partitions', ...m.simulation.lagConsumers.map((c) => `${c} consumer${c > 1 ? 's' : ''}`)],
      sim.lag.map((row) => [String(row.partitions), ...row.runs.map((x) => `${duration(x.seconds)} (${fmt(x.maxLag)})`)])));
  say('## Simulation: the same burst as the tokens grow (6 partitions)', ...table(['tokens', 'expired at once', '2 consumers (minReplicas)', '6 consumers (maxReplicas)'],
    sim.growth.map((g) => [fmt(g.tokens), fmt(g.events), ...g.runs.map((x) => `${duration(x.seconds)} (${fmt(x.maxLag)})`)])));
  say(`## Simulation: a full cycle (${fmt(d.tokens)} tokens, ${sim.cycle.replicas} token-service replicas, ${duration(sim.cycle.seconds)}) through connector-service's consumers, 6 partitions`,
    ...table(['consumers', 'drained after', 'largest lag'], sim.cycle.lag.map((x) => [String(x.consumers), duration(x.seconds), fmt(x.maxLag)])));

  if (deploy) {
    const pools = services.map((svc) => {
      const props = fs.readFileSync(path.join(repoDir, svc, 'src/main/resources/application.properties'), 'utf8');
      const size = Number(props.match(/^quarkus\.datasource\.reactive\.max-size=(\d+)$/m)[1]);
      return { svc, size, min: size * deploy.hpa[svc].minReplicas, max: size * deploy.hpa[svc].maxReplicas };
    });
    say('## PostgreSQL connections (reactive pool max-size x replicas, from application.properties and the HPAs)',
      ...table(['service', 'pool max-size', 'at minReplicas', 'at maxReplicas'], pools.map((x) => [x.svc, String(x.size), String(x.min), String(x.max)])),
      `All four at their maximum: ${pools.reduce((a, x) => a + x.max, 0)} connections, plus one LISTEN connection per replica (libs/pg-listen); Flyway's JDBC pool closes after start.`);
    const c = checks(r, deploy);
    say('## The base manifests against the model', ...c.map((x) => `- ${x.ok ? 'ok:' : x.finding ? 'FINDING, does not hold:' : 'FAIL:'} ${x.what}`));
  }
  return out.join('\n');
}

function main() {
  const started = performance.now();
  const m = loadModel();
  const deploy = baseManifests();
  const r = compute(m);
  const sim = simulations(m, r);
  console.log(report(m, r, sim, deploy));
  console.log(`(computed in ${fmt(performance.now() - started)} ms)`);
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) main();
