// One client process of the shared-limit check: N chat completions at concurrency C through the
// gateway with its own virtual key, no SDK retries (a 429 would show as a failure).
import OpenAI from 'openai';
const [base, key, n, c] = process.argv.slice(2);
const oa = new OpenAI({ apiKey: key, baseURL: base + '/v1', maxRetries: 0, timeout: 600000 });
let next = 0; let ok = 0; let failed = 0; let limited = 0;
async function worker() {
  while (next < Number(n)) {
    next++;
    try {
      await oa.chat.completions.create({ model: 'gpt-4o-mini', max_tokens: 5, messages: [{ role: 'user', content: 'hi' }] });
      ok++;
    } catch (e) {
      failed++;
      if (e.status === 429) limited++;
    }
  }
}
await Promise.all(Array.from({ length: Number(c) }, worker));
console.log(`client done ok=${ok} failed=${failed} 429=${limited}`);
