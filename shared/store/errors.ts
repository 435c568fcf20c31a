/**
 * Storage failures in plain words. IndexedDB reports problems as DOMExceptions with technical names; the
 * widgets and the extension need to tell a teacher what happened and what to do, in Dutch and English.
 */

/** Why a storage operation failed, as a stable code the UI can switch on. */
export type StoreErrorReason =
  /** The browser refused to store more (disk full, or the site's storage quota used up). */
  | 'quota-exceeded'
  /** No IndexedDB here (some private browsing modes, blocked storage, sandboxed frames). */
  | 'unavailable'
  /** Another tab keeps an older version of the database open, so it cannot be upgraded. */
  | 'blocked'
  /** The database was written by a newer Kanswijzer (for example after an update in another tab). */
  | 'version-too-new'
  /** The value given to the store cannot be stored (a programming error, or an item without an id). */
  | 'invalid'
  /** Anything else; the original error is in `cause`. */
  | 'unknown';

export interface StoreMessage {
  en: string;
  nl: string;
}

/** The words shown for each reason. Exported so the UI can use them without catching an error first. */
export const STORE_ERROR_MESSAGES: Readonly<Record<StoreErrorReason, StoreMessage>> = {
  'quota-exceeded': {
    en: 'There is no room left to save this on this device. Remove saved items or files you no longer need, or free up disk space, and try again. What you saved before is still there.',
    nl: 'Er is geen ruimte meer om dit op dit apparaat te bewaren. Verwijder bewaarde items of bestanden die je niet meer nodig hebt, of maak schijfruimte vrij, en probeer het opnieuw. Wat je eerder bewaarde, is er nog.',
  },
  unavailable: {
    en: 'This browser does not allow saving on this device (for example in a private window). Saved items are kept only until you close this page.',
    nl: 'Deze browser staat bewaren op dit apparaat niet toe (bijvoorbeeld in een privévenster). Bewaarde items blijven alleen bewaard tot je deze pagina sluit.',
  },
  blocked: {
    en: 'Kanswijzer is open in another tab with an older version. Close or reload the other Kanswijzer tabs and try again.',
    nl: 'Kanswijzer is in een ander tabblad open met een oudere versie. Sluit of herlaad de andere Kanswijzer-tabbladen en probeer het opnieuw.',
  },
  'version-too-new': {
    en: 'Your saved items were stored by a newer version of Kanswijzer. Reload this page to use the newer version.',
    nl: 'Je bewaarde items zijn opgeslagen door een nieuwere versie van Kanswijzer. Herlaad deze pagina om de nieuwere versie te gebruiken.',
  },
  invalid: {
    en: 'This cannot be saved because it is incomplete.',
    nl: 'Dit kan niet worden bewaard omdat het onvolledig is.',
  },
  unknown: {
    en: 'Saving on this device failed. Try again; what you saved before is still there.',
    nl: 'Bewaren op dit apparaat is mislukt. Probeer het opnieuw; wat je eerder bewaarde, is er nog.',
  },
};

/** A storage failure with a reason code and a message a user can act on (English; see `messages` for Dutch). */
export class StoreError extends Error {
  readonly reason: StoreErrorReason;
  /** The message in each language. */
  readonly messages: StoreMessage;

  constructor(reason: StoreErrorReason, options: { cause?: unknown; detail?: string } = {}) {
    const messages = STORE_ERROR_MESSAGES[reason];
    super(options.detail ? `${messages.en} (${options.detail})` : messages.en, { cause: options.cause });
    this.name = 'StoreError';
    this.reason = reason;
    this.messages = messages;
  }
}

function errorName(error: unknown): string | undefined {
  if (error && typeof error === 'object' && 'name' in error && typeof (error as { name: unknown }).name === 'string') {
    return (error as { name: string }).name;
  }
  return undefined;
}

/** True for every way browsers say "out of space", including Firefox's legacy name and the legacy code 22. */
export function isQuotaError(error: unknown): boolean {
  const name = errorName(error);
  if (name === 'QuotaExceededError' || name === 'NS_ERROR_DOM_QUOTA_REACHED') return true;
  const code = error && typeof error === 'object' ? (error as { code?: unknown }).code : undefined;
  return code === 22 && name !== undefined && name !== 'Error';
}

/**
 * Maps whatever IndexedDB threw (a DOMException, an idb wrapper error, a StoreError) to a StoreError.
 * `during` says whether the error came from opening the database, where some names mean "no storage here".
 */
export function toStoreError(error: unknown, during: 'open' | 'use' = 'use'): StoreError {
  if (error instanceof StoreError) return error;
  const name = errorName(error);
  const detail = name && error instanceof Error && error.message ? `${name}: ${error.message}` : name;
  const withDetail = (reason: StoreErrorReason) => new StoreError(reason, { cause: error, ...(detail ? { detail } : {}) });
  if (isQuotaError(error)) return withDetail('quota-exceeded');
  if (name === 'VersionError') return withDetail('version-too-new');
  if (name === 'DataCloneError' || name === 'DataError') return withDetail('invalid');
  if (during === 'open' && (name === 'InvalidStateError' || name === 'SecurityError' || name === 'UnknownError' || name === 'NotAllowedError' || name === 'NotSupportedError')) {
    return withDetail('unavailable');
  }
  return withDetail('unknown');
}
