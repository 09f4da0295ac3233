import type { ColumnType, Generated } from 'kysely';

/** A warn or error line of any orderly process, kept for a while so triage can read the live service. */
export interface LogLinesTable {
  id: Generated<number>;
  at: Date;
  /** pino's number: 40 warn, 50 error, 60 fatal. */
  level: number;
  /** The line as written (secrets and personal data already cut out). */
  line: ColumnType<Record<string, unknown>, string, string>;
}

export interface LogTables {
  log_lines: LogLinesTable;
}
