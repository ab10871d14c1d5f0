import cliProgress from 'cli-progress';

/**
 * Training progress on stderr. On a terminal: a cli-progress bar with named fields
 * (`epoch 3 | loss 0.1234 | recon 0.09 | kl 1.2`). Elsewhere (CI logs, `nohup ... > log`): one
 * plain line every `everyPercent` percent, so logs stay short and greppable.
 */

export type FieldValue = number | string;

export interface ProgressOptions {
  /** Steps in the whole run (the 100% mark). */
  total: number;
  /** Shown before the bar, e.g. the model name. */
  label?: string;
  /** Field names in display order; fields not listed are appended in first-seen order. */
  fields?: string[];
  /** Non-TTY output: print a line each time this many percent are completed (default 10). */
  everyPercent?: number;
  /** Where to write (default process.stderr). */
  stream?: NodeJS.WritableStream & { isTTY?: boolean };
}

export interface TrainProgress {
  /** Sets the completed step count (0..total) and any field values. */
  update(step: number, fields?: Record<string, FieldValue>): void;
  /** Finishes the bar (non-TTY: prints the final line if it was not printed yet). */
  stop(): void;
}

/** Numbers with 4 significant digits (integers as they are); strings unchanged. */
export function formatField(value: FieldValue): string {
  if (typeof value === 'string') return value;
  if (Number.isInteger(value)) return String(value);
  if (!Number.isFinite(value)) return String(value);
  const abs = Math.abs(value);
  return abs !== 0 && (abs < 1e-3 || abs >= 1e5) ? value.toExponential(3) : value.toPrecision(4);
}

function formatSeconds(s: number): string {
  if (s < 60) return `${s.toFixed(1)}s`;
  const m = Math.floor(s / 60);
  return m < 60 ? `${m}m${Math.round(s - m * 60)}s` : `${Math.floor(m / 60)}h${m % 60}m`;
}

/** Creates a progress display; see the module comment for TTY vs non-TTY behaviour. */
export function createProgress(options: ProgressOptions): TrainProgress {
  const stream = options.stream ?? process.stderr;
  const total = Math.max(1, options.total);
  const label = options.label ?? 'train';
  const order = [...(options.fields ?? [])];
  const values: Record<string, FieldValue> = {};
  let step = 0;

  const fieldText = (): string =>
    order.filter((k) => k in values).map((k) => `${k} ${formatField(values[k])}`).join(' | ');
  const record = (s: number, fields?: Record<string, FieldValue>): void => {
    step = Math.min(Math.max(0, s), total);
    for (const [k, v] of Object.entries(fields ?? {})) {
      if (!order.includes(k)) order.push(k);
      values[k] = v;
    }
  };

  if (stream.isTTY) {
    const bar = new cliProgress.SingleBar(
      {
        stream,
        format: `${label} {bar} {percentage}% | {value}/{total} | eta {eta_formatted} | {fields}`,
        hideCursor: true,
        etaBuffer: 50,
        fps: 5,
      },
      cliProgress.Presets.shades_classic,
    );
    bar.start(total, 0, { fields: '' });
    return {
      update(s, fields) {
        record(s, fields);
        bar.update(step, { fields: fieldText() });
      },
      stop() {
        bar.stop();
      },
    };
  }

  const every = Math.max(1, options.everyPercent ?? 10);
  const started = performance.now();
  let printedBucket = -1;
  let printedStep = -1;
  const print = (): void => {
    const pct = Math.floor((100 * step) / total);
    const elapsed = (performance.now() - started) / 1000;
    const f = fieldText();
    stream.write(`${label} ${pct}% | ${step}/${total} | ${formatSeconds(elapsed)}${f ? ` | ${f}` : ''}\n`);
    printedStep = step;
  };
  return {
    update(s, fields) {
      record(s, fields);
      const bucket = Math.floor((100 * step) / total / every);
      if (bucket > printedBucket) {
        printedBucket = bucket;
        print();
      }
    },
    stop() {
      if (printedStep !== step) print();
    },
  };
}
