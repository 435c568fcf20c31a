/**
 * A realistic large LMS page for benchmarks (Node only, not part of the library): the Moodle assignment
 * fixture grown to a target size with more course-index entries (chrome) and more instruction sections
 * (content), the way long course pages grow in practice.
 */
import { readFileSync } from 'node:fs';

const SECTION_TOPICS = [
  ['Voorbereiding', 'Lees de praktijkgids en bespreek met je praktijkopleider welke taken je de eerste weken oppakt.'],
  ['Observeren', 'Kijk hoe de pedagogisch medewerkers een overgangsmoment begeleiden, zoals opruimen of naar buiten gaan.'],
  ['Zelf doen', 'Begeleid een kleine activiteit met drie tot vijf kinderen en schrijf daarna op wat je anders zou doen.'],
  ['Samenwerken', 'Vraag een collega hoe het team afspraken maakt over rust, eten en slapen en hoe ouders daarbij betrokken zijn.'],
  ['Reflecteren', 'Beschrijf een moment waarop je twijfelde en wat je toen hebt gedaan. Wat leerde je van de feedback?'],
];

/** The Moodle assignment fixture padded to about `targetBytes` (UTF-16 length), and the address it lives at. */
export function paddedMoodlePage(targetBytes = 40 * 1024): { html: string; url: string } {
  let html = readFileSync(new URL('./moodle.fixtures/assign-view.html', import.meta.url), 'utf8');
  const url = 'https://elo.duinrand.nl/mod/assign/view.php?id=5521';
  const contentMarker = '<p>Lever je verslag in';
  const indexMarker = '</nav>\n  </div>\n  <div class="drawer drawer-right';
  let week = 1;
  while (html.length < targetBytes) {
    const [topic, sentence] = SECTION_TOPICS[week % SECTION_TOPICS.length] as [string, string];
    const section =
      `<h4>Week ${week}: ${topic}</h4>\n<p>${sentence} Noteer je bevindingen in je logboek van week ${week}. ` +
      `Gebruik geen namen van kinderen of ouders en bewaar je aantekeningen op de schoolomgeving.</p>\n` +
      `<ul><li>Doel ${week}.1: ${sentence.split(' ').slice(0, 8).join(' ')}.</li><li>Doel ${week}.2: bespreek je voortgang met je docent.</li></ul>\n`;
    const indexEntry =
      `<li class="courseindex-item"><a class="courseindex-link" href="https://elo.duinrand.nl/mod/page/view.php?id=${6000 + week}">Week ${week}: ${topic}</a></li>\n`;
    html = html.replace(contentMarker, `${section}${contentMarker}`).replace(indexMarker, `${indexEntry}${indexMarker}`);
    week++;
  }
  return { html, url };
}
