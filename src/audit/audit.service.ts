/** The log's entry point keeps its historical path for the modules that append through it. */
export * from './log/audit.service';
