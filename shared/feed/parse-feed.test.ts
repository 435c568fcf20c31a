import { describe, expect, it } from 'vitest';
import { detectFeedKind, parseFeed } from './parse-feed.ts';

const ICS = 'BEGIN:VCALENDAR\r\nBEGIN:VEVENT\r\nUID:a\r\nSUMMARY:A\r\nDTSTART:20250101T100000Z\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n';

describe('detectFeedKind and parseFeed', () => {
  it('goes by content type when it is clear, else by the text, else by the address', () => {
    expect(detectFeedKind(ICS, { contentType: 'text/calendar; charset=utf-8' })).toBe('icalendar');
    expect(detectFeedKind('{"a":1}', { contentType: 'application/json' })).toBe('catalog');
    expect(detectFeedKind(ICS, { contentType: 'text/plain' })).toBe('icalendar');
    expect(detectFeedKind(`\uFEFF  ${ICS}`)).toBe('icalendar');
    expect(detectFeedKind(' {"format": "kanswijzer-catalog"}', { contentType: 'application/octet-stream' })).toBe('catalog');
    expect(detectFeedKind('<!DOCTYPE html><p>Not found</p>', { contentType: 'application/json' })).toBe('html');
    expect(detectFeedKind('???', { url: 'https://x.example/agenda.ics?token=1' })).toBe('icalendar');
    expect(detectFeedKind('???')).toBe('unknown');
  });

  it('returns a catalog for both kinds and a clear problem for anything else', async () => {
    expect(await parseFeed(ICS, { url: 'https://x.example/a.ics' })).toMatchObject({ kind: 'icalendar', catalog: { id: 'a', items: [{ id: 'a' }] } });
    const page = await parseFeed('<html><body>Log in</body></html>', { url: 'https://x.example/feed' });
    expect(page).toMatchObject({ kind: 'html', catalog: undefined, problems: [{ severity: 'error', file: 'https://x.example/feed', message: expect.stringMatching(/web page/) }] });
    expect((await parseFeed('plain words')).problems[0]!.message).toMatch(/neither a Kanswijzer catalog/);
  });
});
