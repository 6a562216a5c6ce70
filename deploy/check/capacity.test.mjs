// Issue 15 (7): the production overlay's Kafka partitions and autoscalers against the capacity model
// (docs/capacity.md, docs/capacity-model.json). The needed numbers come from the model's own compute()
// (tools/bench/capacity-model.mjs), so that the doc, the script and this check say the same thing.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { describe, test } from 'node:test';
import { ofKind, render, repoDir } from './manifests.mjs';
import {
  baseManifests, compute, effectiveParallelism, loadModel, services, simulations, summaryTables,
} from '../../tools/bench/capacity-model.mjs';

const model = loadModel();
const result = compute(model);
const production = render('production');
const minimum = 2; // manifests.test.mjs: production never runs fewer than two replicas

const partitionsOf = (objects) => Object.fromEntries(ofKind(objects, 'KafkaTopic').map((t) => [t.metadata.name, t.spec.partitions]));
const autoscalerOf = (objects, service) => ofKind(objects, 'HorizontalPodAutoscaler').find((h) => h.spec.scaleTargetRef.name === service)?.spec;

/** Every topic of the cluster is in the model, and has at least as many partitions as its consumers must run in parallel. */
function checkPartitions(objects) {
  const partitions = partitionsOf(objects);
  assert.deepEqual(Object.keys(partitions).sort(), Object.keys(result.topics).sort(), 'the model covers exactly the cluster\'s topics');
  for (const [topic, t] of Object.entries(result.topics)) {
    assert.ok(partitions[topic] >= t.requiredParallelism,
      `${topic}: ${partitions[topic]} partitions, the model needs ${t.requiredParallelism} consumers in parallel (docs/capacity.md)`);
  }
}

/**
 * Each service's autoscaler: never below two nor below the replicas the model needs at steady state (work the CPU
 * signal does not see: pacers, consumers), up to the replicas it needs at the burst; a service consuming a topic
 * in a consumer group never scales beyond that topic's partitions (more consumers than partitions idle), and at
 * its maximum consumes each such topic as wide as the model needs (Kafka hands out whole partitions).
 */
function checkAutoscalers(objects) {
  const partitions = partitionsOf(objects);
  for (const service of services) {
    const hpa = autoscalerOf(objects, service);
    assert.ok(hpa, `${service}: a HorizontalPodAutoscaler`);
    const need = result.services[service];
    assert.ok(hpa.minReplicas >= Math.max(minimum, need.steadyReplicas),
      `${service}: minReplicas ${hpa.minReplicas}, the model needs ${need.steadyReplicas} at steady state (and two at least)`);
    assert.ok(hpa.maxReplicas >= need.burstReplicas, `${service}: maxReplicas ${hpa.maxReplicas}, the model needs ${need.burstReplicas} at the burst`);
    for (const { topic, group } of need.consumes) {
      assert.ok(hpa.maxReplicas <= partitions[topic],
        `${service}: maxReplicas ${hpa.maxReplicas} above the ${partitions[topic]} partitions of ${topic} (group ${group}): the extra consumers would idle`);
      const wide = effectiveParallelism(partitions[topic], hpa.maxReplicas * result.consumersPerReplica);
      assert.ok(wide >= result.topics[topic].requiredParallelism,
        `${service}: at ${hpa.maxReplicas} replicas, ${topic}'s ${partitions[topic]} partitions are consumed only ${wide}-wide, the model needs ${result.topics[topic].requiredParallelism}`);
    }
  }
}

describe('overlay production against the capacity model (docs/capacity.md)', () => {
  test('every topic has at least as many partitions as the consumer parallelism the model needs', () => {
    checkPartitions(production);
  });

  test('each service\'s autoscaler: minReplicas >= 2 and the steady need, maxReplicas >= the burst need and <= the partitions of every topic it consumes in a group', () => {
    checkAutoscalers(production);
  });

  test('the script\'s comparison reads the same partitions and autoscaler bounds as the rendered overlay', () => {
    const base = baseManifests();
    assert.deepEqual(base.partitions, partitionsOf(production));
    for (const service of services) {
      const hpa = autoscalerOf(production, service);
      assert.deepEqual(base.hpa[service], { minReplicas: hpa.minReplicas, maxReplicas: hpa.maxReplicas }, service);
    }
  });

  // Found by the model, outside what this check may change (docs/capacity.md, "Limits"): reported, not failed.
  test('the sync schedule keeps up with 100,000 ad accounts at minReplicas', {
    todo: 'connector.sync.every=30s and SyncScheduleService.BATCH=500 schedule 16.7 accounts/s per replica; docs/capacity.md',
  }, () => {
    const min = autoscalerOf(production, 'connector-service').minReplicas;
    assert.ok(result.scheduler.perReplicaPerSecond * min >= result.scheduler.needPerSecond,
      `${result.scheduler.perReplicaPerSecond.toFixed(1)}/s per replica x ${min} < ${result.scheduler.needPerSecond.toFixed(1)}/s due`);
  });

  test('each broker\'s volume holds what the topics keep for their retention', {
    todo: 'KafkaNodePool storage 20Gi against ~131 GiB per broker at the model\'s rates; docs/capacity.md',
  }, () => {
    const pool = ofKind(production, 'KafkaNodePool')[0];
    const gib = Number(String(pool.spec.storage.size).replace(/Gi$/, ''));
    const need = Object.values(result.topics).reduce((s, t) => s + t.storagePerBrokerBytes, 0) / 2 ** 30;
    assert.ok(gib >= need, `${gib} GiB per broker < ${need.toFixed(1)} GiB`);
  });
});

