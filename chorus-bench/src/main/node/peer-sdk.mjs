// A Node peer for PeerBench: the official SDK (openai or @anthropic-ai/sdk) with Promise.all and a
// p-limit concurrency limiter, SDK defaults otherwise (its own retries included). Takes the same
// --key value arguments as the Java clients and prints one line `RESULT {json}`.
import { readFileSync } from 'node:fs';
import OpenAI from 'openai';
import Anthropic from '@anthropic-ai/sdk';
import pLimit from 'p-limit';
import Bottleneck from 'bottleneck';

function parseArgs(argv) {
  const a = {};
  for (let i = 0; i < argv.length; i += 2) {
    if (!argv[i].startsWith('--') || i + 1 >= argv.length) throw new Error(`expected --key value, got '${argv[i]}'`);
    a[argv[i].slice(2)] = argv[i + 1];
  }
  return {
    sdk: a.sdk ?? 'openai',
    base: a.base,
    model: a.model ?? 'instant',
    workflows: Number(a.workflows ?? 1),
    fanout: Number(a.fanout ?? 1),
    parallel: Number(a.parallel ?? 1),
    stream: a.stream === 'true',
    maxTokens: Number(a['max-tokens'] ?? 32),
    prompt: a.prompt ?? 'Summarise the benchmark in one line.',
    maxSeconds: Number(a['max-seconds'] ?? 600),
    rpm: Number(a.rpm ?? 0),
  };
}

function peakRssMb() {
  try {
    const m = /VmHWM:\s+(\d+)/.exec(readFileSync('/proc/self/status', 'utf8'));
    return m ? Number(m[1]) / 1024 : -1;
  } catch {
    return -1;
  }
}

function percentile(values, q) {
  if (values.length === 0) return 0;
  const s = Float64Array.from(values).sort();
  const rank = Math.ceil(q * s.length);
  return s[Math.max(0, Math.min(s.length - 1, rank - 1))];
}

const args = parseArgs(process.argv.slice(2));
const openai = new OpenAI({ baseURL: args.base + '/v1', apiKey: 'sk-bench', timeout: 300_000 });
const anthropic = new Anthropic({ baseURL: args.base, apiKey: 'sk-bench', timeout: 300_000 });

async function callOnce(i) {
  const content = `${args.prompt} (item ${i})`;
  if (args.sdk === 'anthropic') {
    const req = { model: args.model, max_tokens: args.maxTokens, messages: [{ role: 'user', content }] };
    if (args.stream) {
      const stream = await anthropic.messages.create({ ...req, stream: true });
      let text = '';
      for await (const ev of stream) {
        if (ev.type === 'content_block_delta' && ev.delta.type === 'text_delta') text += ev.delta.text;
      }
      return text;
    }
    const msg = await anthropic.messages.create(req);
    return msg.content[0]?.text ?? '';
  }
  const req = { model: args.model, max_tokens: args.maxTokens, messages: [{ role: 'user', content }] };
  if (args.stream) {
    const stream = await openai.chat.completions.create({ ...req, stream: true, stream_options: { include_usage: true } });
    let text = '';
    for await (const chunk of stream) text += chunk.choices[0]?.delta?.content ?? '';
    return text;
  }
  const res = await openai.chat.completions.create(req);
  return res.choices[0].message.content;
}

// BENCH_LIMITER=true: bottleneck with a reservoir set to the published requests per minute, the
// pattern its README gives for "N requests per minute" (the reservoir refills every minute)
const limited = process.env.BENCH_LIMITER === 'true' && args.rpm > 0;
const bottleneck = limited
  ? new Bottleneck({ reservoir: args.rpm, reservoirRefreshAmount: args.rpm, reservoirRefreshInterval: 60_000 })
  : null;
const call = limited ? (i) => bottleneck.schedule(() => callOnce(i)) : callOnce;

const client = args.sdk === 'anthropic' ? 'node-anthropic-sdk' : 'node-openai-sdk';
const limit = pLimit(args.parallel);
const latencies = new Array(args.workflows).fill(0);
const errorKinds = {};
let ok = 0;
let errors = 0;
let peakHeap = process.memoryUsage().heapUsed;
const sampler = setInterval(() => {
  const h = process.memoryUsage().heapUsed;
  if (h > peakHeap) peakHeap = h;
}, 50);

const cpu0 = process.cpuUsage();
const t0 = process.hrtime.bigint();
const giveUp = new Promise((resolve) => setTimeout(() => resolve('gave-up'), args.maxSeconds * 1000).unref());
const work = Promise.all(
  Array.from({ length: args.workflows }, (_, w) =>
    limit(async () => {
      const s = process.hrtime.bigint();
      await Promise.all(
        Array.from({ length: args.fanout }, (_, j) =>
          call(w * args.fanout + j).then(
            () => { ok++; },
            (e) => {
              errors++;
              const kind = e?.status ? `http_${e.status}` : (e?.constructor?.name ?? 'Error');
              errorKinds[kind] = (errorKinds[kind] ?? 0) + 1;
            },
          ),
        ),
      );
      latencies[w] = Number(process.hrtime.bigint() - s) / 1e6;
    }),
  ),
);
const how = await Promise.race([work, giveUp]);
if (how === 'gave-up') errorKinds.client_gave_up = 1;
const wallMs = Number(process.hrtime.bigint() - t0) / 1e6;
const cpu = process.cpuUsage(cpu0);
clearInterval(sampler);
const calls = args.workflows * args.fanout;
const result = {
  client, calls, ok, errors: calls - ok, errorKinds, wallMs,
  cpuMs: (cpu.user + cpu.system) / 1000,
  peakHeapMb: peakHeap / (1024 * 1024), peakRssMb: peakRssMb(), liveHeapMb: -1,
  retries: -1, hedges: -1,
  p50Ms: percentile(latencies, 0.5), p99Ms: percentile(latencies, 0.99), maxMs: percentile(latencies, 1.0),
};
process.stdout.write('RESULT ' + JSON.stringify(result) + '\n', () => process.exit(0));
