import { registryAnswer } from '../../../test/nppes-answers';
import { NppesError, readNppesAnswer } from './nppes-answer';

describe('readNppesAnswer', () => {
  it('reads an active individual with its taxonomies', () => {
    const record = readNppesAnswer(
      '1234567893',
      registryAnswer('1234567893', {}, [
        {
          code: '207Q00000X',
          taxonomy_group: '',
          desc: 'Family Medicine',
          state: 'MA',
          license: '123456',
          primary: true,
        },
      ]),
    );
    expect(record).toEqual({
      status: 'active',
      enumerationType: 'NPI-1',
      firstName: 'ELENA',
      middleName: 'M',
      lastName: 'RIVERA',
      organizationName: null,
      taxonomies: [{ code: '207Q00000X', desc: 'Family Medicine', state: 'MA', license: '123456', primary: true }],
    });
  });

  it('reads a status other than A as deactivated', () => {
    expect(readNppesAnswer('1234567893', registryAnswer('1234567893', { status: 'D' })).status).toBe('deactivated');
  });

  it('throws for a record without a status (never read as deactivated)', () => {
    const answer = registryAnswer('1234567893');
    delete (answer.results[0]!.basic as Record<string, unknown>).status;
    expect(() => readNppesAnswer('1234567893', answer)).toThrow(NppesError);
  });

  it('reads result_count 0 as not found, and a result for another number too', () => {
    expect(readNppesAnswer('1234567893', { result_count: 0, results: [] }).status).toBe('not_found');
    expect(readNppesAnswer('1234567893', registryAnswer('1111111112')).status).toBe('not_found');
  });

  it('accepts the number as a JSON number (older answers)', () => {
    const answer = registryAnswer('1234567893');
    (answer.results[0] as Record<string, unknown>).number = 1234567893;
    expect(readNppesAnswer('1234567893', answer).status).toBe('active');
  });

  it('throws, never answers, for the Errors array the registry sends with HTTP 200', () => {
    const body = { Errors: [{ description: 'NPI must be 10 digits', field: 'number', number: '06' }] };
    expect(() => readNppesAnswer('1234567893', body)).toThrow(NppesError);
    expect(() => readNppesAnswer('1234567893', body)).toThrow(/NPI must be 10 digits/);
  });

  it.each([[null], ['text'], [[]], [{ results: [] }], [{ result_count: 1 }]])(
    'throws for an answer without result_count and results (%j)',
    (body) => expect(() => readNppesAnswer('1234567893', body)).toThrow(NppesError),
  );
});
