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
 * short transactions of their own, at most every `everyMs`: the practice sees rows and percent move.
 * One write at a time, always the latest counts. `stop()` waits for the last write, so the import's
 * final update (in its transaction) comes after every progress write and is never overwritten.
 */
export class ImportProgress {
  private latest: ImportCounts | undefined;
  private writing: Promise<void> = Promise.resolve();
  private timer: NodeJS.Timeout | undefined;
  private stopped = false;

  constructor(
    private readonly deps: Pick<CoreDeps, 'unitOfWork'>,
    private readonly list: { tenantId: string; id: string },
    everyMs: number,
    private readonly onError: (err: unknown) => void,
  ) {
    this.timer = setInterval(() => this.flush(), everyMs);
    this.timer.unref();
  }

  report(counts: ImportCounts): void {
    this.latest = counts;
  }

  async stop(): Promise<void> {
    this.stopped = true;
    clearInterval(this.timer);
    await this.writing;
  }

  private flush(): void {
    const counts = this.latest;
    if (!counts || this.stopped) return;
    this.latest = undefined;
    this.writing = this.writing
      .then(() =>
        this.deps.unitOfWork(this.list.tenantId, (uow) =>
          uow.lists.update(this.list.id, { ...counts, progressAt: new Date() }),
        ),
      )
      .then(
        () => undefined,
        (err: unknown) => this.onError(err), // progress is a courtesy: a failed write never stops the import
      );
  }
}
