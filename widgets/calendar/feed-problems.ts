/**
 * What `<kw-calendar>` says when a feed cannot be used, in Dutch and English: a lazy chunk, loaded only when a
 * feed fails, because a calendar that loads never shows these texts.
 */
import type { Messages } from '../shared/i18n.ts';

/** Why a feed could not be used (the core's `FeedFailureReason`, plus the element's own address checks). */
export type CalendarFeedProblem = 'not-found' | 'not-a-catalog' | 'cors' | 'timeout' | 'too-large' | 'offline' | 'http-error' | 'invalid' | 'no-src' | 'bad-url';

type ProblemTexts = Record<CalendarFeedProblem, (url: string, status?: number) => string>;

const nl: ProblemTexts = {
  'not-found': (url: string) => `De agenda ${url} is niet gevonden (404). Controleer het adres in het src-attribuut.`,
  'http-error': (url: string, status?: number) =>
    `De server van ${url} gaf een fout${status ? ` (${status})` : ''}. Probeer het later opnieuw. Blijft het mislukken, neem dan contact op met de beheerder van die server.`,
  'not-a-catalog': (url: string) => `${url} is geen Kanswijzer-catalogus en geen iCalendar-bestand (.ics). Misschien wijst de link naar een gewone webpagina of een inlogpagina. Controleer het adres.`,
  invalid: (url: string) => `${url} kon niet worden gelezen: het bestand bevat fouten. Controleer het met "npx kanswijzer validate" of "npx kanswijzer events".`,
  cors: (url: string) =>
    `${url} kon niet worden gelezen. Meestal staat die server niet toe dat andere websites de agenda lezen (CORS). Er zijn twee oplossingen: zet op die server de header Access-Control-Allow-Origin, of neem de agenda op in je eigen feed met "npx kanswijzer build --ics ${url}" en zet die feed op deze website.`,
  timeout: (url: string) => `${url} reageerde niet op tijd. Probeer het later opnieuw.`,
  'too-large': (url: string) => `${url} is te groot om te laden. Maak de agenda kleiner of verdeel hem over meer bestanden.`,
  offline: (url: string) => `Je bent offline en ${url} is nog niet eerder op dit apparaat geladen. Probeer het opnieuw als je weer verbinding hebt.`,
  'no-src': () => 'Er is geen agenda ingesteld. Geef het element een src-attribuut met het adres van een catalogus of een .ics-bestand.',
  'bad-url': (value: string) => `"${value}" in het src-attribuut is geen geldig webadres.`,
};

const en: ProblemTexts = {
  'not-found': (url) => `The calendar ${url} was not found (404). Check the address in the src attribute.`,
  'http-error': (url, status) =>
    `The server of ${url} returned an error${status ? ` (${status})` : ''}. Try again later. If it keeps failing, contact the administrator of that server.`,
  'not-a-catalog': (url) => `${url} is neither a Kanswijzer catalog nor an iCalendar file (.ics). The link may point to an ordinary web page or a login page. Check the address.`,
  invalid: (url) => `${url} could not be read: the file has errors. Check it with "npx kanswijzer validate" or "npx kanswijzer events".`,
  cors: (url) =>
    `${url} could not be read. Usually that server does not allow other websites to read the calendar (CORS). There are two ways out: set the Access-Control-Allow-Origin header on that server, or include the calendar in your own feed with "npx kanswijzer build --ics ${url}" and publish that feed on this website.`,
  timeout: (url) => `${url} did not answer in time. Try again later.`,
  'too-large': (url) => `${url} is too large to load. Make the calendar smaller or split it over more files.`,
  offline: (url) => `You are offline and ${url} has not been loaded on this device before. Try again when you are back online.`,
  'no-src': () => 'No calendar is set. Give the element a src attribute with the address of a catalog or an .ics file.',
  'bad-url': (value) => `"${value}" in the src attribute is not a valid web address.`,
};

export const feedProblems: Messages<ProblemTexts> = { nl, en };
