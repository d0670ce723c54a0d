// The official SDKs, unmodified, as clients of chorus serve: create, stream, a workflow model,
// errors with their own error classes, their retries meeting the gateway's 429.
import OpenAI from 'openai';
import Anthropic from '@anthropic-ai/sdk';
const [base, key, pacedKey] = process.argv.slice(2);
const oa = new OpenAI({ apiKey: key, baseURL: base + '/v1', maxRetries: 2 });
const an = new Anthropic({ apiKey: key, baseURL: base, maxRetries: 2 });

const r = await oa.chat.completions.create({ model: 'gpt-4o-mini', messages: [{ role: 'user', content: 'hello' }], max_tokens: 20 });
console.log('openai create:', r.choices[0].finish_reason, r.usage.total_tokens, 'synthetic', r.chorus?.synthetic);
const s = await oa.chat.completions.create({ model: 'gpt-4o-mini', stream: true, stream_options: { include_usage: true },
  messages: [{ role: 'user', content: 'hello' }] });
let t = ''; let usage;
for await (const c of s) { t += c.choices[0]?.delta?.content ?? ''; if (c.usage) usage = c.usage; }
console.log('openai stream:', t.length, 'chars, usage', JSON.stringify(usage));

const m = await an.messages.create({ model: 'claude-haiku-4-5', max_tokens: 30, messages: [{ role: 'user', content: 'hello' }] });
console.log('anthropic create:', m.stop_reason, JSON.stringify(m.usage));
const st = an.messages.stream({ model: 'claude-haiku-4-5', max_tokens: 50, messages: [{ role: 'user', content: 'hello' }] });
let n = 0; st.on('text', () => { n++; });
const fin = await st.finalMessage();
console.log('anthropic stream:', fin.content[0].text.length, 'chars in', n, 'deltas', fin.stop_reason);

const q = "Classify the following user content: 'We should organize a protest!'";
const w = await oa.chat.completions.create({ model: 'chorus/moderation', messages: [{ role: 'user', content: q }] });
console.log('openai workflow:', w.choices[0].message.content, 'tally', JSON.stringify(w.chorus.tally), 'calls', w.chorus.calls);
const ws = an.messages.stream({ model: 'chorus/moderation', max_tokens: 50, messages: [{ role: 'user', content: q }] });
const wfin = await ws.finalMessage();
console.log('anthropic workflow stream:', wfin.content[0].text);

try { await oa.chat.completions.create({ model: 'nosuch:model', messages: [{ role: 'user', content: 'x' }] }); }
catch (e) { console.log('openai error class:', e.constructor.name, e.status, e.code); }
try { await new Anthropic({ apiKey: 'not-a-gateway-key', baseURL: base, maxRetries: 0 }).messages.create({
  model: 'claude-haiku-4-5', max_tokens: 10, messages: [{ role: 'user', content: 'x' }] }); }
catch (e) { console.log('anthropic error class:', e.constructor.name, e.status, e.error?.error?.type); }
try { await an.messages.create({ model: 'claude-haiku-4-5', messages: [{ role: 'user', content: 'x' }] }); }
catch (e) { console.log('anthropic bad request:', e.constructor.name, e.status); }

// the paced key (rpm 6) allows one request now and the next ten seconds later: the SDKs' own retries
// wait for the gateway's retry-after and succeed
const paced = new OpenAI({ apiKey: pacedKey, baseURL: base + '/v1', maxRetries: 3 });
await paced.chat.completions.create({ model: 'sim:fast', messages: [{ role: 'user', content: 'x' }] });
const t0 = Date.now();
const again = await paced.chat.completions.create({ model: 'sim:fast', messages: [{ role: 'user', content: 'x' }] });
console.log('openai retried after 429 in', Date.now() - t0, 'ms:', !!again.choices[0].message.content);
const pacedA = new Anthropic({ apiKey: pacedKey, baseURL: base, maxRetries: 3 });
const t1 = Date.now();
const againA = await pacedA.messages.create({ model: 'sim:fast', max_tokens: 10, messages: [{ role: 'user', content: 'x' }] });
console.log('anthropic retried after 429 in', Date.now() - t1, 'ms:', !!againA.content[0].text);
