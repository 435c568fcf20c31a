/**
 * Texts every element shares, in Dutch and English (plain language, B1). What is said about a feed that
 * fails is in feed-problems.ts, loaded only when a feed fails.
 */
import type { ItemType } from '../../shared/catalog/types.ts';
import type { Messages } from './i18n.ts';

const nl = {
  types: { practice: 'Praktijk', resource: 'Materiaal', event: 'Activiteit' } as Record<ItemType, string>,
  loading: 'Laden…',
  retry: 'Opnieuw proberen',
  cannotLoad: 'Deze informatie kan nu niet worden geladen.',
  offlineCopy: (date: string) => `Je bent offline of de feed is niet bereikbaar. Je ziet de versie van ${date}.`,
  partlyLoaded: 'Niet alle informatie kon worden geladen.',
  save: 'Offline bewaren',
  saved: 'Bewaard op dit apparaat.',
  removed: 'Niet meer bewaard.',
  saving: 'Bezig met bewaren…',
  fileNotStored: 'Het item is bewaard, maar het bestand niet.',
  saveFailed: 'Bewaren is niet gelukt.',
  onlyThisSession: 'Let op: deze browser bewaart niets na het sluiten van de pagina.',
  unknownDate: 'onbekende datum',
  /** Resource formats the catalog uses; others are shown as written. */
  formats: {
    toolkit: 'toolkit',
    report: 'rapport',
    video: 'video',
    'webinar-recording': 'opname van een webinar',
    article: 'artikel',
    website: 'website',
    guide: 'handreiking',
    podcast: 'podcast',
    presentation: 'presentatie',
    course: 'cursus',
  } as Record<string, string>,
};

const en: typeof nl = {
  types: { practice: 'Practice', resource: 'Resource', event: 'Event' },
  loading: 'Loading…',
  retry: 'Try again',
  cannotLoad: 'This information cannot be loaded right now.',
  offlineCopy: (date) => `You are offline or the feed cannot be reached. You see the version of ${date}.`,
  partlyLoaded: 'Not all information could be loaded.',
  save: 'Save offline',
  saved: 'Saved on this device.',
  removed: 'No longer saved.',
  saving: 'Saving…',
  fileNotStored: 'The item is saved, but its file is not.',
  saveFailed: 'Saving did not work.',
  onlyThisSession: 'Note: this browser does not keep anything after you close the page.',
  unknownDate: 'unknown date',
  formats: {
    toolkit: 'toolkit',
    report: 'report',
    video: 'video',
    'webinar-recording': 'webinar recording',
    article: 'article',
    website: 'website',
    guide: 'guide',
    podcast: 'podcast',
    presentation: 'presentation',
    course: 'course',
  },
};

export const common: Messages<typeof nl> = { nl, en };
export type CommonMessages = typeof nl;
