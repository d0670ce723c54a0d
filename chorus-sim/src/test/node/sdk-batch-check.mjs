// The official SDKs' batch methods, unmodified, against a running simulator:
// node sdk-batch-check.mjs http://127.0.0.1:PORT (start it with --config sdk-batch-check.sim.yaml)
import OpenAI, { toFile } from 'openai';
import Anthropic from '@anthropic-ai/sdk';
const base = process.argv[2];
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

const an = new Anthropic({ apiKey: 'sk-ant-test', baseURL: base });
const requests = ['a', 'b', 'c'].map((id) => ({
  custom_id: 'item-' + id,
  params: { model: id === 'b' ? 'flaky' : 'claude-sonnet-4-5', max_tokens: 40, messages: [{ role: 'user', content: 'hello ' + id }] },
}));
let mb = await an.messages.batches.create({ requests });
console.log('anthropic batch created:', mb.id.startsWith('msgbatch_'), mb.processing_status, JSON.stringify(mb.request_counts));
while (mb.processing_status !== 'ended') { await sleep(20); mb = await an.messages.batches.retrieve(mb.id); }
console.log('anthropic batch ended:', JSON.stringify(mb.request_counts), 'results_url', !!mb.results_url);
for await (const r of await an.messages.batches.results(mb.id)) {
  if (r.result.type === 'succeeded') console.log('anthropic result', r.custom_id, 'succeeded', r.result.message.content[0].text.length > 0, JSON.stringify(r.result.message.usage));
  else console.log('anthropic result', r.custom_id, r.result.type, r.result.error?.error?.type);
}
const listed = [];
for await (const b of an.messages.batches.list()) listed.push(b.id);
console.log('anthropic list has it:', listed.includes(mb.id));
let cb = await an.messages.batches.create({ requests: [{ custom_id: 'slow-1', params: { model: 'fast', max_tokens: 10, messages: [{ role: 'user', content: 'x' }] } }, { custom_id: 'slow-2', params: { model: 'fast', max_tokens: 10, messages: [{ role: 'user', content: 'y' }] } }] });
cb = await an.messages.batches.cancel(cb.id);
console.log('anthropic cancel:', cb.processing_status, !!cb.cancel_initiated_at);
while (cb.processing_status !== 'ended') { await sleep(10); cb = await an.messages.batches.retrieve(cb.id); }
console.log('anthropic cancelled counts:', JSON.stringify(cb.request_counts));
try { await an.messages.batches.retrieve('msgbatch_nope'); } catch (e) { console.log('anthropic missing batch:', e.constructor.name, e.status); }

const oa = new OpenAI({ apiKey: 'sk-test', baseURL: base + '/v1' });
const lines = ['x', 'y', 'z'].map((id) => JSON.stringify({ custom_id: 'req-' + id, method: 'POST', url: '/v1/chat/completions', body: { model: id === 'y' ? 'flaky-too' : 'gpt-4o-mini', messages: [{ role: 'user', content: 'hi ' + id }], max_tokens: 30 } })).join('\n') + '\n';
const file = await oa.files.create({ file: await toFile(Buffer.from(lines), 'batch.jsonl'), purpose: 'batch' });
console.log('openai file:', file.id.startsWith('file-'), file.purpose, file.bytes === Buffer.byteLength(lines));
let ob = await oa.batches.create({ input_file_id: file.id, endpoint: '/v1/chat/completions', completion_window: '24h', metadata: { run: 'sdk-check' } });
const seen = new Set([ob.status]);
while (!['completed', 'failed', 'expired', 'cancelled'].includes(ob.status)) { await sleep(10); ob = await oa.batches.retrieve(ob.id); seen.add(ob.status); }
console.log('openai batch', ob.status, 'statuses seen', [...seen].join(','), JSON.stringify(ob.request_counts), 'metadata', ob.metadata?.run);
const out = await (await oa.files.content(ob.output_file_id)).text();
for (const l of out.trim().split('\n')) { const j = JSON.parse(l); console.log('openai output', j.custom_id, j.response.status_code, j.response.body.choices[0].message.content.length > 0, 'usage', j.response.body.usage.prompt_tokens > 0); }
const err = await (await oa.files.content(ob.error_file_id)).text();
for (const l of err.trim().split('\n')) { const j = JSON.parse(l); console.log('openai error', j.custom_id, j.response.status_code, j.response.body.error.type); }
let oc = await oa.batches.create({ input_file_id: file.id, endpoint: '/v1/chat/completions', completion_window: '24h' });
oc = await oa.batches.cancel(oc.id);
console.log('openai cancel:', oc.status);
while (oc.status === 'cancelling') { await sleep(10); oc = await oa.batches.retrieve(oc.id); }
console.log('openai cancelled:', oc.status);
const page = await oa.batches.list();
console.log('openai list has it:', page.data.some((b) => b.id === ob.id));
