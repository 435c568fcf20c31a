import { describe, expect, it } from 'vitest';
import { checkFeedUrl, DEFAULT_SETTINGS, feedUrls, isPaused, MAX_FEEDS, mergeSettings, normaliseOrigin, readManagedPolicy, uiLanguage } from './settings.ts';

describe('mergeSettings', () => {
  it('gives the defaults when nothing is stored: default catalog on, hints off, nothing locked', () => {
    const merged = mergeSettings(undefined, undefined);
    expect(merged).toMatchObject({ ...DEFAULT_SETTINGS, managedFeeds: [], managedSites: [], allowUserFeeds: true, locked: [], problems: [] });
    expect(merged.hints).toBe(false);
  });

  it('lets the policy win over the user and marks those settings locked', () => {
    const merged = mergeSettings(
      { role: 'docent', sector: 'mbo', language: 'en', hints: false, defaultFeed: true },
      { role: 'stagebegeleider', hints: true, defaultFeed: false },
    );
    expect(merged.role).toBe('stagebegeleider');
    expect(merged.hints).toBe(true);
    expect(merged.defaultFeed).toBe(false);
    expect(merged.sector).toBe('mbo');
    expect(merged.language).toBe('en');
    expect(merged.locked.sort()).toEqual(['defaultFeed', 'hints', 'role']);
  });

  it('always loads policy feeds first and keeps the user\'s own unless the policy forbids them', () => {
    const user = { feeds: ['https://school.example/feed.json', 'https://hub.example/catalog.json'] };
    const merged = mergeSettings(user, { feeds: ['https://hub.example/catalog.json'] });
    expect(merged.managedFeeds).toEqual(['https://hub.example/catalog.json']);
    expect(merged.feeds).toEqual(['https://school.example/feed.json']);
    expect(feedUrls(merged, 'kanswijzer:packaged')).toEqual(['kanswijzer:packaged', 'https://hub.example/catalog.json', 'https://school.example/feed.json']);

    const closed = mergeSettings(user, { feeds: ['https://hub.example/catalog.json'], allowUserFeeds: false });
    expect(closed.feeds).toEqual([]);
    expect(closed.locked).toContain('feeds');
    expect(feedUrls({ ...closed, defaultFeed: false }, 'kanswijzer:packaged')).toEqual(['https://hub.example/catalog.json']);
  });

  it('reads policy sites as origins', () => {
    const merged = mergeSettings({}, { sites: ['https://elo.kompas.nl/login/index.php', 'http://localhost:8080', 'elo.kompas.nl'] });
    expect(merged.managedSites).toEqual(['https://elo.kompas.nl', 'http://localhost:8080']);
    expect(merged.problems).toEqual([expect.stringContaining('policy.sites[2]')]);
  });

  it('leaves out malformed values with a reason instead of throwing', () => {
    const merged = mergeSettings(
      { role: 'Robert"); DROP', feeds: 'https://one.example/feed.json', hints: 'yes', paused: ['site:https://a.example', 42, 'elsewhere'] },
      { feeds: ['javascript:alert(1)', 'https://ok.example/feed.json'], hints: 'always', language: 'de', role: 7 },
    );
    expect(merged.role).toBe('');
    expect(merged.feeds).toEqual([]);
    expect(merged.hints).toBe(false);
    expect(merged.paused).toEqual(['site:https://a.example']);
    expect(merged.managedFeeds).toEqual(['https://ok.example/feed.json']);
    expect(merged.language).toBe('auto');
    expect(merged.locked).toEqual([]);
    expect(merged.problems).toEqual(
      expect.arrayContaining([
        expect.stringContaining('settings.feeds'),
        expect.stringContaining('policy.feeds[0]'),
        expect.stringContaining('policy.hints'),
        expect.stringContaining('policy.language'),
        expect.stringContaining('policy.role'),
      ]),
    );
  });

  it('caps the number of feeds', () => {
    const many = Array.from({ length: MAX_FEEDS + 5 }, (_, i) => `https://feeds.example/${i}.json`);
    const merged = mergeSettings({ feeds: many }, undefined);
    expect(merged.feeds).toHaveLength(MAX_FEEDS);
    expect(merged.problems).toEqual([expect.stringContaining(`first ${MAX_FEEDS}`)]);
  });

  it('treats a policy that is not an object as no policy, with a reason', () => {
    expect(readManagedPolicy('feeds=all')).toEqual({});
    const problems: string[] = [];
    readManagedPolicy(['x'], problems);
    expect(problems).toEqual(['policy: not an object']);
  });
});

describe('feed addresses and origins', () => {
  it('explains why an address cannot be a feed', () => {
    expect(checkFeedUrl('')).toEqual({ ok: false, reason: 'empty' });
    expect(checkFeedUrl('catalogus')).toEqual({ ok: false, reason: 'not-a-url' });
    expect(checkFeedUrl('ftp://files.example/feed.json')).toEqual({ ok: false, reason: 'not-http' });
    expect(checkFeedUrl('https://me:secret@files.example/feed.json')).toEqual({ ok: false, reason: 'has-credentials' });
    expect(checkFeedUrl('  https://hub.example/catalog.json#top ')).toEqual({ ok: true, url: 'https://hub.example/catalog.json' });
  });

  it('turns addresses into origins', () => {
    expect(normaliseOrigin('https://elo.kompas.nl/course/view.php?id=3')).toBe('https://elo.kompas.nl');
    expect(normaliseOrigin('chrome://settings')).toBeUndefined();
  });
});

describe('language and pausing', () => {
  it('follows the browser unless a language is chosen', () => {
    expect(uiLanguage('auto', 'nl-BE')).toBe('nl');
    expect(uiLanguage('auto', 'en-US')).toBe('en');
    expect(uiLanguage('auto', 'de')).toBe('en');
    expect(uiLanguage('nl', 'en-US')).toBe('nl');
  });

  it('is paused when the site or the course is', () => {
    const settings = { paused: ['course:https://a.example|moodle|7'] };
    expect(isPaused(settings, ['course:https://a.example|moodle|7', 'site:https://a.example'])).toBe(true);
    expect(isPaused(settings, ['course:https://a.example|moodle|8', 'site:https://a.example'])).toBe(false);
    expect(isPaused(settings, [undefined, 'site:https://a.example'])).toBe(false);
  });
});
