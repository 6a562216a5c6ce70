// Issue 7: the rendered manifests of each overlay validate, and they say what the
// services need in a cluster (replicas, probes, budgets, routes, topics, secrets).
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { describe, test } from 'node:test';
import { deployDir, endpointsOf, ofKind, render, repoDir, routeOf, schemaValidator } from './manifests.mjs';

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

    test('every public endpoint of the services is routed to its service, none under /internal or /oauth2', () => {
      const ingresses = ofKind(objects, 'Ingress');
      const endpoints = services.flatMap(endpointsOf);
      assert.ok(endpoints.length > 20, 'the services\' @Path endpoints were found');
      for (const { service, path: endpoint } of endpoints) {
        const hidden = endpoint.startsWith('/internal/') || endpoint.startsWith('/oauth2/');
        assert.equal(routeOf(ingresses, endpoint), hidden ? undefined : service, `${endpoint} (${service})`);
      }
    });

    test('the public URLs the services are told name the Ingress host, and their paths reach the right service', () => {
      const ingresses = ofKind(objects, 'Ingress');
      const hosts = ingresses.flatMap((i) => i.spec.rules.map((r) => r.host));
      const tlsHosts = ingresses.flatMap((i) => (i.spec.tls ?? []).flatMap((t) => t.hosts));
      const config = (name) => ofKind(objects, 'ConfigMap').find((c) => c.metadata.name === name).data;
      const token = config('token-service');
      // the providers' redirect URIs other than Meta's: TOKEN_PUBLIC_URL + the path in application.properties
      const properties = fs.readFileSync(path.join(repoDir, 'token-service/src/main/resources/application.properties'), 'utf8');
      const derived = [...properties.matchAll(/^token\.providers\.[\w-]+\.redirect-uri=\$\{TOKEN_PUBLIC_URL:[^}]*\}(\S+)$/gm)].map((m) => m[1]);
      assert.ok(derived.length >= 5, 'redirect URIs derived from TOKEN_PUBLIC_URL');
      const urls = [
        ['token-service META_REDIRECT_URI', token.META_REDIRECT_URI, 'token-service'],
        ...derived.map((p) => [`token-service TOKEN_PUBLIC_URL${p}`, token.TOKEN_PUBLIC_URL + p, 'token-service']),
        ['token-service FRONTEND_URL', token.FRONTEND_URL],
        ['notification-service TELEGRAM_WEBHOOK_URL', config('notification-service').TELEGRAM_WEBHOOK_URL, 'notification-service'],
        ...services.flatMap((s) => (config(s).CORS_ORIGINS ?? assert.fail(`${s} CORS_ORIGINS`)).split(',')
          .map((origin) => [`${s} CORS_ORIGINS`, origin.trim()])),
      ];
      for (const [what, value, service] of urls) {
        const url = new URL(value);
        assert.ok(hosts.includes(url.hostname) && url.port === '', `${what} ${value}: not on an Ingress host (${hosts})`);
        if (overlay === 'production') {
          assert.equal(url.protocol, 'https:', `${what} ${value}`);
          assert.ok(tlsHosts.includes(url.hostname), `${what} ${value}: host not covered by the Ingress's TLS`);
        }
        if (what.includes('CORS')) assert.equal(value, url.origin, `${what} ${value}: an origin, no path`);
        if (service) assert.equal(routeOf(ingresses, url.pathname, url.hostname), service, `${what} ${value}: routed`);
      }
    });

    test('the Ingress lets server-sent events through: unbuffered, an hour between reads', () => {
      for (const ingress of ofKind(objects, 'Ingress')) {
        const annotations = ingress.metadata.annotations ?? {};
        assert.equal(annotations['nginx.ingress.kubernetes.io/proxy-buffering'], 'off');
        assert.ok(Number(annotations['nginx.ingress.kubernetes.io/proxy-read-timeout']) >= 3600);
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

  test('the Ingress serves every host over TLS, its certificate issued by cert-manager into a Secret', () => {
    for (const ingress of ofKind(objects, 'Ingress')) {
      assert.ok(ingress.metadata.annotations?.['cert-manager.io/cluster-issuer'], 'cert-manager issuer');
      for (const rule of ingress.spec.rules) {
        assert.ok(ingress.spec.tls?.some((t) => t.secretName && t.hosts.includes(rule.host)), `TLS for ${rule.host}`);
      }
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

  test('matches Ingress paths as Kubernetes does: whole path elements, the longest path first', () => {
    const ingress = (paths) => [{ spec: { rules: [{ host: 'h', http: { paths: paths.map(([p, pathType, name]) => ({ path: p, pathType, backend: { service: { name } } })) } }] } }];
    const routes = ingress([['/api/v1/connect', 'Prefix', 'a'], ['/api/v1/connect/x', 'Exact', 'b'], ['/api', 'Prefix', 'c']]);
    assert.equal(routeOf(routes, '/api/v1/connect/meta/callback'), 'a');
    assert.equal(routeOf(routes, '/api/v1/connect/x'), 'b');
    assert.equal(routeOf(routes, '/api/v1/connectors'), 'c');
    assert.equal(routeOf(routes, '/apix'), undefined);
    assert.equal(routeOf(routes, '/api/v1/connect', 'other-host'), undefined);
  });

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
