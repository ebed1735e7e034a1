import { LETTERS_WRITE_SCOPE, PROJECTS_WRITE_SCOPE, type ProjectRef } from '@plh/contracts';
import { createServiceClient, type createInternalTokenMinter } from '@plh/service-kit';
import type { PracticeLetters } from '../domain/deps';

/**
 * Core's and the proof engine's internal APIs for a departure-letter campaign: core creates the
 * project (`projects:write`), the proof engine sets its letter up (`letters:write`). Their refusals
 * (a letter that fails its content checks) reach the caller as the problems they are.
 */
export function practiceLettersClient(input: {
  coreUrl: string;
  proofEngineUrl: string;
  mint: ReturnType<typeof createInternalTokenMinter>;
}): PracticeLetters {
  const unavailable = 'The letter campaign could not be started just now; try again.';
  const core = createServiceClient({
    baseUrl: input.coreUrl,
    mint: input.mint,
    caller: 'compliance',
    audience: 'core',
    scopes: [PROJECTS_WRITE_SCOPE],
    unavailable,
  });
  const proof = createServiceClient({
    baseUrl: input.proofEngineUrl,
    mint: input.mint,
    caller: 'compliance',
    audience: 'proof-engine',
    scopes: [LETTERS_WRITE_SCOPE],
    unavailable,
  });
  return {
    createProject: (tenantId, body) =>
      core.send<ProjectRef>('POST', `/internal/tenants/${encodeURIComponent(tenantId)}/projects`, body),
    setLetter: async (tenantId, projectId, body) => {
      await proof.send(
        'PUT',
        `/internal/tenants/${encodeURIComponent(tenantId)}/proof/projects/${encodeURIComponent(projectId)}/letter`,
        body,
      );
    },
    close: async () => {
      await core.close();
      await proof.close();
    },
  };
}
