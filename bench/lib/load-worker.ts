// Runs one load phase in a worker thread, so the load generator does not share the server's event loop.
import http from 'node:http';
import { performance } from 'node:perf_hooks';
import { isMainThread, parentPort, workerData } from 'node:worker_threads';
import autocannon, { type RequestSpec } from 'autocannon';
import { makeIncident } from './incident.js';
import { GRACE_S, type LoadJob, type LoadResult } from './load-types.js';
import { summarize } from './stats.js';

const PATH = '/api/v1/incidents';

interface Tally {
  statuses: Record<string, number>;
  errors: number;
  unanswered: number;
  latencies: number[];
  ackedIds: string[];
}

const newTally = (): Tally => ({ statuses: {}, errors: 0, unanswered: 0, latencies: [], ackedIds: [] });

function finish(job: LoadJob, t: Tally, elapsedS: number): LoadResult {
  return { kind: job.kind, elapsedS, statuses: t.statuses, errors: t.errors, unanswered: t.unanswered, latency: summarize(t.latencies), samples: t.latencies, ackedIds: t.ackedIds };
}

function ackedId(body: string): string | undefined {
  try {
    const id = (JSON.parse(body) as { id?: unknown }).id;
    return typeof id === 'string' ? id : undefined;
  } catch {
    return undefined;
  }
}

/** autocannon, closed loop or with overallRate. Latencies are autocannon's per-response times, uncorrected. */
function runAutocannon(job: LoadJob): Promise<LoadResult> {
  const t = newTally();
  const request: RequestSpec = {
    method: 'POST',
    path: PATH,
    headers: { 'content-type': 'application/json', authorization: `Bearer ${job.token}` },
    setupRequest: (req) => ({ ...req, body: JSON.stringify(makeIncident()) }),
    onResponse: (status, body) => {
      if (status !== 201) return;
      const id = ackedId(body);
      if (id) t.ackedIds.push(id);
    },
  };
  return new Promise((resolve, reject) => {
    const started = performance.now();
    const instance = autocannon(
      {
        url: job.origin,
        connections: job.connections,
        duration: job.durationS,
        timeout: 10,
        requests: [request],
        ...(job.kind === 'autocannon-rate' ? { overallRate: job.rate, ignoreCoordinatedOmission: true } : {}),
      },
      (err, result) => {
        if (err) return reject(err);
        t.errors = result.errors;
        resolve(finish(job, t, (performance.now() - started) / 1000));
      },
    );
    instance.on('response', (_client: unknown, status: number, _bytes: number, ms: number) => {
      t.statuses[status] = (t.statuses[status] ?? 0) + 1;
      t.latencies.push(ms);
    });
  });
}

/** Open loop at a constant rate; each latency runs from the request's scheduled send time to the last byte of its answer. */
function runPaced(job: LoadJob): Promise<LoadResult> {
  const t = newTally();
  const { hostname, port } = new URL(job.origin);
  const agent = new http.Agent({ keepAlive: true, maxSockets: job.connections });
  const total = Math.round(job.rate * job.durationS);
  const intervalMs = 1000 / job.rate;
  let scheduled = 0;
  let settled = 0;
  return new Promise((resolve) => {
    const started = performance.now();
    let over = false;
    const end = () => {
      if (over) return;
      over = true;
      clearTimeout(deadline);
      agent.destroy();
      resolve(finish(job, t, (performance.now() - started) / 1000));
    };
    // A server that cannot keep up builds a backlog; give it GRACE_S to answer, then count the rest as unanswered.
    const deadline = setTimeout(() => {
      t.unanswered = total - settled;
      end();
    }, (job.durationS + GRACE_S) * 1000);
    const done = () => {
      if (++settled === total) end();
    };
    const fire = (due: number) => {
      const body = JSON.stringify(makeIncident());
      const req = http.request(
        {
          agent,
          host: hostname,
          port: Number(port),
          method: 'POST',
          path: PATH,
          timeout: (job.durationS + GRACE_S) * 1000,
          headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body), authorization: `Bearer ${job.token}` },
        },
        (res) => {
          let text = '';
          res.setEncoding('utf8');
          res.on('data', (chunk: string) => (text += chunk));
          res.on('end', () => {
            if (over) return;
            t.latencies.push(performance.now() - due);
            const status = res.statusCode ?? 0;
            t.statuses[status] = (t.statuses[status] ?? 0) + 1;
            if (status === 201) {
              const id = ackedId(text);
              if (id) t.ackedIds.push(id);
            }
            done();
          });
        },
      );
      req.on('timeout', () => req.destroy(new Error('timeout')));
      req.on('error', () => {
        if (over) return;
        t.errors++;
        done();
      });
      req.end(body);
    };
    const tick = () => {
      const now = performance.now();
      while (scheduled < total && started + scheduled * intervalMs <= now) fire(started + scheduled++ * intervalMs);
      if (scheduled < total) setTimeout(tick, Math.max(0, started + scheduled * intervalMs - performance.now()));
    };
    tick();
  });
}

if (!isMainThread && parentPort) {
  const job = workerData as LoadJob;
  const port = parentPort;
  (job.kind === 'paced' ? runPaced(job) : runAutocannon(job)).then(
    (result) => port.postMessage({ ok: true, result }),
    (err: unknown) => port.postMessage({ ok: false, error: err instanceof Error ? err.stack ?? err.message : String(err) }),
  );
}
