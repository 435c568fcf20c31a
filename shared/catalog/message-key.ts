/**
 * Problem texts travel as short keys until someone reads them (`messages.ts` holds the sentences). The
 * sentences are most of the parser's size, and a browser showing a valid feed never needs them, so the
 * feed loader fetches them only when a feed has problems.
 */
const MARK = '\u0001';
const SEP = '\u0002';

/** A message key with its values, to be turned into a sentence by `expandMessage`. */
export function msg(key: string, ...values: Array<string | number>): string {
  // The markers are control characters on purpose: feed text cannot contain them once stripped here.
  // eslint-disable-next-line no-control-regex
  return MARK + key + values.map((value) => SEP + String(value).replace(/[\u0001\u0002]/g, '')).join('') + MARK;
}

/** Replaces every key in `text` with its sentence. */
export function expandWith(text: string, sentences: Record<string, (...values: string[]) => string>): string {
  // eslint-disable-next-line no-control-regex
  return text.replace(/\u0001([^\u0001]*)\u0001/g, (_, body: string) => {
    const [key = '', ...values] = body.split(SEP);
    const sentence = sentences[key];
    return sentence ? sentence(...values) : key;
  });
}
