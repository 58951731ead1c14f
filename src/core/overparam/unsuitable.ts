/** Thrown by the over-parameterization labs for a file their experiment does not apply to (the message says why). */
export class UnsuitableFileError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'UnsuitableFileError';
  }
}
