import { Duration, type DurationLike } from '../duration.js';
import { Instant, type InstantInput } from '../instant.js';
import { hostTimeZone } from '../env.js';
import { nextRun, parseCron } from './cron.js';
import { clearSafeTimeout, safeSetTimeout, type TimerHandle } from './timer.js';
import { warnOnce } from '../warn.js';

export interface JobOptions {
  name?: string;
  timeZone?: string;
  /** First run for cron jobs is computed from here; default now. */
  startAt?: InstantInput;
  /** Run once immediately for every() jobs. */
  immediate?: boolean;
}

export interface SchedulerOptions {
  /** Do not keep a Node process alive just for pending jobs. */
  unref?: boolean;
  /** A wake-up later than this (ms) is reported as missed runs. */
  missedThreshold?: number;
  now?: () => number;
}

type JobFn = (info: { scheduledAt: Instant; name: string }) => void | Promise<void>;
type MissedListener = (info: { name: string; missed: number }) => void;

interface Job {
  id: number;
  name: string;
  fn: JobFn;
  next: (after: number) => number;
  timer?: TimerHandle;
  due?: number;
}

let nextId = 1;

export class Scheduler {
  private readonly jobs = new Map<number, Job>();
  private readonly missedListeners = new Set<MissedListener>();
  private readonly opts: Required<Pick<SchedulerOptions, 'unref' | 'missedThreshold'>> & SchedulerOptions;
  private lastTick: number;
  private stopped = false;

  constructor(options: SchedulerOptions = {}) {
    this.opts = { unref: false, missedThreshold: 60_000, ...options };
    this.lastTick = this.now();
  }

  private now(): number {
    return this.opts.now ? this.opts.now() : Date.now();
  }

  /**
   * Run `fn` every `interval`.
   * @example scheduler.every('1.5h', () => syncInvoices())
   * @example scheduler.every({ minutes: 5 }, poll, { immediate: true })
   */
  every(interval: DurationLike, fn: JobFn, options: JobOptions = {}): number {
    const ms = Duration.from(interval).toMillis();
    const job = this.add(fn, options, (after) => after + ms);
    if (options.immediate) void fn({ scheduledAt: Instant.now(), name: job.name });
    return job.id;
  }

  /** Run `fn` on a cron schedule (5 or 6 fields) in `options.timeZone`. */
  cron(expression: string, fn: JobFn, options: JobOptions = {}): number {
    const parsed = parseCron(expression);
    const zone = options.timeZone ?? hostTimeZone();
    return this.add(fn, options, (after) => nextRun(parsed, after, zone)).id;
  }

  at(when: InstantInput, fn: JobFn, options: JobOptions = {}): number {
    const target = Instant.from(when).epochMs;
    let fired = false;
    return this.add(fn, options, () => (fired ? Infinity : ((fired = true), target))).id;
  }

  cancel(id: number): boolean {
    const job = this.jobs.get(id);
    if (!job) return false;
    clearSafeTimeout(job.timer);
    this.jobs.delete(id);
    return true;
  }

  stop(): void {
    this.stopped = true;
    for (const id of [...this.jobs.keys()]) this.cancel(id);
  }

  on(event: 'missed', listener: MissedListener): () => void {
    this.missedListeners.add(listener);
    return () => this.missedListeners.delete(listener);
  }

  private add(fn: JobFn, options: JobOptions, next: (after: number) => number): Job {
    const id = nextId++;
    const job: Job = { id, name: options.name ?? `job-${id}`, fn, next };
    this.jobs.set(id, job);
    const from = options.startAt === undefined ? this.now() : Instant.from(options.startAt).epochMs;
    this.arm(job, next(from));
    return job;
  }

  private arm(job: Job, due: number): void {
    if (this.stopped || !Number.isFinite(due)) return;
    job.due = due;
    job.timer = safeSetTimeout(() => this.fire(job), due - this.now(), this.opts.unref);
  }

  private fire(job: Job): void {
    const now = this.now();
    const late = now - (job.due ?? now);
    if (late > this.opts.missedThreshold && now - this.lastTick > this.opts.missedThreshold) {
      let missed = 0;
      for (let t = job.next(job.due!); t <= now && missed < 10_000; t = job.next(t)) missed++;
      if (missed > 0) {
        warnOnce(`missed:${job.name}`, `Job "${job.name}" missed ${missed} run(s) while the process was suspended`);
        for (const l of this.missedListeners) l({ name: job.name, missed });
      }
    }
    this.lastTick = now;
    const scheduledAt = new Instant(job.due ?? now);
    this.arm(job, job.next(Math.max(now, job.due ?? now)));
    void Promise.resolve()
      .then(() => job.fn({ scheduledAt, name: job.name }))
      .catch((err) => warnOnce(`error:${job.name}`, `Job "${job.name}" threw: ${String(err)}`));
  }
}

export function createScheduler(options?: SchedulerOptions): Scheduler {
  return new Scheduler(options);
}
