/**
 * Reads iCalendar text into a tree of components and properties, remembering the line each one starts on,
 * so problems can say where they are. Tolerant by design: a broken line or a missing END is reported and
 * skipped, and everything else is still read. Never throws. Problem messages are keys (import-messages.ts
 * has their sentences).
 */
import { msg } from '../catalog/message-key.ts';

export interface RawProperty {
  /** Upper-case property name, such as `DTSTART`. */
  name: string;
  /** Upper-case parameter names → values (quotes removed). */
  params: Record<string, string>;
  value: string;
  /** 1-based line number in the original text. */
  line: number;
}

export interface RawComponent {
  /** Upper-case component name, such as `VEVENT`. */
  name: string;
  properties: RawProperty[];
  components: RawComponent[];
  line: number;
}

export interface ContentProblem {
  line: number;
  component?: string;
  property?: string;
  message: string;
  severity: 'error' | 'note';
}

export interface ContentReadResult {
  /** The outermost components (normally one VCALENDAR). */
  components: RawComponent[];
  problems: ContentProblem[];
  /** True when reading stopped early at `maxComponents`. */
  truncated: boolean;
}

export interface ContentReadOptions {
  /** Stop after this many components named `countComponent` (default 20,000 VEVENTs). */
  maxComponents?: number;
  countComponent?: string;
  /** At most this many problems are kept (the rest are counted in one closing problem). */
  maxProblems?: number;
}

const NAME = /^[A-Za-z0-9-]+$/;

function parseParameters(text: string): { params: Record<string, string>; ok: boolean } {
  const params: Record<string, string> = {};
  let ok = true;
  let index = 0;
  while (index < text.length) {
    // text[index] is ';'
    index++;
    const equals = text.indexOf('=', index);
    if (equals < 0) {
      ok = false;
      break;
    }
    const name = text.slice(index, equals).trim().toUpperCase();
    index = equals + 1;
    const values: string[] = [];
    for (;;) {
      if (text[index] === '"') {
        const close = text.indexOf('"', index + 1);
        if (close < 0) {
          ok = false;
          values.push(text.slice(index + 1));
          index = text.length;
          break;
        }
        values.push(text.slice(index + 1, close));
        index = close + 1;
      } else {
        let end = index;
        while (end < text.length && text[end] !== ';' && text[end] !== ',') end++;
        values.push(text.slice(index, end));
        index = end;
      }
      if (text[index] === ',') {
        index++;
        continue;
      }
      break;
    }
    if (name) params[name] = values.join(',');
    if (index < text.length && text[index] !== ';') {
      ok = false;
      break;
    }
  }
  return { params, ok };
}

/** Splits one unfolded content line into name, parameters and value; undefined when it is not one. */
export function parseContentLine(text: string): { name: string; params: Record<string, string>; value: string } | undefined {
  // The value starts at the first ':' that is not inside a quoted parameter value.
  let inQuotes = false;
  let colon = -1;
  let firstSemicolon = -1;
  for (let i = 0; i < text.length; i++) {
    const character = text[i];
    if (character === '"') inQuotes = !inQuotes;
    else if (!inQuotes && character === ';' && firstSemicolon < 0) firstSemicolon = i;
    else if (!inQuotes && character === ':') {
      colon = i;
      break;
    }
  }
  if (colon < 0) return undefined;
  const head = text.slice(0, colon);
  const nameEnd = firstSemicolon >= 0 && firstSemicolon < colon ? firstSemicolon : colon;
  const name = head.slice(0, nameEnd).trim();
  if (!NAME.test(name)) return undefined;
  const { params } = nameEnd < colon ? parseParameters(head.slice(nameEnd)) : { params: {} };
  return { name: name.toUpperCase(), params, value: text.slice(colon + 1) };
}

/**
 * Reads the whole text. Line ends may be CRLF, LF or CR; folded lines (continuations starting with a space
 * or tab) are joined. A UTF-8 byte-order mark is ignored.
 */
