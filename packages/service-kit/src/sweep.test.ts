import { sweepEach } from './sweep';

describe('sweepEach', () => {
  it('goes on past an item that fails, reporting it', async () => {
    const failed: number[] = [];
    const done = await sweepEach(
      [1, 2, 3],
      async (n) => {
        if (n === 2) throw new Error('storage said no');
        return 1;
      },
      (_err, n) => failed.push(n),
    );
    expect(done).toBe(2);
    expect(failed).toEqual([2]);
  });

  it('fails the run when every item failed (something systemic: the job queue retries it)', async () => {
    await expect(
      sweepEach(
        [1, 2],
        () => Promise.reject(new Error('down')),
        () => undefined,
      ),
    ).rejects.toThrow(/none of 2/);
    await expect(
      sweepEach(
        [],
        () => Promise.resolve(1),
        () => undefined,
      ),
    ).resolves.toBe(0);
  });
});
