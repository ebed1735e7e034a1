import type { CoreDeps } from '../deps';
import { ImportProgress, type ImportCounts } from './import-progress';

const counts = (totalRows: number): ImportCounts => ({
  bytesRead: totalRows * 80,
  totalRows,
  validRows: totalRows,
  invalidRows: 0,
  duplicateRows: 0,
  warningRows: 0,
});

/** A unit of work that records each progress write (the rows it wrote). */
function recordingDeps() {
  const written: number[] = [];
  const deps = {
    unitOfWork: async (_tenant: string, work: (uow: unknown) => Promise<unknown>) =>
      work({ lists: { update: async (_id: string, c: ImportCounts) => written.push(c.totalRows) } }),
  } as unknown as Pick<CoreDeps, 'unitOfWork'>;
  return { deps, written };
}

describe('import progress', () => {
  beforeEach(() => jest.useFakeTimers());
  afterEach(() => jest.useRealTimers());

  it('writes the first counts at once, then the latest at most once an interval, and nothing after stop', async () => {
    const { deps, written } = recordingDeps();
    const progress = new ImportProgress(deps, { tenantId: 't', id: 'l' }, 500, (err) => {
      throw err;
    });
    progress.report(counts(1_000));
    await jest.advanceTimersByTimeAsync(0);
    expect(written).toEqual([1_000]);

    progress.report(counts(2_000));
    progress.report(counts(3_000));
    await jest.advanceTimersByTimeAsync(499);
    expect(written).toEqual([1_000]);
    await jest.advanceTimersByTimeAsync(1);
    expect(written).toEqual([1_000, 3_000]);

    // A quiet spell: the next report is written at once again.
    await jest.advanceTimersByTimeAsync(2_000);
    progress.report(counts(4_000));
    await jest.advanceTimersByTimeAsync(0);
    expect(written).toEqual([1_000, 3_000, 4_000]);

    progress.report(counts(5_000));
    await progress.stop();
    await jest.advanceTimersByTimeAsync(1_000);
    expect(written).toEqual([1_000, 3_000, 4_000]);
  });
});

describe('import progress behind a slow write', () => {
  beforeEach(() => jest.useFakeTimers());
  afterEach(() => jest.useRealTimers());

  it('writes the counts as they are when the write runs, not when it was scheduled', async () => {
    const written: number[] = [];
    let release: () => void = () => undefined;
    const deps = {
      unitOfWork: async (_tenant: string, work: (uow: unknown) => Promise<unknown>) => {
        if (written.length === 0) await new Promise<void>((resolve) => (release = resolve));
        return work({ lists: { update: async (_id: string, c: ImportCounts) => written.push(c.totalRows) } });
      },
    } as unknown as Pick<CoreDeps, 'unitOfWork'>;
    const progress = new ImportProgress(deps, { tenantId: 't', id: 'l' }, 10, (err) => {
      throw err;
    });
    progress.report(counts(1));
    await jest.advanceTimersByTimeAsync(0); // the first write starts, and hangs
    progress.report(counts(2));
    await jest.advanceTimersByTimeAsync(10); // the second is scheduled behind it
    progress.report(counts(3));
    release();
    await jest.advanceTimersByTimeAsync(0);
    expect(written).toEqual([1, 3]);
    await progress.stop();
  });
});
