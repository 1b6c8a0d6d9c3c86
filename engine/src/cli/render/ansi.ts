// Colours and status symbols for the run views. Colour only on a terminal, and never with NO_COLOR.
import type { StepStatus } from '../../run/events.js';

export interface Style {
  color: boolean;
}

const CODES = { red: 31, green: 32, yellow: 33, blue: 34, magenta: 35, cyan: 36, gray: 90, bold: 1, dim: 2 } as const;
export type ColorName = keyof typeof CODES;

export function paint(style: Style, color: ColorName, text: string): string {
  return style.color ? `\x1b[${CODES[color]}m${text}\x1b[0m` : text;
}

export const SPINNER = ['⠋', '⠙', '⠹', '⠸', '⠼', '⠴', '⠦', '⠧', '⠇', '⠏'];

export function symbol(status: StepStatus | 'waiting', frame = 0): string {
  switch (status) {
    case 'succeeded':
      return '✓';
    case 'failed':
      return '✗';
    case 'skipped':
      return '○';
    case 'cancelled':
      return '⊘';
    case 'retrying':
      return '↻';
    case 'running':
      return SPINNER[frame % SPINNER.length];
    default:
      return '·';
  }
}

export function statusColor(status: StepStatus | 'waiting'): ColorName {
  switch (status) {
    case 'succeeded':
      return 'green';
    case 'failed':
      return 'red';
    case 'cancelled':
    case 'retrying':
      return 'yellow';
    case 'running':
      return 'cyan';
    default:
      return 'gray';
  }
}

/**
 * 1234 -> "1.23s", 45 -> "45ms", 90500 -> "1m31s", 120000 -> "2m0s". Not the language's formatDuration
 * ("2m"): the live view keeps the seconds field so that a running clock does not change width.
 */
export function dur(ms: number): string {
  if (ms < 1000) return `${Math.round(ms)}ms`;
  if (ms < 60_000) return `${(ms / 1000).toFixed(ms < 10_000 ? 2 : 1)}s`;
  // Whole seconds first (119.6 s is 2m0s, not 1m60s); hours past an hour (a retry in 1000h0m).
  const total = Math.round(ms / 1000);
  const [h, m, s] = [Math.floor(total / 3600), Math.floor((total % 3600) / 60), total % 60];
  return h ? `${h}h${m}m` : `${m}m${s}s`;
}
