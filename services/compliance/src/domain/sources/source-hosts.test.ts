import { sourceHostPolicy } from './source-hosts';

describe('sourceHostPolicy', () => {
  const allowed = sourceHostPolicy('oig.hhs.gov, *.cms.hhs.gov,127.0.0.1');
  it.each([
    ['https://oig.hhs.gov/exclusions/downloadables/', true],
    ['https://OIG.HHS.GOV/x', true],
    ['https://npiregistry.cms.hhs.gov/api/', true],
    ['https://cms.hhs.gov/', true],
    ['http://127.0.0.1:3095/oig-leie/', true],
    ['https://oig.hhs.gov.evil.example/', false],
    ['https://evilcms.hhs.gov/', false],
    ['http://169.254.169.254/latest/meta-data/', false],
    ['http://localhost:5432/', false],
    ['file:///etc/passwd', false],
    ['not a url', false],
  ])('%s → %s', (url, ok) => expect(allowed(url)).toBe(ok));
});
