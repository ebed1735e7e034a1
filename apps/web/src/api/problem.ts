/** An RFC 9457 problem as every service answers it, said as a sentence a person can act on. */
export interface Problem {
  type?: string;
  title?: string;
  status?: number;
  detail?: string;
  code?: string;
  requestId?: string;
  errors?: Array<{ pointer?: string; message?: string }>;
}

export class ApiError extends Error {
  constructor(readonly problem: Problem) {
    super(sentenceOf(problem));
    this.name = 'ApiError';
  }
}

export function sentenceOf(problem: Problem): string {
  const detail = problem.detail ?? problem.title ?? 'Something went wrong.';
  const fields = (problem.errors ?? [])
    .map((e) => [e.pointer?.split('/').pop(), e.message].filter(Boolean).join(' '))
    .filter(Boolean);
  return [detail, ...fields].join(' ');
}
