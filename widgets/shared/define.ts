/**
 * Registration, apart from the classes (as Shoelace and Lion do it): a tag is defined only when it is
 * free, so the script may be included twice, or next to another Kanswijzer version, without an error.
 */
import { KANSWIJZER_VERSION } from './config.ts';

const warned = new Set<string>();

/** The Kanswijzer version of a defined element class, if it says. */
function versionOf(ctor: CustomElementConstructor | undefined): string | undefined {
  const version = (ctor as { version?: unknown } | undefined)?.version;
  return typeof version === 'string' ? version : undefined;
}

/**
 * Defines `tag` as `ctor` unless the tag is taken. When another copy of a different Kanswijzer version
 * (or another library) holds the tag, that copy keeps it and the console says so once.
 * Returns the class that is in use for the tag.
 */
export function defineElement(tag: string, ctor: CustomElementConstructor): CustomElementConstructor {
  const existing = customElements.get(tag);
  if (!existing) {
    customElements.define(tag, ctor);
    return ctor;
  }
  const theirs = versionOf(existing);
  if (existing !== ctor && theirs !== KANSWIJZER_VERSION && !warned.has(tag)) {
    warned.add(tag);
    console.warn(
      `Kanswijzer ${KANSWIJZER_VERSION}: <${tag}> is already defined by ${theirs ? `Kanswijzer ${theirs}` : 'another script'}; that definition stays in use. Include kanswijzer.js only once per page.`,
    );
  }
  return existing;
}
