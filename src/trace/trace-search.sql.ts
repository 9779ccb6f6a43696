/**
 * The candidate query of trace search, with its parameters:
 * $1 folded serial, $2 LIKE pattern of it, $3 row limit per branch, $4 its length, $5 the
 * normalised serial; `narrow` adds filters on further parameters. Two index lookups in one
 * statement: equality on serial_confusable (ix_weapons_serial_confusable) gives exact,
 * normalised and confusable matches; LIKE '%…%' on it (ix_weapons_serial_confusable_trgm)
 * gives the serials containing the fragment, ordered by partialScore() of serial-match.ts
 * written in SQL, so the cut keeps the best fragments. `columns` is the select list.
 */
export function candidateSql(columns: string, narrow = ''): string {
  return `(SELECT ${columns} FROM weapons
     WHERE serial_confusable = $1${narrow}
     ORDER BY registry_number
     LIMIT $3)
   UNION ALL
   (SELECT ${columns} FROM weapons
     WHERE serial_confusable LIKE $2 AND serial_confusable <> $1${narrow}
     ORDER BY 0.45 * $4::numeric / length(serial_normalized)
              + CASE WHEN strpos(serial_normalized, $5) > 0 THEN 0.05 ELSE 0 END DESC,
              registry_number
     LIMIT $3)`;
}
