/**
 * Texts every element shares, in Dutch and English (plain language, B1). Feed problems name the feed
 * and say what a webmaster can do about it; the first sentence is for every visitor.
 */
import type { ItemType } from '../../shared/catalog/types.ts';
import type { Messages } from './i18n.ts';
import type { FeedFailure } from './feed-loader.ts';

export type FeedProblem = FeedFailure | 'no-src' | 'bad-url' | 'unreachable';

const nl = {
  types: { practice: 'Praktijk', resource: 'Materiaal', event: 'Activiteit' } as Record<ItemType, string>,
  loading: 'Laden…',
  retry: 'Opnieuw proberen',
  cannotLoad: 'Deze informatie kan nu niet worden geladen.',
  feedProblem: {
    'not-found': (url: string) => `De feed ${url} is niet gevonden (404). Controleer het adres in het src-attribuut.`,
    'http-error': (url: string, status?: number) =>
      `De server van ${url} gaf een fout${status ? ` (${status})` : ''}. Probeer het later opnieuw. Blijft het mislukken, neem dan contact op met de beheerder van die server.`,
    'not-a-catalog': (url: string) => `${url} geeft geen Kanswijzer-catalogus of agenda, maar iets anders (bijvoorbeeld een webpagina of een inlogpagina). Controleer de link.`,
    cors: (url: string) =>
      `${url} kon niet worden gelezen. Meestal staat die server niet toe dat andere websites de feed lezen (CORS). Zet op die server de header Access-Control-Allow-Origin, of zet de feed op deze website.`,
    timeout: (url: string) => `${url} reageerde niet op tijd. Probeer het later opnieuw.`,
    'too-large': (url: string) => `${url} is te groot om te laden. Maak de catalogus kleiner of verdeel hem over meer feeds.`,
    offline: (url: string) => `Je bent offline en ${url} is nog niet eerder op dit apparaat geladen. Probeer het opnieuw als je weer verbinding hebt.`,
    'no-src': () => 'Er is geen feed ingesteld. Geef het element een src-attribuut met het adres van een catalogus.',
    'bad-url': (value: string) => `"${value}" in het src-attribuut is geen geldig webadres.`,
    invalid: (url: string) => `${url} is geen geldige Kanswijzer-catalogus of agenda. Controleer het bestand met "npx kanswijzer validate".`,
    unreachable: (url: string) => `${url} is niet bereikbaar. Controleer het adres in het src-attribuut en probeer het later opnieuw.`,
  } as Record<FeedProblem, (url: string, status?: number) => string>,
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
  feedProblem: {
    'not-found': (url) => `The feed ${url} was not found (404). Check the address in the src attribute.`,
    'http-error': (url, status) =>
      `The server of ${url} returned an error${status ? ` (${status})` : ''}. Try again later. If it keeps failing, contact the administrator of that server.`,
    'not-a-catalog': (url) => `${url} does not give a Kanswijzer catalog or calendar but something else (a web page or a login page, for example). Check the link.`,
    cors: (url) =>
      `${url} could not be read. Usually that server does not allow other websites to read the feed (CORS). Set the Access-Control-Allow-Origin header on that server, or publish the feed on this website.`,
    timeout: (url) => `${url} did not answer in time. Try again later.`,
    'too-large': (url) => `${url} is too large to load. Make the catalog smaller or split it over more feeds.`,
    offline: (url) => `You are offline and ${url} has not been loaded on this device before. Try again when you are back online.`,
    'no-src': () => 'No feed is set. Give the element a src attribute with the address of a catalog.',
    'bad-url': (value) => `"${value}" in the src attribute is not a valid web address.`,
    invalid: (url) => `${url} is not a valid Kanswijzer catalog or calendar. Check the file with "npx kanswijzer validate".`,
    unreachable: (url) => `${url} cannot be reached. Check the address in the src attribute and try again later.`,
  },
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
