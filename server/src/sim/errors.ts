/** Bad input from a caller (unknown model or parameter, value out of range): exit code 2 in the CLI. */
export class SimulationInputError extends Error {
  constructor(
    message: string,
    /** What would have been accepted, for the message a person reads. */
    readonly valid: readonly string[] = [],
  ) {
    super(message);
    this.name = 'SimulationInputError';
  }
}
