import { createHash, randomUUID } from 'node:crypto';
import type { TemplateRecord } from '../data/template.repository';
import type { UnitOfWork } from '../data/unit-of-work';
import type { ProofDeps } from './deps';
import { ContentChecksFailed, TemplateNotFound, templateRejected } from './problems';
import { checkContent, libraryTemplate } from './templates/checks';
import { compileTemplate, TemplateError, type CompiledTemplate } from './templates/compile';
import { LIBRARY, type LetterType } from './templates/library';
import { Unprocessable } from '@plh/service-kit';

/**
 * A practice's template text, checked before anything is stored: it compiles safely (no unknown
 * helper, no prototype access, size-limited), uses only the fields its letter type declares, and
 * references every legally required element.
 */
export function checkTemplateText(letterType: LetterType, body: string): CompiledTemplate {
  let compiled: CompiledTemplate;
  try {
    compiled = compileTemplate(body);
  } catch (err) {
    if (err instanceof TemplateError) throw templateRejected(err);
    throw err;
  }
  const known = new Set(['patient.name', 'practice.name', ...LIBRARY[letterType].variables.map((v) => v.name)]);
  const unknown = [...compiled.paths].filter((p) => !known.has(p));
  if (unknown.length)
    throw new Unprocessable(
      'TEMPLATE_UNKNOWN_FIELD',
      `The template uses fields this letter type does not have: ${unknown.join(', ')}. Known: ${[...known].join(', ')}.`,
    );
  const failures = checkContent(letterType, compiled);
  if (failures.length) throw new ContentChecksFailed(failures);
  return compiled;
}

const sha256 = (text: string) => createHash('sha256').update(text, 'utf8').digest('hex');

export async function createTemplate(
  deps: Pick<ProofDeps, 'unitOfWork'>,
  input: { tenantId: string; letterType: LetterType; name: string; body: string; actorId: string },
): Promise<TemplateRecord> {
  checkTemplateText(input.letterType, input.body);
  return deps.unitOfWork(input.tenantId, async (uow) => {
    const template = await uow.templates.create(
      { id: randomUUID(), letterType: input.letterType, name: input.name, createdBy: input.actorId },
      { id: randomUUID(), body: input.body, sha256: sha256(input.body), createdBy: input.actorId },
    );
    await uow.audit.record({
      action: 'template.create',
      resource: { type: 'template', id: template.id },
      changes: [
        { field: 'letterType', to: input.letterType },
        { field: 'bodySha256', to: sha256(input.body) },
      ],
    });
    return template;
  });
}

export async function reviseTemplate(
  deps: Pick<ProofDeps, 'unitOfWork'>,
  input: { tenantId: string; templateId: string; body: string; actorId: string },
): Promise<TemplateRecord> {
  return deps.unitOfWork(input.tenantId, async (uow) => {
    const template = await uow.templates.findById(input.templateId);
    if (!template || template.archivedAt) throw new TemplateNotFound();
    checkTemplateText(template.letterType, input.body);
    await uow.audit.record({
      action: 'template.revise',
      resource: { type: 'template', id: template.id },
      changes: [{ field: 'bodySha256', to: sha256(input.body) }],
    });
    return uow.templates.addRevision(template.id, {
      id: randomUUID(),
      body: input.body,
      sha256: sha256(input.body),
      createdBy: input.actorId,
    });
  });
}

/** Archives a template (its revisions stay, for the proofs made with them). */
export async function archiveTemplate(deps: Pick<ProofDeps, 'unitOfWork'>, tenantId: string, templateId: string) {
  await deps.unitOfWork(tenantId, async (uow) => {
    const { count } = await uow.templates.archive(templateId);
    if (count === 0) throw new TemplateNotFound();
    await uow.audit.record({ action: 'template.archive', resource: { type: 'template', id: templateId } });
  });
}

/** The compiled template a setup uses: the practice's latest revision, or the built-in one. */
export async function resolveTemplate(
  uow: UnitOfWork,
  letterType: LetterType,
  templateId: string | null,
): Promise<{ compiled: CompiledTemplate; revisionId: string | null }> {
  if (!templateId) return { compiled: libraryTemplate(letterType), revisionId: null };
  const template = await uow.templates.findById(templateId);
  const revision = template && !template.archivedAt ? await uow.templates.latestRevision(templateId) : null;
  if (!template || !revision) throw new TemplateNotFound();
  return { compiled: compileTemplate(revision.body), revisionId: revision.id };
}
