import type { CoreDeps } from '../deps';

export interface ImportCounts {
  bytesRead: number;
  totalRows: number;
  validRows: number;
  invalidRows: number;
  duplicateRows: number;
  warningRows: number;
}

/**
 * Writes an import's counts to its list while the import's own (long) transaction is still open, in
 * short transactions of their own, at most once every `everyMs`: the first report at once (the
 * practice sees the import start moving), later ones at the end of each interval. One write at a
 * time, always the latest counts. `stop()` waits for the last write, so the import's final update (in
 * its transaction) comes after every progress write and is never overwritten.
 */
export class ImportProgress {
  private latest: ImportCounts | undefined;
  private writing: Promise<void> = Promise.resolve();
  private timer: NodeJS.Timeout | undefined;
  private lastWriteAt = 0;
  private stopped = false;

  constructor(
    private readonly deps: Pick<CoreDeps, 'unitOfWork'>,
    private readonly list: { tenantId: string; id: string },
    private readonly everyMs: number,
    private readonly onError: (err: unknown) => void,
  ) {}

  report(counts: ImportCounts): void {
    this.latest = counts;
    if (this.timer || this.stopped) return;
    const wait = Math.max(0, this.lastWriteAt + this.everyMs - Date.now());
    this.timer = setTimeout(() => {
      this.timer = undefined;
      this.flush();
    }, wait);
    this.timer.unref();
  }

  async stop(): Promise<void> {
    this.stopped = true;
    clearTimeout(this.timer);
    await this.writing;
  }

  private flush(): void {
    if (!this.latest || this.stopped) return;
    this.lastWriteAt = Date.now();
    this.writing = this.writing
      .then(() => {
        // The counts as they are when this write runs (a slow earlier write may have held it up).
        const counts = this.latest;
        this.latest = undefined;
        if (!counts || this.stopped) return;
        return this.deps.unitOfWork(this.list.tenantId, (uow) =>
          uow.lists.update(this.list.id, { ...counts, progressAt: new Date() }),
        );
      })
      .then(
        () => undefined,
        (err: unknown) => this.onError(err), // progress is a courtesy: a failed write never stops the import
      );
  }
}
