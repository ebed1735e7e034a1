/**
 * A wake-up that is never lost: `notify()` before `wait()` makes the next wait return at once.
 * Several notifies while nobody waits collapse into one.
 */
export class WakeSignal {
  private pending = false;
  private release: (() => void) | undefined;

  notify(): void {
    if (this.release) this.release();
    else this.pending = true;
  }

  /** Resolves on `notify()` or after `ms`, whichever comes first. */
  wait(ms: number): Promise<void> {
    if (this.pending) {
      this.pending = false;
      return Promise.resolve();
    }
    return new Promise((resolve) => {
      const finish = () => {
        clearTimeout(timer);
        this.release = undefined;
        resolve();
      };
      const timer = setTimeout(finish, ms);
      this.release = finish;
    });
  }
}
