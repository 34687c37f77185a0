import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ResultSchema } from '../../knowledge/contracts/result';
import { startServer, type Started } from '../support/process';

let server: Started;
beforeAll(async () => {
  server = await startServer({ BOUSSOLE_TODAY: '2026-11-23', DATA_DIR: mkdtempSync(join(tmpdir(), 'api-')) });
});
afterAll(() => server.stop());

const post = (body: string | Blob, headers: Record<string, string> = { 'content-type': 'application/json' }, query = '') =>
  fetch(`${server.url}/api/orientation${query}`, { method: 'POST', body, headers });

describe('HTTP API (real server process)', () => {
  it('GET /healthz answers ok', async () => {
    const res = await fetch(`${server.url}/healthz`);
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ status: 'ok', instance: expect.stringMatching(/^[0-9a-f-]{36}$/) });
  });

  it('POST /api/orientation returns the result for a valid profile', async () => {
    const res = await post(JSON.stringify({ status: 'asylum_seeker', statusSince: '2026-09', location: { commune: 'Aurillac' }, locale: 'ar' }));
    expect(res.status).toBe(200);
    const result = ResultSchema.parse(await res.json());
    expect(result.locale).toBe('ar');
    expect(result.location).toMatchObject({ status: 'resolved', inseeCode: '15014' });
    // Registered two months ago: follow the claim (no more "go first to the SPADA", issue 9 point 8).
    expect(result.nextSteps[0]?.code).toBe('step.asylum_follow_claim');
    expect(result.help.map((h) => h.phone)).toEqual(['112', '15', '17', '115', '119', '3919', '3114']);
  });

  it('takes ?locale= over the profile locale', async () => {
    const res = await post(JSON.stringify({ status: 'bpi', locale: 'ar' }), undefined, '?locale=en');
    expect((await res.json()).locale).toBe('en');
  });

  it('answers 400 with per-field issues for an invalid profile', async () => {
    const res = await post(JSON.stringify({ status: 'refugee', age: -3, location: { postcode: '7500' }, extra: 1 }));
    expect(res.status).toBe(400);
    const body = await res.json();
    expect(body.error).toBe('invalid_profile');
    expect(body.issues.map((i: { path: string }) => i.path).sort()).toEqual(['age', 'extra', 'location.postcode', 'status']);
    expect(body.issues.find((i: { path: string }) => i.path === 'status').message).toMatch(/"bpi"/);
  });

  it('answers 400 for a month that has not come yet (a typo, not a fact)', async () => {
    const res = await post(JSON.stringify({ status: 'bpi', statusSince: '2030-01', inFranceSince: '2026-10' }));
    expect(res.status).toBe(400);
    expect((await res.json()).issues).toEqual([{ path: 'statusSince', message: expect.stringMatching(/^must not be after this month \(\d{4}-\d{2}\)$/) }]);
  });

  it('answers 400 for a profile that is not an object', async () => {
    const res = await post(JSON.stringify([1, 2]));
    expect(res.status).toBe(400);
    expect((await res.json()).error).toBe('invalid_profile');
  });

  it('answers 400 for an unknown locale', async () => {
    const res = await post('{}', undefined, '?locale=xx');
    expect(res.status).toBe(400);
    expect((await res.json()).issues[0].path).toBe('locale');
  });

  it('answers 413 over 64 KiB', async () => {
    const big = JSON.stringify({ status: 'bpi', pad: 'x'.repeat(70 * 1024) });
    const res = await post(big);
    expect(res.status).toBe(413);
    expect((await res.json()).error).toBe('payload_too_large');
  });

  it.each([
    ['a form body', { 'content-type': 'application/x-www-form-urlencoded' }],
    ['a text body', { 'content-type': 'text/plain; charset=utf-8' }],
    ['a body with no Content-Type', {}],
  ])('answers 415 for %s', async (_case, headers) => {
    // A Blob without a type, not a string: fetch would declare a string as text/plain.
    const res = await post(new Blob(['{"status":"bpi"}']), headers);
    expect(res.status).toBe(415);
    expect(await res.json()).toEqual({ error: 'unsupported_media_type', message: expect.stringMatching(/application\/json/) });
  });

  it('takes a body declared as another JSON type (+json)', async () => {
    expect((await post('{"status":"bpi"}', { 'content-type': 'application/vnd.boussole+json' })).status).toBe(200);
  });

  it.each([
    ['JSON cut short', '{"status": '],
    ['a trailing comma', '{"status": "bpi",}'],
    ['an empty body', ''],
  ])('answers 400 invalid_json for %s, as JSON APIs do', async (_case, body) => {
    const res = await post(body);
    expect(res.status).toBe(400);
    expect(await res.json()).toEqual({ error: 'invalid_json', message: 'the body is not valid JSON' });
  });

  it('answers 404 as JSON for an unknown route', async () => {
    const res = await fetch(`${server.url}/api/nothing`);
    expect(res.status).toBe(404);
    expect((await res.json()).error).toBe('not_found');
  });

  it('answers 405 with a reason for a GET on the API, and names a wrong type in plain English', async () => {
    const get = await fetch(`${server.url}/api/orientation`);
    expect(get.status).toBe(405);
    expect((await get.json()).error).toBe('method_not_allowed');
    const res = await post(JSON.stringify({ needs: 'housing' }));
    expect((await res.json()).issues).toEqual([{ path: 'needs', message: 'must be an array' }]);
  });
});