export function readContentLines(input: string, options: ContentReadOptions = {}): ContentReadResult {
  const maxComponents = options.maxComponents ?? 20_000;
  const countComponent = (options.countComponent ?? 'VEVENT').toUpperCase();
  const maxProblems = options.maxProblems ?? 200;
  const text = typeof input === 'string' ? input.replace(/^\uFEFF/, '') : '';
  const problems: ContentProblem[] = [];
  let droppedProblems = 0;
  const report = (problem: ContentProblem) => {
    if (problems.length < maxProblems) problems.push(problem);
    else droppedProblems++;
  };

  const roots: RawComponent[] = [];
  const stack: RawComponent[] = [];
  let counted = 0;
  let truncated = false;
  let tooDeep = false;

  let logical = '';
  let logicalLine = 0;
  let lineNumber = 0;
  let position = 0;

  const handle = (content: string, line: number): boolean => {
    if (content.trim() === '') return true;
    const parsed = parseContentLine(content);
    const current = stack[stack.length - 1];
    if (!parsed) {
      report({
        line,
        severity: 'error',
        ...(current ? { component: current.name } : {}),
        message: msg('notLine', `${content.slice(0, 50)}${content.length > 50 ? '…' : ''}`),
      });
      return true;
    }
    if (parsed.name === 'BEGIN') {
      const name = parsed.value.trim().toUpperCase();
      if (!NAME.test(name)) {
        report({ line, severity: 'error', message: msg('beginNoName', parsed.value.slice(0, 40)) });
        return true;
      }
      if (name === countComponent) {
        if (counted >= maxComponents) {
          truncated = true;
          return false;
        }
        counted++;
      }
      if (stack.length >= 10) {
        report({ line, severity: 'error', component: name, message: msg('tooDeep', name) });
        tooDeep = true;
        return false;
      }
      const component: RawComponent = { name, properties: [], components: [], line };
      if (current) current.components.push(component);
      else roots.push(component);
      stack.push(component);
      return true;
    }
    if (parsed.name === 'END') {
      const name = parsed.value.trim().toUpperCase();
      const index = stack.map((c) => c.name).lastIndexOf(name);
      if (index < 0) {
        // A misspelt END (END:VTOOD) most likely closes the innermost component, as other readers assume.
        if (current && current.name !== 'VCALENDAR') {
          report({ line, severity: 'error', component: current.name, message: msg('endMismatch', parsed.value.trim().slice(0, 40), current.name, current.line) });
          stack.pop();
        } else {
          report({ line, severity: 'error', component: name, message: msg('endUnmatched', parsed.value.trim().slice(0, 40)) });
        }
        return true;
      }
      for (let i = stack.length - 1; i > index; i--) {
        const unclosed = stack[i]!;
        report({ line: unclosed.line, severity: 'error', component: unclosed.name, message: msg('closedBy', unclosed.name, line, name) });
      }
      stack.length = index;
      return true;
    }
    if (!current) {
      report({ line, severity: 'error', property: parsed.name, message: msg('outside', parsed.name) });
      return true;
    }
    current.properties.push({ name: parsed.name, params: parsed.params, value: parsed.value, line });
    return true;
  };

  let stopped = false;
  while (position < text.length) {
    let end = position;
    while (end < text.length && text[end] !== '\n' && text[end] !== '\r') end++;
    const physical = text.slice(position, end);
    lineNumber++;
    position = text[end] === '\r' && text[end + 1] === '\n' ? end + 2 : end + 1;
    if ((physical.startsWith(' ') || physical.startsWith('\t')) && logicalLine > 0) {
      // A hostile file could fold one line forever; cap it.
      if (logical.length < 1_000_000) logical += physical.slice(1);
    } else {
      if (logicalLine > 0 && !handle(logical, logicalLine)) {
        stopped = true;
        break;
      }
      logical = physical;
      logicalLine = lineNumber;
    }
  }
  if (!stopped && logicalLine > 0) handle(logical, logicalLine);
  if (!truncated && !tooDeep) {
    for (let i = stack.length - 1; i >= 0; i--) {
      const unclosed = stack[i]!;
      report({ line: unclosed.line, severity: unclosed.name === 'VCALENDAR' ? 'note' : 'error', component: unclosed.name, message: msg('neverClosed', unclosed.name) });
    }
  }
  if (droppedProblems > 0) problems.push({ line: lineNumber, severity: 'note', message: msg('moreProblems', droppedProblems) });
  return { components: roots, problems, truncated };
}

/** Undoes TEXT escaping (§3.3.11): `\n`, `\,`, `\;`, `\\`. */
export function unescapeText(value: string): string {
  return value.replace(/\\([nN,;\\:])/g, (_, character: string) => (character === 'n' || character === 'N' ? '\n' : character));
}

/** Splits a TEXT list on unescaped commas. */
export function splitUnescaped(value: string, separator = ','): string[] {
  const parts: string[] = [];
  let current = '';
  for (let i = 0; i < value.length; i++) {
    const character = value[i]!;
    if (character === '\\' && i + 1 < value.length) {
      current += character + value[i + 1];
      i++;
    } else if (character === separator) {
      parts.push(current);
      current = '';
    } else current += character;
  }
  parts.push(current);
  return parts;
}
