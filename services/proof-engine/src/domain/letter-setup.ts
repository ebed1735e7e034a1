import { codePointName, unprintableCharacter } from '@plh/contracts';
import { Unprocessable, ValidationFailed } from '@plh/service-kit';
import type { LetterSetupRecord } from '../data/letter-setup.repository';
import type { ProofDeps } from './deps';
import { resolveTemplate } from './manage-templates';
import { ContentChecksFailed, ProjectNotFound } from './problems';
import { checkContent } from './templates/checks';
import type { LetterType } from './templates/library';

/**
 * What a project's letters say: template and campaign values, checked now (every legally required
 * value present and valid) so a proof never starts on a letter that could not be sent.
 */
export async function saveLetterSetup(
  deps: Pick<ProofDeps, 'unitOfWork' | 'core'>,
  input: {
    tenantId: string;
    projectId: string;
    letterType: LetterType;
    templateId: string | null;
    values: Record<string, string>;
    returnAddress: string[];
    actorId: string;
  },
): Promise<LetterSetupRecord> {
  assertPrintable(input.values, input.returnAddress);
  // The project is core's: a letter is only set up for a project of this practice, of its letter type
  // (an `other` campaign may use any letter).
  const project = await deps.core.project(input.tenantId, input.projectId);
  if (!project) throw new ProjectNotFound();
  if (project.letterType !== 'other' && project.letterType !== input.letterType)
    throw new Unprocessable(
      'LETTER_TYPE_MISMATCH',
      `The project is a ${project.letterType.replace(/_/g, ' ')} campaign; set up a ${project.letterType} letter for it.`,
    );
  return deps.unitOfWork(input.tenantId, async (uow) => {
    const { compiled } = await resolveTemplate(uow, input.letterType, input.templateId);
    const template = input.templateId ? await uow.templates.findById(input.templateId) : null;
    if (template && template.letterType !== input.letterType)
      throw new Unprocessable(
        'TEMPLATE_LETTER_TYPE_MISMATCH',
        `The template is a ${template.letterType} letter, not ${input.letterType}.`,
      );
    const data = mergeData(input.values, input.returnAddress, 'Sample Patient');
    const failures = checkContent(input.letterType, compiled, data);
    if (failures.length) throw new ContentChecksFailed(failures);
    // Every field the template reads must have a value (strict mode would stop the job otherwise).
    compiled.render(data);
    await uow.audit.record({
      action: 'letter.save',
      resource: { type: 'project', id: input.projectId },
      changes: [
        { field: 'letterType', to: input.letterType },
        { field: 'templateId', to: input.templateId },
      ],
    });
    return uow.letters.save({
      projectId: input.projectId,
      letterType: input.letterType,
      templateId: input.templateId,
      values: input.values,
      returnAddress: input.returnAddress,
      updatedBy: input.actorId,
    });
  });
}

/** The merge object of one letter: campaign values, the practice (first return-address line), the patient. */
export function mergeData(values: Record<string, string>, returnAddress: string[], patientName: string) {
  return { patient: { name: patientName }, practice: { name: returnAddress[0] ?? '' }, letter: values };
}

/** Merge output is HTML-escaped by Handlebars; a PDF prints text, so the entities are turned back. */
export function plainText(merged: string): string {
  return merged.replace(/&(amp|lt|gt|quot|#x27|#x60|#x3D);/g, (_m, e: string) =>
    e === 'amp'
      ? '&'
      : e === 'lt'
        ? '<'
        : e === 'gt'
          ? '>'
          : e === 'quot'
            ? '"'
            : e === '#x27'
              ? "'"
              : e === '#x60'
                ? '`'
                : '=',
  );
}

/** Every value the letters print must be in the letter fonts: refused now, naming the field, not at production. */
function assertPrintable(values: Record<string, string>, returnAddress: string[]): void {
  const errors = [
    ...Object.entries(values).map(([key, text]) => [`/body/values/${key}`, text] as const),
    ...returnAddress.map((text, i) => [`/body/returnAddress/${i}`, text] as const),
  ].flatMap(([pointer, text]) => {
    const ch = unprintableCharacter(text);
    return ch ? [{ pointer, message: `contains ${codePointName(ch)}, which the letter fonts cannot print` }] : [];
  });
  if (errors.length) throw new ValidationFailed(errors);
}