describe('the capacity model', () => {
  test('its consumer groups are those of the services\' application.properties (mp.messaging.incoming.*.group.id)', () => {
    for (const service of services) {
      const props = fs.readFileSync(path.join(repoDir, service, 'src/main/resources/application.properties'), 'utf8');
      const channels = [...props.matchAll(/^mp\.messaging\.incoming\.([\w-]+)\.topic=(\S+)$/gm)].map(([, channel, topic]) => ({
        topic, group: props.match(new RegExp(`^mp\\.messaging\\.incoming\\.${channel}\\.group\\.id=(\\S+)$`, 'm'))?.[1],
      }));
      const byTopic = (a, b) => a.topic.localeCompare(b.topic);
      assert.deepEqual(result.services[service].consumes.sort(byTopic), channels.sort(byTopic), service);
    }
  });

  test('every hot query is served by an index the migrations create', () => {
    assert.deepEqual(result.database.hot.filter((q) => q.missing.length).map((q) => `${q.db}: ${q.query}: ${q.missing}`), []);
  });

  test('docs/capacity.md shows the topic and service tables exactly as the script prints them', () => {
    const doc = fs.readFileSync(path.join(repoDir, 'docs/capacity.md'), 'utf8');
    const { topics, services: serviceRows } = summaryTables(model, result);
    for (const line of [...topics, ...serviceRows]) {
      assert.ok(doc.includes(line), `docs/capacity.md lacks (run node tools/bench/capacity-model.mjs and copy its tables):\n${line}`);
    }
  });

  test('the model and its simulations compute in well under a second', () => {
    const started = performance.now();
    simulations(model, compute(model));
    assert.ok(performance.now() - started < 1500, `${Math.round(performance.now() - started)} ms`);
  });

  test('every input carries its source', () => {
    const missing = [];
    const walk = (node, at) => {
      if (!node || typeof node !== 'object' || Array.isArray(node)) return;
      if ('value' in node && !node.source) missing.push(at);
      for (const [k, v] of Object.entries(node)) walk(v, `${at}.${k}`);
    };
    walk(model, 'model');
    for (const [platform, p] of Object.entries(model.providers)) if (platform !== 'about' && !p.source) missing.push(`providers.${platform}`);
    for (const [topic, t] of Object.entries(model.topics)) if (topic !== 'about') t.consumers.forEach((c, i) => c.source || missing.push(`topics.${topic}.consumers[${i}]`));
    assert.deepEqual(missing, []);
  });
});

describe('the capacity check itself', () => {
  const named = (objects, kind, name) => objects.find((o) => o.kind === kind && o.metadata.name === name);
  const hpa = (objects, service) => ofKind(objects, 'HorizontalPodAutoscaler').find((h) => h.spec.scaleTargetRef.name === service).spec;
  const weakened = {
    'the partitions': [checkPartitions, {
      'token-status lowered to 1': (o) => { named(o, 'KafkaTopic', 'token-status').spec.partitions = 1; },
      'token-status lowered below the burst\'s consumers (3)': (o) => { named(o, 'KafkaTopic', 'token-status').spec.partitions = 3; },
      'a topic the model does not know': (o) => { const t = structuredClone(named(o, 'KafkaTopic', 'audit-events')); t.metadata.name = 'audit-events-v2'; o.push(t); },
    }],
    'the autoscalers': [checkAutoscalers, {
      'connector-service beyond token-status\'s partitions': (o) => { hpa(o, 'connector-service').maxReplicas = 12; },
      'notification-service below its burst': (o) => { hpa(o, 'notification-service').maxReplicas = 3; },
      'notification-service at 5 of 6 partitions: two consumers hold two, 3-wide': (o) => { hpa(o, 'notification-service').maxReplicas = 5; },
      'token-service at one replica': (o) => { hpa(o, 'token-service').minReplicas = 1; },
      'auth-service beyond audit-events\'s partitions': (o) => { named(o, 'KafkaTopic', 'audit-events').spec.partitions = 3; },
      'token-status lowered to 1': (o) => { named(o, 'KafkaTopic', 'token-status').spec.partitions = 1; },
      'an autoscaler missing': (o) => { o.splice(o.findIndex((x) => x.kind === 'HorizontalPodAutoscaler' && x.metadata.name === 'token-service'), 1); },
    }],
  };
  for (const [what, [check, mutations]] of Object.entries(weakened)) {
    test(`notices ${what} weakened: ${Object.keys(mutations).join('; ')}`, () => {
      check(production); // the real manifests pass
      for (const [how, mutate] of Object.entries(mutations)) {
        const copy = structuredClone(production);
        mutate(copy);
        assert.throws(() => check(copy), assert.AssertionError, `${what} ${how}: not noticed`);
      }
    });
  }
});
