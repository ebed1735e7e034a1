import { Stack, Stepper, Title } from '@mantine/core';
import { useState } from 'react';
import { usePracticeId } from '../api/me';
import { CampaignStep, type Campaign } from './campaign-step';
import { LetterStep } from './letter-step';
import type { LetterType } from './letter-types';
import { PatientListStep } from './patient-list-step';
import { QuoteStep } from './quote-step';

/** The campaign wizard: campaign, patient list, letter, quote and order, one step after another. */
export function NewCampaignPage() {
  const practiceId = usePracticeId();
  const [campaign, setCampaign] = useState<Campaign | null>(null);
  const [listId, setListId] = useState<string | null>(null);
  const [letterSaved, setLetterSaved] = useState(false);
  if (!practiceId) return null;
  const active = !campaign ? 0 : !listId ? 1 : !letterSaved ? 2 : 3;
  return (
    <Stack>
      <Title order={1} size="h2">
        New campaign{campaign && `: ${campaign.name}`}
      </Title>
      <Stepper active={active} allowNextStepsSelect={false}>
        <Stepper.Step label="Campaign" description="Name and letter type">
          <CampaignStep practiceId={practiceId} onCreated={setCampaign} />
        </Stepper.Step>
        <Stepper.Step label="Patients" description="Upload and check the list">
          {campaign && (
            <PatientListStep
              practiceId={practiceId}
              projectId={campaign.id}
              onAccepted={(list) => setListId(list.id)}
            />
          )}
        </Stepper.Step>
        <Stepper.Step label="Letter" description="What it says">
          {campaign && (
            <LetterStep
              practiceId={practiceId}
              projectId={campaign.id}
              letterType={campaign.letterType as LetterType}
              onSaved={() => setLetterSaved(true)}
            />
          )}
        </Stepper.Step>
        <Stepper.Step label="Order" description="Quote and order">
          {campaign && listId && <QuoteStep practiceId={practiceId} projectId={campaign.id} listId={listId} />}
        </Stepper.Step>
      </Stepper>
    </Stack>
  );
}
