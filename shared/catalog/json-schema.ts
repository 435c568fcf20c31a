/**
 * The published `catalog.schema.json`, generated from the valibot schema so the two cannot drift apart.
 * Rules that JSON Schema cannot express (references between ids, end after start, RRULE syntax, time
 * zones) are only in the validator; the schema's description says so.
 */
import { toJsonSchema } from '@valibot/to-json-schema';
import { CatalogSchema } from './schema.ts';

export const CATALOG_SCHEMA_ID = 'https://kanswijzer.nl/schema/catalog-v1.schema.json';

export function catalogJsonSchema(): Record<string, unknown> {
  const generated = toJsonSchema(CatalogSchema, { errorMode: 'ignore', target: 'draft-07' }) as Record<string, unknown>;
  return {
    ...generated,
    $id: CATALOG_SCHEMA_ID,
    title: 'Kanswijzer catalog, format version 1',
    description:
      'A Kanswijzer catalog: practices, resources and events for equal opportunities in education. Beyond this schema, `kanswijzer validate` also checks unique ids, that topic/audience/sector/period ids are defined, that links are https/http/mailto, that event time zones exist, that an end comes after its start and that RRULEs parse.',
  };
}
