import { ContentChecksFailed } from '../problems';
import { checkContent, libraryTemplate } from './checks';
import { compileTemplate, TemplateError } from './compile';
import { LIBRARY, type LetterType } from './library';
import { sampleMergeData } from './sample-data';

const breachData = sampleMergeData('hipaa_breach', 'Nguyễn Thị Ánh');

describe('letter templates', () => {
  it('merges a library letter, escaping HTML in values', () => {
    const text = libraryTemplate('hipaa_breach').render({
      ...breachData,
      letter: { ...breachData.letter, whatHappened: '<b>Stolen</b> laptop.' },
    });
    expect(text).toContain('Dear Nguyễn Thị Ánh,');
    expect(text).toContain('&lt;b&gt;Stolen&lt;/b&gt; laptop.');
    expect(text).toContain('call us toll-free at 1-800-555-0199, email privacy@harbor.example.');
    expect(text).not.toContain('{{');
  });

  it('passes every library letter through its own content checks', () => {
    for (const type of Object.keys(LIBRARY) as LetterType[])
      expect(checkContent(type, libraryTemplate(type))).toEqual([]);
  });

  it('blocks a breach notice without a toll-free number or written contact', () => {
    const data = { ...breachData, letter: { ...breachData.letter, tollFreeNumber: '617-555-0100', contactEmail: '' } };
    expect(checkContent('hipaa_breach', libraryTemplate('hipaa_breach'), data)).toEqual([
      expect.objectContaining({ check: 'toll-free', reason: 'invalid_value' }),
      expect.objectContaining({ check: 'contact-written', reason: 'missing_value' }),
    ]);
    expect(checkContent('hipaa_breach', libraryTemplate('hipaa_breach'), breachData)).toEqual([]);
  });

  it('refuses a custom closure template that leaves out where the records go', () => {
    const custom = compileTemplate(
      'Dear {{patient.name}}, we close on {{letter.effectiveDate}}. {{letter.recordsRequest}}',
    );
    expect(checkContent('practice_closure', custom)).toEqual([
      expect.objectContaining({ check: 'records-custodian', reason: 'not_in_template' }),
    ]);
  });

  it.each([
    ['a syntax error', 'Dear {{patient.name', 'TEMPLATE_SYNTAX'],
    ['an unknown helper', 'Dear {{lookup patient "name"}}', 'TEMPLATE_UNKNOWN_HELPER'],
    ['prototype access', '{{constructor.constructor}}', 'TEMPLATE_FORBIDDEN_NAME'],
    ['__proto__', '{{patient.__proto__}}', 'TEMPLATE_FORBIDDEN_NAME'],
    ['a partial', '{{> header}}', 'TEMPLATE_UNKNOWN_HELPER'],
    ['a 5 MB template', 'x'.repeat(5 * 1024 * 1024), 'TEMPLATE_TOO_LARGE'],
  ])('refuses %s', (_label, source, code) => {
    expect(() => compileTemplate(source)).toThrow(expect.objectContaining({ code }));
  });

  it('refuses to render with a missing field instead of leaving a gap', () => {
    const t = compileTemplate('Dear {{patient.name}}, see you at {{letter.newAddress}}.');
    expect(() => t.render({ patient: { name: 'Ana' }, letter: {} })).toThrow(TemplateError);
  });
});

it('has sample data that passes every letter type’s checks (template previews)', () => {
  for (const type of Object.keys(LIBRARY) as LetterType[]) {
    const data = sampleMergeData(type, 'Ana Lee');
    expect(checkContent(type, libraryTemplate(type), data)).toEqual([]);
    expect(libraryTemplate(type).render(data)).not.toContain('{{');
  }
});

it('says that one of the breach notice’s written contacts is required, naming both fields', () => {
  const data = { ...breachData, letter: { ...breachData.letter, contactEmail: '', contactAddress: '' } };
  const problem = new ContentChecksFailed(checkContent('hipaa_breach', libraryTemplate('hipaa_breach'), data));
  expect(problem.errors).toEqual([
    {
      pointer: '/values/contactEmail',
      message: expect.stringContaining('one of contactEmail, contactAddress is required'),
    },
  ]);
  const [email, address] = LIBRARY.hipaa_breach.variables.filter((v) => /contact(Email|Address)/.test(v.name));
  expect([email!.description, address!.description]).toEqual([
    expect.stringContaining('this or letter.contactAddress is required'),
    expect.stringContaining('this or letter.contactEmail is required'),
  ]);
});
