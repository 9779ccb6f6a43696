import { appendFileSync } from 'node:fs';

/**
 * The figures a fault test measured (rounds, kills, requests, 5xx), printed and, when
 * FAULTS_FIGURES names a file, appended to it as one JSON line.
 */
export function reportFigures(test: string, figures: Record<string, number | string>): void {
  const line = JSON.stringify({ test, ...figures });
  process.stdout.write(`fault figures: ${line}\n`);
  if (process.env.FAULTS_FIGURES) appendFileSync(process.env.FAULTS_FIGURES, `${line}\n`);
}

/** A bounded default that a longer run can raise (FAULTS_ROUNDS=50 npm test ...). */
export function scaled(name: string, fallback: number): number {
  const value = Number(process.env[name]);
  return Number.isInteger(value) && value > 0 ? value : fallback;
}
