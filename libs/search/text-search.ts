/**
 * Japanese text search without a tokenizer, shared by every module that searches text
 * (careers' opportunities, housing's listings, community's roles and guides).
 *
 * A row stores its searchable text NFKC-normalized (ＩＴ = IT, ｶﾀｶﾅ = カタカナ), lower-cased,
 * with runs of white space made one (`search_text`), and the set of that text's characters
 * and character pairs (`search_grams`, GIN-indexed). A query term's grams must all be in the
 * row's (the index answers that), then `search_text LIKE %term%` confirms. Bigrams find
 * Japanese by any part of a word (「マーケ」 in 「マーケティング」) and work the same under any
 * server locale.
 *
 * Each module keeps its tables in its own schema (ARCHITECTURE.md rule 1), so each creates
 * the two SQL functions in its schema with `searchFunctionsSql(schema)`; the definitions are
 * the same everywhere.
 */

/** The two IMMUTABLE functions, `<schema>.search_normalize(text)` and `<schema>.search_grams(text)`. */
export function searchFunctionsSql(schema: string): string[] {
  return [
    `CREATE FUNCTION ${schema}.search_normalize(t text) RETURNS text
      LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE
      AS $$ SELECT btrim(regexp_replace(lower(normalize(t, NFKC)), '\\s+', ' ', 'g')) $$`,
    `CREATE FUNCTION ${schema}.search_grams(t text) RETURNS text[]
      LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE
      AS $$
        SELECT coalesce(array_agg(DISTINCT g), '{}') FROM (
          SELECT substr(t, i, 1) AS g FROM generate_series(1, length(t)) AS i
          UNION
          SELECT substr(t, i, 2) FROM generate_series(1, length(t) - 1) AS i
        ) AS grams
        WHERE position(' ' IN g) = 0
      $$`,
  ];
}

/**
 * The two generated columns of a searchable table, for its CREATE TABLE, from a text
 * expression over the row's columns (e.g. `title || ' ' || coalesce(access, '')`).
 */
export function searchColumnsSql(schema: string, textExpression: string): string {
  const normalized = `${schema}.search_normalize(${textExpression})`;
  return `search_text text GENERATED ALWAYS AS (${normalized}) STORED,
        search_grams text[] GENERATED ALWAYS AS (${schema}.search_grams(${normalized})) STORED`;
}

/** The GIN index a searchable table needs (fastupdate off: a search reads the index as written). */
export function searchIndexSql(schema: string, table: string): string {
  return `CREATE INDEX ${table}_search ON ${schema}.${table} USING gin (search_grams) WITH (fastupdate = off)`;
}

/** Splits free text into terms (full-width spaces too); each must appear somewhere. At most 10. */
export function searchTerms(text: string | null | undefined): string[] {
  if (!text) return [];
  return text
    .normalize('NFKC')
    .split(/\s+/)
    .map((t) => t.trim())
    .filter((t) => t.length > 0)
    .slice(0, 10);
}

/**
 * The WHERE predicates for free text: for each term, the grams' containment (indexed) and
 * the LIKE that confirms it, with LIKE's wildcards in the term escaped. `param` adds a
 * value to the statement and returns its placeholder.
 */
export function textSearchPredicates(
  schema: string,
  alias: string,
  text: string | null | undefined,
  param: (value: unknown) => string,
): string[] {
  const predicates: string[] = [];
  for (const term of searchTerms(text)) {
    const p = param(term);
    predicates.push(`${alias}.search_grams @> ${schema}.search_grams(${schema}.search_normalize(${p}))`);
    predicates.push(
      `${alias}.search_text LIKE '%' || replace(replace(replace(${schema}.search_normalize(${p}), '\\', '\\\\'), '%', '\\%'), '_', '\\_') || '%'`,
    );
  }
  return predicates;
}
