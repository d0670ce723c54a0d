import OpenAI from 'openai';
import Anthropic from '@anthropic-ai/sdk';
const base = process.argv[2];
const oa = new OpenAI({ apiKey: 'sk-test', baseURL: base + '/v1', maxRetries: 3 });
const r = await oa.chat.completions.create({ model: 'gpt-4o-mini', messages: [{ role: 'user', content: 'hello' }], max_tokens: 20 });
console.log('openai create:', r.choices[0].message.content.slice(0, 40), r.usage.total_tokens);
const s = await oa.chat.completions.create({ model: 'fast', stream: true, stream_options: { include_usage: true }, messages: [{ role: 'user', content: 'hello' }] });
let t = ''; let usage;
for await (const c of s) { t += c.choices[0]?.delta?.content ?? ''; if (c.usage) usage = c.usage; }
console.log('openai stream:', t.length, 'chars, usage', JSON.stringify(usage));
const an = new Anthropic({ apiKey: 'sk-ant-test', baseURL: base, maxRetries: 3 });
const m = await an.messages.create({ model: 'claude-sonnet-4-5', max_tokens: 30, messages: [{ role: 'user', content: 'hello' }] });
console.log('anthropic create:', m.content[0].text.slice(0, 40), JSON.stringify(m.usage));
const st = an.messages.stream({ model: 'fast', max_tokens: 50, messages: [{ role: 'user', content: 'hello' }] });
st.on('text', () => {});
const fin = await st.finalMessage();
console.log('anthropic stream:', fin.content[0].text.length, 'chars', fin.stop_reason, JSON.stringify(fin.usage));
// retries: the sim fails the 1st request for model "retry-me" with 429 retry-after-ms 300
const t0 = Date.now();
const rr = await oa.chat.completions.create({ model: 'retry-me', messages: [{ role: 'user', content: 'x' }] });
console.log('openai retried after 429 in', Date.now() - t0, 'ms:', !!rr.choices[0].message.content);
const t1 = Date.now();
const ar = await an.messages.create({ model: 'retry-me-too', max_tokens: 10, messages: [{ role: 'user', content: 'x' }] });
console.log('anthropic retried after 429 in', Date.now() - t1, 'ms:', !!ar.content[0].text);
try { await an.messages.create({ model: 'broken', max_tokens: 10, messages: [{ role: 'user', content: 'x' }] }); }
catch (e) { console.log('anthropic error class:', e.constructor.name, e.status, e.error?.error?.type); }
try { await oa.chat.completions.create({ model: 'poor', messages: [{ role: 'user', content: 'x' }] }); }
catch (e) { console.log('openai error class:', e.constructor.name, e.status, e.code); }
try { const bad = await an.messages.create({ model: 'midstream', max_tokens: 200, stream: true, messages: [{ role: 'user', content: 'x' }] }); for await (const ev of bad) {} console.log('no error?'); }
catch (e) { console.log('anthropic mid-stream error:', e.constructor.name, e.message.slice(0, 60)); }
