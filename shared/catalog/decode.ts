/**
 * Turns raw feed bytes or text into a JSON value, with a plain-language answer for everything that goes
 * wrong before the catalog itself can be checked: empty input, HTML error pages, other formats, byte-order
 * marks, UTF-16, invalid JSON (with line and column) and absurd nesting. Never throws.
 */

import type { JsonSyntaxError } from './json-syntax.ts';
import { msg } from './message-key.ts';

export const MAX_NESTING_DEPTH = 64;
export const MAX_TEXT_LENGTH = 50 * 1024 * 1024;

export type DecodeResult =
  | { ok: true; value: unknown; notes: string[] }
  | { ok: false; message: string; line?: number; column?: number };

function looksLikeUtf16(bytes: Uint8Array): 'utf-16le' | 'utf-16be' | undefined {
  if (bytes.length >= 2 && bytes[0] === 0xff && bytes[1] === 0xfe) return 'utf-16le';
  if (bytes.length >= 2 && bytes[0] === 0xfe && bytes[1] === 0xff) return 'utf-16be';
  // Without a byte-order mark, ASCII text in UTF-16 has a zero in every other byte.
  const sample = Math.min(bytes.length, 64);
  if (sample < 4) return undefined;
  let evenZeros = 0;
  let oddZeros = 0;
  for (let i = 0; i < sample; i++) {
    if (bytes[i] !== 0) continue;
    if (i % 2 === 0) evenZeros++;
    else oddZeros++;
  }
  if (oddZeros > sample / 4 && evenZeros === 0) return 'utf-16le';
  if (evenZeros > sample / 4 && oddZeros === 0) return 'utf-16be';
  return undefined;
}

/** Decodes bytes as UTF-8 (with or without BOM) or UTF-16 (with BOM or recognisably without). */
export function decodeBytes(bytes: Uint8Array): { ok: true; text: string; notes: string[] } | { ok: false; message: string } {
  const notes: string[] = [];
  const utf16 = looksLikeUtf16(bytes);
  if (utf16) {
    notes.push(msg('utf16', utf16.toUpperCase()));
    return { ok: true, text: new TextDecoder(utf16).decode(bytes), notes };
  }
  try {
    return { ok: true, text: new TextDecoder('utf-8', { fatal: true }).decode(bytes), notes };
  } catch {
    return { ok: false, message: msg('notUtf8') };
  }
}

function lineAndColumn(text: string, offset: number): { line: number; column: number } {
  let line = 1;
  let lastBreak = -1;
  for (let i = 0; i < offset && i < text.length; i++) {
    if (text.charCodeAt(i) === 10) {
      line++;
      lastBreak = i;
    }
  }
  return { line, column: offset - lastBreak };
}

/** Deepest bracket nesting outside strings; stops counting once past the limit. */
function nestingDepth(text: string, limit: number): { depth: number; offset: number } {
  let depth = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (inString) {
      if (c === 92) i++; // backslash: skip the escaped character
      else if (c === 34) inString = false;
    } else if (c === 34) inString = true;
    else if (c === 123 || c === 91) {
      depth++;
      if (depth > limit) return { depth, offset: i };
    } else if (c === 125 || c === 93) depth--;
  }
  return { depth: 0, offset: -1 };
}

function describeNonJson(text: string): string | undefined {
  const head = text.slice(0, 2000).trimStart();
  const lower = head.toLowerCase();
  if (lower.startsWith('begin:vcalendar')) {
    return msg('icalendar');
  }
  if (lower.startsWith('<')) {
    if (/<!doctype html|<html[\s>]|<head[\s>]|<body[\s>]/.test(lower)) {
      const title = /<title[^>]*>([^<]{0,120})/i.exec(head)?.[1]?.trim();
      return msg('html', title ?? '');
    }
    if (/<rss[\s>]|<feed[\s>]/.test(lower)) return msg('rss');
    return msg('xml');
  }
  return undefined;
}

/** Parses text as JSON with the checks above. */
export function decodeText(input: string, notes: string[] = [], locate?: (text: string) => JsonSyntaxError | undefined): DecodeResult {
  let text = input;
  if (text.charCodeAt(0) === 0xfeff) {
    text = text.slice(1);
    notes.push(msg('bom'));
  }
  if (text.length > MAX_TEXT_LENGTH) {
    return { ok: false, message: msg('tooLarge', Math.round(text.length / 1048576), MAX_TEXT_LENGTH / 1048576) };
  }
  if (text.trim() === '') return { ok: false, message: msg('empty') };
  if (text.includes('\u0000')) {
    return { ok: false, message: msg('zeroBytes') };
  }
  const other = describeNonJson(text);
  if (other) return { ok: false, message: other };
  const nesting = nestingDepth(text, MAX_NESTING_DEPTH);
  if (nesting.offset >= 0) {
    const at = lineAndColumn(text, nesting.offset);
    return { ok: false, message: msg('tooDeep', MAX_NESTING_DEPTH), ...at };
  }
  try {
    return { ok: true, value: JSON.parse(text), notes };
  } catch (error) {
    const found = locate?.(text);
    if (!found) return { ok: false, message: msg('invalidJson', error instanceof Error ? error.message : String(error)) };
    const at = lineAndColumn(text, found.offset);
    return { ok: false, message: msg('invalidJsonAt', at.line, at.column, found.message), ...at };
  }
}

/** Whether an already-parsed value nests too deeply, checked iteratively so a deep or cyclic object cannot overflow the stack. */
export function valueTooDeep(value: unknown, limit = MAX_NESTING_DEPTH): boolean {
  // A cycle shows up as depth beyond the limit; the visit cap bounds objects shared many times over.
  const stack: Array<{ node: unknown; depth: number }> = [{ node: value, depth: 0 }];
  let visited = 0;
  while (stack.length) {
    const { node, depth } = stack.pop()!;
    if (node === null || typeof node !== 'object') continue;
    if (depth > limit || ++visited > 2_000_000) return true;
    for (const child of Object.values(node as Record<string, unknown>)) stack.push({ node: child, depth: depth + 1 });
  }
  return false;
}
