import { describe, expect, it } from 'vitest';
import { msg } from './message-key.ts';
import { expandMessage, SENTENCES } from './messages.ts';
import { parseCatalog as parseCore } from './parse-core.ts';
import { parseCatalog } from './parse.ts';

describe('problem messages travel as keys until read', () => {
  it('expands keys with their values into sentences', () => {
    expect(expandMessage(msg('timeZone', 'Mars/Olympus'))).toBe('"Mars/Olympus" is not a known IANA time zone (for example "Europe/Amsterdam" or "UTC")');
    expect(expandMessage(`${msg('link')}${msg('found', '"javascript:x"')}`)).toBe('must be a full https:, http: or mailto: link (found "javascript:x")');
  });

  it('keeps feed text from forging a key', () => {
    const hostile = 'Europe/\u0001notUtf8\u0001';
    expect(expandMessage(msg('timeZone', hostile))).toBe('"Europe/notUtf8" is not a known IANA time zone (for example "Europe/Amsterdam" or "UTC")');
  });

  it('has a sentence for every key the parser uses', () => {
    const result = parseCore('{"format":"kanswijzer-catalog","version":1,"id":"x","title":"T","language":"nl","items":[{"id":"a","type":"event","title":"E","start":"2026-01-01T10:00:00+01:00","timeZone":"Nowhere/Else","rrule":"FREQ=SOMETIMES"}]}');
    // eslint-disable-next-line no-control-regex
    const keys = result.problems.flatMap((p) => [...p.message.matchAll(/\u0001([^\u0001\u0002]+)/g)].map((m) => m[1]!));
    expect(keys.length).toBeGreaterThan(0);
    for (const key of keys) expect(SENTENCES[key], key).toBeTypeOf('function');
  });

  it('the full parser gives sentences, the core parser keys', () => {
    const text = '{"format":"kanswijzer-catalog","version":1,"id":"x","title":"T","language":"nl","items":[{"id":"a","type":"practice","title":"P","url":"ftp://x"}]}';
    // eslint-disable-next-line no-control-regex
    expect(parseCore(text).problems[0]?.message).toMatch(/^\u0001link\u0001/);
    expect(parseCatalog(text).problems[0]?.message).toBe('must be a full https:, http: or mailto: link (found "ftp://x")');
  });
});
