/**
 * ical.js on demand. It is the largest part of the iCalendar code (about 23 kB of a page's JavaScript) and
 * only some calendars need it: recurrence rules are followed by its RecurIterator (recurrence.ts, which
 * carries ical.js), and rules our own check refuses and zones only a VTIMEZONE explains are read with it.
 * Browser code loads it when such a calendar arrives; Node code (occurrences.ts) provides it up front.
 */
export type Recurrence = typeof import('./recurrence.ts');
export type Ical = Recurrence['ICAL'];

let provided: Recurrence | undefined;
let loading: Promise<Recurrence> | undefined;

/** recurrence.ts (with ical.js) when it is already here, else undefined. */
export function loadedRecurrence(): Recurrence | undefined {
  return provided;
}

/** Hands over recurrence.ts when it was imported statically. */
export function provideRecurrence(module: Recurrence): void {
  provided = module;
}

/** Loads recurrence.ts and ical.js once (one chunk of its own in the widget bundle). */
export function loadRecurrence(): Promise<Recurrence> {
  if (provided) return Promise.resolve(provided);
  loading ??= import('./recurrence.ts').then(
    (module) => (provided = module),
    (error: unknown) => {
      // A failed chunk load (offline, a deploy in between) may be tried again later.
      loading = undefined;
      throw error;
    },
  );
  return loading;
}
