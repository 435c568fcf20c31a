/**
 * What the elements say when a feed cannot be used, in Dutch and English: it names the feed and says what
 * a webmaster can do about it. A lazy chunk, loaded only when a feed fails, since a page whose feeds load
 * never shows these texts.
 */
import type { Messages } from './i18n.ts';
import type { FeedFailure } from './feed-loader.ts';

export type FeedProblem = FeedFailure | 'no-src' | 'bad-url' | 'unreachable';

type ProblemTexts = Record<FeedProblem, (url: string, status?: number) => string>;

const nl: ProblemTexts = {
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
};

const en: ProblemTexts = {
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
};

export const feedProblems: Messages<ProblemTexts> = { nl, en };
