// Issue 7: the rendered manifests of each overlay validate, and they say what the
// services need in a cluster (replicas, probes, budgets, routes, topics, secrets).
// Issue 14 (11): what they secure — Kafka over TLS with SCRAM and per-service ACLs,
// NetworkPolicies, the Ingress's TLS, the pinned JWKS, the session check's way to auth-service and
// connector-service's to token-service, the service clients' secrets (the checks are in security.mjs).
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { describe, test } from 'node:test';
import { execFileSync } from 'node:child_process';
import { deployDir, endpointsOf, ofKind, render, repoDir, routeOf, schemaValidator } from './manifests.mjs';
import {
  checkAuthCallersTable, checkAuthServiceCalls, checkDefaultDeny, checkIngressTls, checkJwks, checkKafkaClients, checkKafkaCluster,
  checkKafkaTables, checkKafkaTopics, checkKafkaUsers, checkServiceCalls, checkServiceCallsTable, checkServiceClientHashes, checkServiceEgress,
  checkServiceIngress,
} from './security.mjs';

const validate = schemaValidator();
const overlays = { local: render('local'), production: render('production') };
const services = ['auth-service', 'token-service', 'connector-service', 'notification-service'];
// the settings of its own scripts/lib.sh gives a service, its JIT and heap (the images' JAVA_OPTS plus this, in its Deployment)
const libSh = (fn) => execFileSync('bash', ['-c', `source "${repoDir}/scripts/lib.sh"; ${fn}`], { encoding: 'utf8' }).trim();
const ownOpts = (name) => libSh(`service_own_opts ${name}`);
// the migrations' process, as the local run and the benchmarks start it (scripts/lib.sh migrate_service)
const migrateCommand = ['java', ...libSh('migrate_java_opts').split(' '), '-cp', 'quarkus-run.jar', 'ai.wevion.migrate.Migrate'];

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

    test('each service\'s pod migrates its database first: an init container of its own image runs Migrate, with the JVM settings the local run gives it, the database\'s settings and no other secret', () => {
      for (const name of services) {
        const pod = ofKind(objects, 'Deployment').find((d) => d.metadata.name === name).spec.template.spec;
        const [migrate, ...more] = pod.initContainers ?? [];
        assert.ok(migrate, `${name}: an init container`);
        assert.deepEqual(more, [], `${name}: one init container`);
        assert.equal(migrate.image, pod.containers[0].image, `${name}: the service's own image`);
        assert.deepEqual(migrate.command, migrateCommand, `${name}: runs ai.wevion.migrate.Migrate with scripts/lib.sh migrate_java_opts`);
        assert.equal(migrate.envFrom, undefined, `${name}: no whole ConfigMap or Secret`);
        assert.deepEqual(migrate.env.map((e) => e.name).sort(), ['DB_PASSWORD', 'DB_URL', 'DB_USER'], `${name}: the database's settings only`);
        const password = (c) => c.env.find((e) => e.name === 'DB_PASSWORD').valueFrom;
        assert.deepEqual(password(migrate), password(pod.containers[0]), `${name}: the service's own database login`);
        assert.ok(migrate.resources?.requests?.memory && migrate.resources?.limits?.memory, `${name}: memory request and limit`);
        assert.equal(migrate.securityContext?.allowPrivilegeEscalation, false, `${name}: no privilege escalation`);
        assert.equal(migrate.securityContext?.readOnlyRootFilesystem, true, `${name}: read-only root filesystem`);
        assert.ok(migrate.securityContext?.capabilities?.drop?.includes('ALL'), `${name}: drops every capability`);
      }
    });

    test('each service runs the JIT and heap its benchmarks chose (scripts/lib.sh service_own_opts), as the local benches run it', () => {
      for (const name of services) {
        const container = ofKind(objects, 'Deployment').find((d) => d.metadata.name === name).spec.template.spec.containers[0];
        const append = (container.env ?? []).find((e) => e.name === 'JAVA_OPTS_APPEND')?.value ?? '';
        assert.equal(append, ownOpts(name), `${name}: JAVA_OPTS_APPEND`);
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

    test('every topic of the contract (x-kafka-topic of docs/events/, audit-events among them) is a KafkaTopic of the cluster, and no other', () => {
      checkKafkaTopics(objects);
    });

    test('secrets are referenced, never committed, and each is described in deploy/README.md', () => {
      assert.deepEqual(ofKind(objects, 'Secret'), []);
      const readme = fs.readFileSync(path.join(deployDir, 'README.md'), 'utf8');
      const referenced = new Set(JSON.stringify(objects).match(/"(?:secretName|secretKeyRef":\{"name)":"[^"]+"/g)
        .map((m) => m.split('"').at(-2)));
      for (const secret of referenced) assert.ok(readme.includes(`\`${secret}\``), `${secret} is not described`);
    });

    test('every ConfigMap referenced is in the manifests or described in deploy/README.md', () => {
      const readme = fs.readFileSync(path.join(deployDir, 'README.md'), 'utf8');
      const rendered = ofKind(objects, 'ConfigMap').map((c) => c.metadata.name);
      const referenced = new Set();
      const walk = (node) => {
        if (!node || typeof node !== 'object') return;
        for (const [key, value] of Object.entries(node)) {
          if (['configMap', 'configMapRef', 'configMapKeyRef'].includes(key) && value?.name) referenced.add(value.name);
          walk(value);
        }
      };
      objects.forEach(walk);
      assert.ok(referenced.has('auth-jwks'), 'the pinned JWK set is referenced');
      for (const name of referenced) {
        assert.ok(rendered.includes(name) || readme.includes(`\`${name}\``), `ConfigMap ${name} is neither in the manifests nor described`);
      }
    });

    test('Kafka: the services\' listener is internal, TLS and SCRAM-SHA-512 (no plaintext listener), ACLs are enforced, and Strimzi admits only the services to it', () => {
      checkKafkaCluster(objects);
    });

    test('each service connects to Kafka over TLS, trusting the cluster CA, and logs in with SCRAM-SHA-512 as its own KafkaUser', () => {
      checkKafkaClients(objects);
    });

    test('each KafkaUser writes only its own service\'s topics (audit-events: auth-, token- and connector-service), reads what the service consumes (audit-events: auth-service only, group auth-service-audit), and commits only in its own groups; notification-service has no access to audit-events', () => {
      checkKafkaUsers(objects);
    });

    test('a default-deny NetworkPolicy isolates every pod of the namespace (ingress) and the services (egress)', () => {
      checkDefaultDeny(objects);
    });

    test('each service is reached on its http port only from the ingress controller, Prometheus and the callers the contracts name (auth-service also from the session check of the other three, token-service also from connector-service); PostgreSQL only from the services', () => {
      checkServiceIngress(objects);
    });

    test('the services reach only DNS, PostgreSQL, the Kafka listener, (token-, connector-, notification-service) auth-service\'s http port and (connector-service) token-service\'s (and the collector\'s OTLP port: otel-collector.test.mjs); only token-service and notification-service reach the internet, on 443, never a private address', () => {
      checkServiceEgress(objects);
    });

    test('token-, connector- and notification-service reach auth-service\'s http port for the fail-closed session check, at AUTH_URL, its in-cluster Service; connector-service also token-service\'s; no other call between the services is open', () => {
      checkAuthServiceCalls(objects);
    });

    test('connector-service reaches token-service\'s http port (only) for its reconciliation, at TOKEN_URL, its in-cluster Service, as service client connector-service: CONNECTOR_SERVICE_CLIENT_SECRET from a Secret of its own (never a literal), its JWT from auth-service at AUTH_URL; no other call between the services is open', () => {
      checkServiceCalls(objects);
    });

    test('auth-service gets the SHA-256 of each service client\'s secret of docs/contracts/service-clients.json (CONNECTOR_SERVICE_CLIENT_SECRET_SHA256 among them) from Secret service-client-secret-hashes, and no other client\'s', () => {
      checkServiceClientHashes(objects);
    });

    test('session JWTs are verified against a JWK set pinned in the pod, never one fetched over plain HTTP', () => {
      checkJwks(objects);
    });
  });
}

describe('the Kafka ACL table of the check', () => {
  test('agrees with docs/architecture.md, the services\' application.properties, their outbox calls and the session check', () => {
    checkKafkaTables();
  });
});

describe('the calls between the services of the check', () => {
  test('agree with docs/contracts/service-clients.json: each call\'s client may call the callee, and each service that is a client has a way to its audiences', () => {
    checkServiceCallsTable();
  });
});

describe('the auth-service callers of the check', () => {
  test('agree with libs/auth-client (AuthServiceSessionStatus), auth-service\'s endpoints and the services\' session status beans and application.properties', () => {
    checkAuthCallersTable();
  });
});

describe('overlay production only', () => {
  const objects = overlays.production;
  test('every service runs at least two replicas, and its autoscaler never goes below two', () => {
    for (const deployment of ofKind(objects, 'Deployment')) {
      assert.ok(deployment.spec.replicas >= 2, deployment.metadata.name);
      const hpa = ofKind(objects, 'HorizontalPodAutoscaler').find((h) => h.spec.scaleTargetRef.name === deployment.metadata.name);
      assert.ok(hpa && hpa.spec.minReplicas >= 2, `HPA ${deployment.metadata.name}`);
    }
  });

  test('the Ingress serves every host over TLS, its certificate issued by cert-manager into a Secret, and redirects plain HTTP to HTTPS', () => {
    checkIngressTls(objects);
  });

  test('images come from the registry, not the local names', () => {
    for (const deployment of ofKind(objects, 'Deployment')) {
      for (const c of deployment.spec.template.spec.containers) assert.match(c.image, /^registry\.wevion\.ai\//);
    }
  });
});

describe('overlay local only', () => {
  test('the Ingress, without TLS on a laptop, does not redirect to HTTPS', () => {
    for (const ingress of ofKind(overlays.local, 'Ingress')) {
      assert.equal(ingress.spec.tls, undefined);
      const annotations = ingress.metadata.annotations ?? {};
      assert.notEqual(annotations['nginx.ingress.kubernetes.io/force-ssl-redirect'], 'true');
      assert.notEqual(annotations['nginx.ingress.kubernetes.io/ssl-redirect'], 'true');
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

  // Each safeguard removed from a copy of the production manifests: the check that guards it must fail.
  const named = (objects, kind, name) => objects.find((o) => o.kind === kind && o.metadata.name === name);
  const listener = (o) => named(o, 'Kafka', 'wevion').spec.kafka.listeners.find((l) => l.name === 'tls');
  const container = (o, service) => named(o, 'Deployment', service).spec.template.spec.containers[0];
  const acls = (o, user) => named(o, 'KafkaUser', user).spec.authorization.acls;
  const drop = (o, kind, name) => o.splice(o.indexOf(named(o, kind, name)), 1);
  const internetRule = (o, service) => named(o, 'NetworkPolicy', `${service}-egress-internet`).spec.egress[0];
  const sessionCheckEgress = (o) => named(o, 'NetworkPolicy', 'session-check-egress').spec.egress[0];
  const reconcileEgress = (o) => named(o, 'NetworkPolicy', 'connector-service-egress-token-service').spec.egress[0];
  const reconcilePeer = (o) => named(o, 'NetworkPolicy', 'token-service-ingress').spec.ingress[0].from
    .find((peer) => peer.podSelector?.matchLabels?.['app.kubernetes.io/name'] === 'connector-service');
  const envVar = (o, service, name) => container(o, service).env.find((e) => e.name === name);
  const sessionCheckPeer = (o) => named(o, 'NetworkPolicy', 'auth-service-ingress').spec.ingress[0].from
    .find((peer) => peer.podSelector?.matchExpressions?.[0]?.values?.includes('token-service'));
  const weakened = {
    'the Kafka listener': [checkKafkaCluster, {
      'without TLS': (o) => { listener(o).tls = false; },
      'without authentication': (o) => { delete listener(o).authentication; },
      'with TLS client certificates instead of SCRAM': (o) => { listener(o).authentication.type = 'tls'; },
      'exposed outside the cluster': (o) => { listener(o).type = 'loadbalancer'; },
      'with a plaintext listener besides': (o) => { named(o, 'Kafka', 'wevion').spec.kafka.listeners.push({ name: 'plain', port: 9092, type: 'internal', tls: false }); },
      'without authorization': (o) => { delete named(o, 'Kafka', 'wevion').spec.kafka.authorization; },
      'with a service as super user': (o) => { named(o, 'Kafka', 'wevion').spec.kafka.authorization.superUsers = ['token-service']; },
      'without the user operator': (o) => { delete named(o, 'Kafka', 'wevion').spec.entityOperator.userOperator; },
      'open to every pod (no networkPolicyPeers)': (o) => { delete listener(o).networkPolicyPeers; },
      'open to every namespace': (o) => { listener(o).networkPolicyPeers.push({ namespaceSelector: {} }); },
    }],
    'the services\' Kafka clients': [checkKafkaClients, {
      'without SASL': (o) => { named(o, 'ConfigMap', 'token-service').data.KAFKA_SECURITY_PROTOCOL = 'SSL'; },
      'without TLS': (o) => { named(o, 'ConfigMap', 'token-service').data.KAFKA_SECURITY_PROTOCOL = 'SASL_PLAINTEXT'; },
      'with a weaker mechanism': (o) => { named(o, 'ConfigMap', 'auth-service').data.KAFKA_SASL_MECHANISM = 'PLAIN'; },
      'logging in as another service': (o) => { container(o, 'connector-service').env.find((e) => e.name === 'KAFKA_SASL_JAAS_CONFIG').valueFrom.secretKeyRef.name = 'token-service'; },
      'with the JAAS line in the ConfigMap': (o) => {
        const c = container(o, 'notification-service');
        c.env = c.env.filter((e) => e.name !== 'KAFKA_SASL_JAAS_CONFIG');
        named(o, 'ConfigMap', 'notification-service').data.KAFKA_SASL_JAAS_CONFIG = 'org.apache.kafka.common.security.scram.ScramLoginModule required username="x" password="y";';
      },
      'without the cluster CA mounted': (o) => {
        const c = container(o, 'notification-service');
        c.volumeMounts = c.volumeMounts.filter((m) => m.name !== 'kafka-ca');
      },
      'on the old plaintext port': (o) => { named(o, 'ConfigMap', 'auth-service').data.KAFKA_BOOTSTRAP_SERVERS = 'wevion-kafka-bootstrap.wevion.svc:9092'; },
    }],
    'the KafkaTopics': [checkKafkaTopics, {
      'audit-events missing': (o) => { drop(o, 'KafkaTopic', 'audit-events'); },
      'a topic the contract does not name': (o) => { const t = structuredClone(named(o, 'KafkaTopic', 'audit-events')); t.metadata.name = 'audit-events-v2'; o.push(t); },
      'audit-events without retention': (o) => { delete named(o, 'KafkaTopic', 'audit-events').spec.config['retention.ms']; },
      'audit-events with one in-sync replica of three': (o) => { named(o, 'KafkaTopic', 'audit-events').spec.config['min.insync.replicas'] = 1; },
    }],
    'the KafkaUsers': [checkKafkaUsers, {
      'one writing another service\'s topic': (o) => { acls(o, 'notification-service').push({ resource: { type: 'topic', name: 'token-status', patternType: 'literal' }, operations: ['Write'] }); },
      'one writing the sync workers\' topic': (o) => { acls(o, 'connector-service').push({ resource: { type: 'topic', name: 'sync-results', patternType: 'literal' }, operations: ['Write', 'Describe'] }); },
      'one writing by prefix': (o) => { acls(o, 'token-service')[0].resource = { type: 'topic', name: 'token-', patternType: 'prefix' }; },
      'one missing its Write': (o) => { acls(o, 'auth-service').splice(0, 1); },
      'one with All': (o) => { acls(o, 'auth-service')[1].operations = ['All']; },
      'one reading a topic its service does not consume': (o) => { acls(o, 'token-service').push({ resource: { type: 'topic', name: 'sync-requests', patternType: 'literal' }, operations: ['Read'] }); },
      'one in another service\'s group': (o) => { acls(o, 'connector-service').find((a) => a.resource.type === 'group').resource.name = 'notification-service'; },
      'one with a cluster ACL': (o) => { acls(o, 'auth-service').push({ resource: { type: 'cluster' }, operations: ['Alter'] }); },
      'one missing': (o) => { drop(o, 'KafkaUser', 'connector-service'); },
      'notification-service writing audit-events': (o) => { acls(o, 'notification-service').push({ resource: { type: 'topic', name: 'audit-events', patternType: 'literal' }, operations: ['Write', 'Describe'] }); },
      'notification-service describing audit-events': (o) => { acls(o, 'notification-service').push({ resource: { type: 'topic', name: 'audit-events', patternType: 'literal' }, operations: ['Describe'] }); },
      'token-service reading audit-events': (o) => { acls(o, 'token-service').push({ resource: { type: 'topic', name: 'audit-events', patternType: 'literal' }, operations: ['Read', 'Describe'] }); },
      'connector-service reading audit-events in auth-service\'s group': (o) => {
        acls(o, 'connector-service').push({ resource: { type: 'topic', name: 'audit-events', patternType: 'literal' }, operations: ['Read', 'Describe'] },
          { resource: { type: 'group', name: 'auth-service-audit', patternType: 'literal' }, operations: ['Read'] });
      },
      'notification-service reading audit-events': (o) => { acls(o, 'notification-service').push({ resource: { type: 'topic', name: 'audit-events', patternType: 'literal' }, operations: ['Read', 'Describe'] }); },
      'token-service without its audit-events Write': (o) => { named(o, 'KafkaUser', 'token-service').spec.authorization.acls = acls(o, 'token-service').filter((a) => a.resource.name !== 'audit-events'); },
      'auth-service without Read on audit-events': (o) => { named(o, 'KafkaUser', 'auth-service').spec.authorization.acls = acls(o, 'auth-service').filter((a) => !(a.resource.name === 'audit-events' && a.operations.includes('Read'))); },
      'auth-service without its group auth-service-audit': (o) => { named(o, 'KafkaUser', 'auth-service').spec.authorization.acls = acls(o, 'auth-service').filter((a) => a.resource.type !== 'group'); },
      'audit-events written by prefix': (o) => { acls(o, 'connector-service').find((a) => a.resource.name === 'audit-events').resource = { type: 'topic', name: 'audit-', patternType: 'prefix' }; },
      'audit-events missing': (o) => { drop(o, 'KafkaTopic', 'audit-events'); },
    }],
    'default deny': [checkDefaultDeny, {
      'without default-deny-ingress': (o) => { drop(o, 'NetworkPolicy', 'default-deny-ingress'); },
      'without default-deny-egress': (o) => { drop(o, 'NetworkPolicy', 'default-deny-egress'); },
    }],
    'the services\' ingress': [checkServiceIngress, {
      'open to every namespace': (o) => { named(o, 'NetworkPolicy', 'token-service-ingress').spec.ingress[0].from.push({ namespaceSelector: {} }); },
      'open on every port': (o) => { delete named(o, 'NetworkPolicy', 'auth-service-ingress').spec.ingress[0].ports; },
      'open to the whole ingress-nginx namespace': (o) => { delete named(o, 'NetworkPolicy', 'connector-service-ingress').spec.ingress[0].from[0].podSelector; },
      'open to the controller\'s labels in any namespace': (o) => { named(o, 'NetworkPolicy', 'connector-service-ingress').spec.ingress[0].from[0].namespaceSelector = {}; },
      'open to another service': (o) => { named(o, 'NetworkPolicy', 'token-service-ingress').spec.ingress[0].from.push({ podSelector: { matchLabels: { 'app.kubernetes.io/name': 'notification-service' } } }); },
      'connector-service open to token-service': (o) => { named(o, 'NetworkPolicy', 'connector-service-ingress').spec.ingress[0].from.push({ podSelector: { matchLabels: { 'app.kubernetes.io/name': 'token-service' } } }); },
      'closed to connector-service\'s reconciliation': (o) => { named(o, 'NetworkPolicy', 'token-service-ingress').spec.ingress[0].from.splice(named(o, 'NetworkPolicy', 'token-service-ingress').spec.ingress[0].from.indexOf(reconcilePeer(o)), 1); },
      'open to a caller of another service': (o) => { named(o, 'NetworkPolicy', 'token-service-ingress').spec.ingress[0].from.push({ podSelector: { matchLabels: { 'app.kubernetes.io/name': 'rules-engine' } } }); },
      'closed to the controller': (o) => { drop(o, 'NetworkPolicy', 'notification-service-ingress'); },
      'closed to a session check': (o) => { sessionCheckPeer(o).podSelector.matchExpressions[0].values = ['token-service', 'notification-service']; },
      'with PostgreSQL open': (o) => { delete named(o, 'NetworkPolicy', 'postgres-ingress').spec.ingress[0].from; },
    }],
    'the services\' egress': [checkServiceEgress, {
      'internet for connector-service': (o) => {
        const copy = structuredClone(named(o, 'NetworkPolicy', 'token-service-egress-internet'));
        copy.metadata.name = 'connector-service-egress-internet';
        copy.spec.podSelector.matchLabels['app.kubernetes.io/name'] = 'connector-service';
        o.push(copy);
      },
      'no internet for token-service': (o) => { drop(o, 'NetworkPolicy', 'token-service-egress-internet'); },
      'internet into the private ranges': (o) => { delete internetRule(o, 'token-service').to[0].ipBlock.except; },
      'internet to the metadata endpoint': (o) => { const b = internetRule(o, 'notification-service').to[0].ipBlock; b.except = b.except.filter((c) => c !== '169.254.0.0/16'); },
      'internet on every port': (o) => { delete internetRule(o, 'notification-service').ports; },
      'Kafka on every port': (o) => { delete named(o, 'NetworkPolicy', 'wevion-services-egress').spec.egress[2].ports; },
      'Kafka, any cluster': (o) => { delete named(o, 'NetworkPolicy', 'wevion-services-egress').spec.egress[2].to[0].podSelector.matchLabels['strimzi.io/cluster']; },
      'everything inside': (o) => { named(o, 'NetworkPolicy', 'wevion-services-egress').spec.egress.push({ to: [{ podSelector: {} }] }); },
      'no DNS': (o) => { named(o, 'NetworkPolicy', 'wevion-services-egress').spec.egress.splice(0, 1); },
      'no way to auth-service for the session check': (o) => { drop(o, 'NetworkPolicy', 'session-check-egress'); },
      'every service for the session check': (o) => { sessionCheckEgress(o).to[0].podSelector = {}; },
      'no way to token-service for connector-service': (o) => { drop(o, 'NetworkPolicy', 'connector-service-egress-token-service'); },
      'a way to token-service for notification-service too': (o) => { named(o, 'NetworkPolicy', 'connector-service-egress-token-service').spec.podSelector = { matchExpressions: [{ key: 'app.kubernetes.io/name', operator: 'In', values: ['connector-service', 'notification-service'] }] }; },
    }],
    'the JWKS': [checkJwks, {
      'fetched over plain HTTP': (o) => { named(o, 'ConfigMap', 'token-service').data.MP_JWT_VERIFY_PUBLICKEY_LOCATION = 'http://auth-service.wevion.svc:8081/.well-known/jwks.json'; },
      'left to auth-client\'s default URL': (o) => { delete named(o, 'ConfigMap', 'connector-service').data.MP_JWT_VERIFY_PUBLICKEY_LOCATION; },
      'pinned to a file nobody mounts': (o) => {
        const c = container(o, 'notification-service');
        c.volumeMounts = c.volumeMounts.filter((m) => m.name !== 'jwks');
      },
      'pinned to the private keys': (o) => {
        named(o, 'Deployment', 'auth-service').spec.template.spec.volumes.find((v) => v.name === 'jwks').configMap.name = 'auth-jwt-keys';
      },
      'fetched from wevion.auth.url (AUTH_URL, plain HTTP)': (o) => { named(o, 'ConfigMap', 'token-service').data.MP_JWT_VERIFY_PUBLICKEY_LOCATION = '${wevion.auth.url}/.well-known/jwks.json'; },
    }],
    'the session check\'s way to auth-service': [checkAuthServiceCalls, {
      'AUTH_URL left to its default (127.0.0.1)': (o) => { delete named(o, 'ConfigMap', 'connector-service').data.AUTH_URL; },
      'AUTH_URL on loopback': (o) => { named(o, 'ConfigMap', 'token-service').data.AUTH_URL = 'http://127.0.0.1:8081'; },
      'AUTH_URL through the public host': (o) => { named(o, 'ConfigMap', 'notification-service').data.AUTH_URL = 'https://app.wevion.ai'; },
      'AUTH_URL on an external host': (o) => { named(o, 'ConfigMap', 'notification-service').data.AUTH_URL = 'http://auth.example.com:8081'; },
      'AUTH_URL in another namespace': (o) => { named(o, 'ConfigMap', 'token-service').data.AUTH_URL = 'http://auth-service.other.svc:8081'; },
      'AUTH_URL on another port': (o) => { named(o, 'ConfigMap', 'connector-service').data.AUTH_URL = 'http://auth-service.wevion.svc:8082'; },
      'AUTH_URL at another service': (o) => { named(o, 'ConfigMap', 'connector-service').data.AUTH_URL = 'http://token-service.wevion.svc:8082'; },
      'AUTH_URL with a path': (o) => { named(o, 'ConfigMap', 'token-service').data.AUTH_URL = 'http://auth-service.wevion.svc:8081/api/v1/auth'; },
      'without the egress rule': (o) => { drop(o, 'NetworkPolicy', 'session-check-egress'); },
      'egress for one caller less': (o) => { named(o, 'NetworkPolicy', 'session-check-egress').spec.podSelector.matchExpressions[0].values = ['token-service', 'connector-service']; },
      'egress on every port': (o) => { delete sessionCheckEgress(o).ports; },
      'egress on the wrong port': (o) => { sessionCheckEgress(o).ports = [{ protocol: 'TCP', port: 8082 }]; },
      'egress to every service': (o) => { sessionCheckEgress(o).to[0].podSelector = { matchExpressions: [{ key: 'app.kubernetes.io/name', operator: 'In', values: services }] }; },
      'egress for auth-service too': (o) => { named(o, 'NetworkPolicy', 'session-check-egress').spec.podSelector.matchExpressions[0].values.push('auth-service'); },
      'auth-service closed to connector-service': (o) => { sessionCheckPeer(o).podSelector.matchExpressions[0].values = ['token-service', 'notification-service']; },
      'auth-service open to the callers on every port': (o) => { delete named(o, 'NetworkPolicy', 'auth-service-ingress').spec.ingress[0].ports; },
      'the session check\'s rule reaching token-service too': (o) => {
        sessionCheckEgress(o).to.push({ podSelector: { matchLabels: { 'app.kubernetes.io/name': 'token-service' } } });
        sessionCheckEgress(o).ports.push({ protocol: 'TCP', port: 8082 });
      },
      'notification-service reaching token-service': (o) => {
        named(o, 'NetworkPolicy', 'connector-service-egress-token-service').spec.podSelector = { matchExpressions: [{ key: 'app.kubernetes.io/name', operator: 'In', values: ['connector-service', 'notification-service'] }] };
        named(o, 'NetworkPolicy', 'token-service-ingress').spec.ingress[0].from.push({ podSelector: { matchLabels: { 'app.kubernetes.io/name': 'notification-service' } } });
      },
      'token-service reaching connector-service': (o) => {
        o.push({ apiVersion: 'networking.k8s.io/v1', kind: 'NetworkPolicy', metadata: { name: 'token-to-connector', namespace: 'wevion' },
          spec: { podSelector: { matchLabels: { 'app.kubernetes.io/name': 'token-service' } }, policyTypes: ['Egress'], egress: [{ to: [{ podSelector: { matchLabels: { 'app.kubernetes.io/name': 'connector-service' } } }], ports: [{ protocol: 'TCP', port: 8083 }] }] } });
        named(o, 'NetworkPolicy', 'connector-service-ingress').spec.ingress[0].from.push({ podSelector: { matchLabels: { 'app.kubernetes.io/name': 'token-service' } } });
      },
    }],
    'connector-service\'s way to token-service': [checkServiceCalls, {
      'TOKEN_URL missing': (o) => { delete named(o, 'ConfigMap', 'connector-service').data.TOKEN_URL; },
      'TOKEN_URL on loopback': (o) => { named(o, 'ConfigMap', 'connector-service').data.TOKEN_URL = 'http://127.0.0.1:8082'; },
      'TOKEN_URL through the public host': (o) => { named(o, 'ConfigMap', 'connector-service').data.TOKEN_URL = 'https://app.wevion.ai'; },
      'TOKEN_URL on an external host': (o) => { named(o, 'ConfigMap', 'connector-service').data.TOKEN_URL = 'http://token.example.com:8082'; },
      'TOKEN_URL in another namespace': (o) => { named(o, 'ConfigMap', 'connector-service').data.TOKEN_URL = 'http://token-service.other.svc:8082'; },
      'TOKEN_URL on another port': (o) => { named(o, 'ConfigMap', 'connector-service').data.TOKEN_URL = 'http://token-service.wevion.svc:8081'; },
      'TOKEN_URL at auth-service': (o) => { named(o, 'ConfigMap', 'connector-service').data.TOKEN_URL = 'http://auth-service.wevion.svc:8081'; },
      'TOKEN_URL with a path': (o) => { named(o, 'ConfigMap', 'connector-service').data.TOKEN_URL = 'http://token-service.wevion.svc:8082/internal/v1'; },
      'without the egress rule': (o) => { drop(o, 'NetworkPolicy', 'connector-service-egress-token-service'); },
      'egress on every port': (o) => { delete reconcileEgress(o).ports; },
      'egress on the wrong port': (o) => { reconcileEgress(o).ports = [{ protocol: 'TCP', port: 8083 }]; },
      'egress to every pod': (o) => { reconcileEgress(o).to[0].podSelector = {}; },
      'egress to every service': (o) => { reconcileEgress(o).to[0].podSelector = { matchExpressions: [{ key: 'app.kubernetes.io/name', operator: 'In', values: services }] }; },
      'egress to token-service in every namespace': (o) => { reconcileEgress(o).to[0].namespaceSelector = {}; },
      'egress for every service': (o) => { named(o, 'NetworkPolicy', 'connector-service-egress-token-service').spec.podSelector = {}; },
      'token-service closed to connector-service': (o) => { const from = named(o, 'NetworkPolicy', 'token-service-ingress').spec.ingress[0].from; from.splice(from.indexOf(reconcilePeer(o)), 1); },
      'token-service open to every service': (o) => { reconcilePeer(o).podSelector = { matchExpressions: [{ key: 'app.kubernetes.io/name', operator: 'In', values: services }] }; },
      'no way to auth-service for its service JWT': (o) => { named(o, 'NetworkPolicy', 'session-check-egress').spec.podSelector.matchExpressions[0].values = ['token-service', 'notification-service']; },
      'the client secret missing': (o) => { const c = container(o, 'connector-service'); c.env = c.env.filter((e) => e.name !== 'CONNECTOR_SERVICE_CLIENT_SECRET'); },
      'the client secret as a literal': (o) => { envVar(o, 'connector-service', 'CONNECTOR_SERVICE_CLIENT_SECRET').value = 'local-connector-service-secret'; delete envVar(o, 'connector-service', 'CONNECTOR_SERVICE_CLIENT_SECRET').valueFrom; },
      'the client secret in the ConfigMap': (o) => {
        const c = container(o, 'connector-service');
        c.env = c.env.filter((e) => e.name !== 'CONNECTOR_SERVICE_CLIENT_SECRET');
        named(o, 'ConfigMap', 'connector-service').data.CONNECTOR_SERVICE_CLIENT_SECRET = 'local-connector-service-secret';
      },
      'the client secret from auth-service\'s hashes': (o) => { envVar(o, 'connector-service', 'CONNECTOR_SERVICE_CLIENT_SECRET').valueFrom.secretKeyRef = { name: 'service-client-secret-hashes', key: 'connector-service' }; },
      'the client secret from the KafkaUser\'s Secret': (o) => { envVar(o, 'connector-service', 'CONNECTOR_SERVICE_CLIENT_SECRET').valueFrom.secretKeyRef.name = 'connector-service'; },
      'the client secret optional': (o) => { envVar(o, 'connector-service', 'CONNECTOR_SERVICE_CLIENT_SECRET').valueFrom.secretKeyRef.optional = true; },
      'the client secret given to token-service too': (o) => { container(o, 'token-service').env.push(structuredClone(envVar(o, 'connector-service', 'CONNECTOR_SERVICE_CLIENT_SECRET'))); },
      'auth-service without its hash': (o) => { const c = container(o, 'auth-service'); c.env = c.env.filter((e) => e.name !== 'CONNECTOR_SERVICE_CLIENT_SECRET_SHA256'); },
      'notification-service reaching token-service': (o) => {
        named(o, 'NetworkPolicy', 'connector-service-egress-token-service').spec.podSelector = { matchExpressions: [{ key: 'app.kubernetes.io/name', operator: 'In', values: ['connector-service', 'notification-service'] }] };
        reconcilePeer(o).podSelector = { matchExpressions: [{ key: 'app.kubernetes.io/name', operator: 'In', values: ['connector-service', 'notification-service'] }] };
      },
    }],
    'the service clients\' hashes in auth-service': [checkServiceClientHashes, {
      'connector-service\'s missing': (o) => { const c = container(o, 'auth-service'); c.env = c.env.filter((e) => e.name !== 'CONNECTOR_SERVICE_CLIENT_SECRET_SHA256'); },
      'one as a literal': (o) => { const e = envVar(o, 'auth-service', 'CONNECTOR_SERVICE_CLIENT_SECRET_SHA256'); e.value = '80e24b14af51996ad2d8d420f217fd93f6bc0348d15654ea42d0aa1ed1fce374'; delete e.valueFrom; },
      'one from another client\'s key': (o) => { envVar(o, 'auth-service', 'CONNECTOR_SERVICE_CLIENT_SECRET_SHA256').valueFrom.secretKeyRef.key = 'sync-worker'; },
      'one from another Secret': (o) => { envVar(o, 'auth-service', 'CONNECTOR_SERVICE_CLIENT_SECRET_SHA256').valueFrom.secretKeyRef.name = 'connector-service-secrets'; },
      'one optional': (o) => { envVar(o, 'auth-service', 'SCHEDULER_CLIENT_SECRET_SHA256').valueFrom.secretKeyRef.optional = true; },
      'one of a client the contract does not name': (o) => { container(o, 'auth-service').env.push({ name: 'DEBUG_CLIENT_SECRET_SHA256', valueFrom: { secretKeyRef: { name: 'service-client-secret-hashes', key: 'debug' } } }); },
      'a client\'s secret itself': (o) => { container(o, 'auth-service').env.push(structuredClone(envVar(o, 'connector-service', 'CONNECTOR_SERVICE_CLIENT_SECRET'))); },
      'the hashes read by another service': (o) => { container(o, 'connector-service').env.push({ name: 'HASHES', valueFrom: { secretKeyRef: { name: 'service-client-secret-hashes', key: 'connector-service' } } }); },
    }],
    'the Ingress': [checkIngressTls, {
      'without TLS for its host': (o) => { named(o, 'Ingress', 'wevion-api').spec.tls[0].hosts = ['other.wevion.ai']; },
      'without TLS': (o) => { delete named(o, 'Ingress', 'wevion-api').spec.tls; },
      'with a rule for any host': (o) => { delete named(o, 'Ingress', 'wevion-api').spec.rules[0].host; },
      'without the redirect to HTTPS': (o) => { delete named(o, 'Ingress', 'wevion-api').metadata.annotations['nginx.ingress.kubernetes.io/force-ssl-redirect']; },
    }],
  };
  for (const [what, [check, mutations]] of Object.entries(weakened)) {
    test(`notices ${what} weakened: ${Object.keys(mutations).join('; ')}`, () => {
      check(overlays.production); // the real manifests pass
      for (const [how, mutate] of Object.entries(mutations)) {
        const copy = structuredClone(overlays.production);
        mutate(copy);
        assert.throws(() => check(copy), assert.AssertionError, `${what} ${how}: not noticed`);
      }
    });
  }

  test('refuses a misspelt Strimzi field and an API version Strimzi no longer serves', async () => {
    assert.deepEqual(await validate(topic), []);
    assert.notDeepEqual(await validate({ ...topic, spec: { ...topic.spec, partition: 6 } }), []);
    assert.notDeepEqual(await validate({ ...topic, apiVersion: 'kafka.strimzi.io/v1alpha1' }), []);
  });
});
