// Issue 7: the rendered manifests of each overlay validate, and they say what the
// services need in a cluster (replicas, probes, budgets, routes, topics, secrets).
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { describe, test } from 'node:test';
import { deployDir, ofKind, render, repoDir, schemaValidator } from './manifests.mjs';

const validate = schemaValidator();
const overlays = { local: render('local'), production: render('production') };
const services = ['auth-service', 'token-service', 'connector-service', 'notification-service'];

for (const [overlay, objects] of Object.entries(overlays)) {
  describe(`overlay ${overlay}`, () => {
    test('every object validates against the Kubernetes or Strimzi schema', async () => {
      const problems = [];
      for (const object of objects) {
        for (const problem of await validate(object)) problems.push(`${object.kind}/${object.metadata?.name}: ${problem}`);
      }
      assert.deepEqual(problems, []);
    });

    test('each service has a Deployment with probes and resources, a Service that selects it, and a PodDisruptionBudget', () => {
      for (const name of services) {
        const deployment = ofKind(objects, 'Deployment').find((d) => d.metadata.name === name);
        assert.ok(deployment, `Deployment ${name}`);
        const podLabels = deployment.spec.template.metadata.labels;
        for (const container of deployment.spec.template.spec.containers) {
          assert.match(container.readinessProbe?.httpGet?.path ?? '', /\/q\/health\/ready/, `${name} readiness probe`);
          assert.match(container.livenessProbe?.httpGet?.path ?? '', /\/q\/health\/live/, `${name} liveness probe`);
          assert.ok(container.resources?.requests?.cpu && container.resources?.requests?.memory, `${name} requests`);
          assert.ok(container.resources?.limits?.memory, `${name} memory limit`);
        }
        const selects = (selector) => Object.entries(selector).every(([k, v]) => podLabels[k] === v);
        assert.ok(ofKind(objects, 'Service').some((s) => s.metadata.name === name && selects(s.spec.selector)), `Service ${name}`);
        assert.ok(ofKind(objects, 'PodDisruptionBudget').some((p) => selects(p.spec.selector.matchLabels)), `PDB ${name}`);
      }
    });

    test('the Ingress routes the public API and hides /internal/v1 and the service token endpoint (T2)', () => {
      const paths = ofKind(objects, 'Ingress').flatMap((i) => i.spec.rules.flatMap((r) => r.http.paths));
      assert.ok(paths.some((p) => p.path.startsWith('/api/v1/')));
      for (const p of paths) {
        assert.ok(!p.path.startsWith('/internal') && !p.path.startsWith('/oauth2'), `${p.path} must stay inside the cluster`);
        const service = ofKind(objects, 'Service').find((s) => s.metadata.name === p.backend.service.name);
        assert.ok(service?.spec.ports.some((port) => port.name === p.backend.service.port.name), `${p.path} → ${p.backend.service.name}`);
      }
    });

    test('every topic of the contract is a KafkaTopic of the cluster', () => {
      const cluster = ofKind(objects, 'Kafka')[0].metadata.name;
      const topics = ofKind(objects, 'KafkaTopic').filter((t) => t.metadata.labels['strimzi.io/cluster'] === cluster).map((t) => t.metadata.name);
      const contract = fs.readdirSync(path.join(repoDir, 'docs', 'events')).map((f) => f.replace('.schema.json', ''));
      assert.deepEqual(topics.sort(), contract.sort());
    });

    test('secrets are referenced, never committed, and each is described in deploy/README.md', () => {
      assert.deepEqual(ofKind(objects, 'Secret'), []);
      const readme = fs.readFileSync(path.join(deployDir, 'README.md'), 'utf8');
      const referenced = new Set(JSON.stringify(objects).match(/"(?:secretName|secretKeyRef":\{"name)":"[^"]+"/g)
        .map((m) => m.split('"').at(-2)));
      for (const secret of referenced) assert.ok(readme.includes(`\`${secret}\``), `${secret} is not described`);
    });
  });
}

describe('overlay production only', () => {
  const objects = overlays.production;
  test('every service runs at least two replicas, and its autoscaler never goes below two', () => {
    for (const deployment of ofKind(objects, 'Deployment')) {
      assert.ok(deployment.spec.replicas >= 2, deployment.metadata.name);
      const hpa = ofKind(objects, 'HorizontalPodAutoscaler').find((h) => h.spec.scaleTargetRef.name === deployment.metadata.name);
      assert.ok(hpa && hpa.spec.minReplicas >= 2, `HPA ${deployment.metadata.name}`);
    }
  });

  test('images come from the registry, not the local names', () => {
    for (const deployment of ofKind(objects, 'Deployment')) {
      for (const c of deployment.spec.template.spec.containers) assert.match(c.image, /^registry\.wevion\.ai\//);
    }
  });
});

describe('the check itself', () => {
  const deployment = structuredClone(ofKind(overlays.production, 'Deployment')[0]);
  const topic = structuredClone(ofKind(overlays.production, 'KafkaTopic')[0]);

  test('refuses a built-in object of the wrong shape', async () => {
    deployment.spec.replicas = 'two';
    assert.notDeepEqual(await validate(deployment), []);
  });

  test('refuses a misspelt Strimzi field and an API version Strimzi no longer serves', async () => {
    assert.deepEqual(await validate(topic), []);
    assert.notDeepEqual(await validate({ ...topic, spec: { ...topic.spec, partition: 6 } }), []);
    assert.notDeepEqual(await validate({ ...topic, apiVersion: 'kafka.strimzi.io/v1alpha1' }), []);
  });
});
