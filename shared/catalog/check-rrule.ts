import { checkRrule as rruleProblemKeys } from './rrule.ts';
import { expandMessage } from './messages.ts';

/** The problems with an RRULE text, as plain sentences; an empty list when it is valid. */
export function checkRrule(text: string): string[] {
  return rruleProblemKeys(text).map(expandMessage);
}
