import { describe, expect, it } from 'vitest';
import { parseFeed } from './parse-feed.ts';

describe('parseFeed on broken JSON', () => {
  it('says where the JSON breaks, loading the locator only then', async () => {
    const text = '{\n  "format": "kanswijzer-catalog",\n  "version": 1,\n  "items": [,]\n}';
    const parsed = await parseFeed(text, { url: 'https://school.example/feed.json', contentType: 'application/json' });
    expect(parsed.catalog).toBeUndefined();
    expect(parsed.problems[0]?.message).toMatch(/not valid JSON \(line 4, column 13\): expected a value but found ","/);
    expect(parsed.problems[0]?.file).toBe('https://school.example/feed.json');
  });
});
