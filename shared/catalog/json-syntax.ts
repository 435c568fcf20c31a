/**
 * Finds where JSON text first goes wrong and says what was expected there. JSON.parse's own messages differ
 * between engines and often give no position; editors need a line and a column. Only runs after JSON.parse
 * has failed, so it favours clarity over speed. Iterative, so deep nesting cannot overflow the stack.
 */

export interface JsonSyntaxError {
  offset: number;
  message: string;
}

const WHITESPACE = new Set([' ', '\t', '\n', '\r']);

function describe(ch: string | undefined): string {
  if (ch === undefined) return 'the end of the text';
  if (ch === '\n' || ch === '\r') return 'a line break';
  return `"${ch}"`;
}

export function findJsonSyntaxError(text: string): JsonSyntaxError | undefined {
  let i = 0;
  // Stack of open containers: 'o' object, 'a' array.
  const stack: Array<'o' | 'a'> = [];
  type State = 'value' | 'afterValue' | 'key' | 'colon' | 'firstKeyOrEnd' | 'firstValueOrEnd';
  let state: State = 'value';
  const skip = () => {
    while (i < text.length && WHITESPACE.has(text[i]!)) i++;
  };
  const fail = (message: string): JsonSyntaxError => ({ offset: i, message });

  const readString = (): JsonSyntaxError | undefined => {
    i++; // opening quote
    while (i < text.length) {
      const ch = text[i]!;
      if (ch === '"') {
        i++;
        return undefined;
      }
      if (ch === '\\') {
        const next = text[i + 1];
        if (next === 'u') {
          if (!/^[0-9a-fA-F]{4}$/.test(text.slice(i + 2, i + 6))) return fail('a \\u escape needs four hex digits');
          i += 6;
        } else if (next !== undefined && '"\\/bfnrt'.includes(next)) i += 2;
        else return fail(`${describe(next)} cannot follow a backslash in a string`);
        continue;
      }
      if (ch.charCodeAt(0) < 0x20) return fail('a string cannot contain a line break or control character (is a closing quote missing?)');
      i++;
    }
    return fail('a string is not closed (a closing quote is missing)');
  };

  for (;;) {
    skip();
    const ch = text[i];
    switch (state) {
      case 'value':
      case 'firstValueOrEnd': {
        if (state === 'firstValueOrEnd' && ch === ']') {
          stack.pop();
          i++;
          state = 'afterValue';
          break;
        }
        if (ch === '{') {
          stack.push('o');
          i++;
          state = 'firstKeyOrEnd';
        } else if (ch === '[') {
          stack.push('a');
          i++;
          state = 'firstValueOrEnd';
        } else if (ch === '"') {
          const error = readString();
          if (error) return error;
          state = 'afterValue';
        } else if (ch !== undefined && /[-0-9]/.test(ch)) {
          const match = /^-?(0|[1-9]\d*)(\.\d+)?([eE][+-]?\d+)?/.exec(text.slice(i, i + 400));
          if (!match || match[0] === '-') return fail('a number is not written correctly');
          i += match[0].length;
          state = 'afterValue';
        } else if (text.startsWith('true', i) || text.startsWith('null', i)) {
          i += 4;
          state = 'afterValue';
        } else if (text.startsWith('false', i)) {
          i += 5;
          state = 'afterValue';
        } else {
          const hint = ch === "'" ? ' (JSON needs double quotes)' : ch === ',' || ch === ']' || ch === '}' ? ' (is there an extra comma?)' : '';
          return fail(`expected a value but found ${describe(ch)}${hint}`);
        }
        break;
      }
      case 'afterValue': {
        const top = stack[stack.length - 1];
        if (top === undefined) {
          if (ch === undefined) return undefined;
          return fail(`expected the end of the text but found ${describe(ch)} (is there text after the catalog?)`);
        }
        if (ch === ',') {
          i++;
          state = top === 'o' ? 'key' : 'value';
        } else if ((top === 'o' && ch === '}') || (top === 'a' && ch === ']')) {
          stack.pop();
          i++;
        } else {
          const closer = top === 'o' ? '"}"' : '"]"';
          return fail(`expected "," or ${closer} but found ${describe(ch)}${ch === '"' ? ' (is a comma missing?)' : ''}`);
        }
        break;
      }
      case 'key':
      case 'firstKeyOrEnd': {
        if (state === 'firstKeyOrEnd' && ch === '}') {
          stack.pop();
          i++;
          state = 'afterValue';
          break;
        }
        if (ch !== '"') {
          const hint = ch === '}' ? ' (is there an extra comma?)' : ch === "'" ? ' (JSON needs double quotes)' : ' (names must be in double quotes)';
          return fail(`expected a field name in double quotes but found ${describe(ch)}${hint}`);
        }
        const error = readString();
        if (error) return error;
        state = 'colon';
        break;
      }
      case 'colon': {
        if (ch !== ':') return fail(`expected ":" after the field name but found ${describe(ch)}`);
        i++;
        state = 'value';
        break;
      }
    }
  }
}
