/** Capped exponential backoff with ±10 % jitter; randomness is injected so tests can pin it. */
export class Backoff {
  constructor(
    private readonly firstMs = 1_000,
    private readonly capMs = 30_000,
    private readonly random: () => number = Math.random,
  ) {
    if (firstMs <= 0 || capMs < firstMs) {
      throw new RangeError(`backoff needs 0 < first <= cap, was first=${firstMs} cap=${capMs}`);
    }
  }

  /** The wait before retry number `attempt` (0 for the first retry). */
  delay(attempt: number): number {
    const plain = Math.min(this.capMs, this.firstMs * 2 ** Math.min(attempt, 30));
    return Math.round(plain * (0.9 + 0.2 * this.random()));
  }
}
