/** Thrown between steps of the core when a caller's deadline has passed. */
export class BudgetExceededError extends Error {
  constructor(readonly limit: string) {
    super(`the analysis ran past its time budget while ${limit}`);
    this.name = 'BudgetExceededError';
  }
}

/** Throws BudgetExceededError when `deadline` (a Date.now() value) has passed. */
export function checkDeadline(deadline: number | undefined, doing: string): void {
  if (deadline !== undefined && Date.now() > deadline) throw new BudgetExceededError(doing);
}
