/** Why a fetched or uploaded file cannot be used (not the format, damaged, cut short); nothing of it is applied. */
export class SourceFileError extends Error {
  constructor(
    readonly code: 'WRONG_HEADER' | 'NOT_CSV' | 'MALFORMED_ROW' | 'TRUNCATED' | 'EMPTY_FILE',
    message: string,
  ) {
    super(message);
    this.name = 'SourceFileError';
  }
}
