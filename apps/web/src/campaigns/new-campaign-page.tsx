import { Stack, Stepper, Text, Title } from '@mantine/core';
import { useEffect, useRef, useState } from 'react';
import { CAN_START } from './campaign-roles';
import { useMe } from '../api/me';
import { CampaignStep, type Campaign } from './campaign-step';
import { LetterStep } from './letter-step';
import type { LetterType } from './letter-types';
import { PatientListStep } from './patient-list-step';
import { QuoteStep } from './quote-step';

/** The campaign wizard: campaign, patient list, letter, quote and order, one step after another. */
export function NewCampaignPage() {
  const me = useMe();
  const practiceId = me.data?.practice?.id;
  const [campaign, setCampaign] = useState<Campaign | null>(null);
  const [listId, setListId] = useState<string | null>(null);
  const [letterSaved, setLetterSaved] = useState(false);
  const active = !campaign ? 0 : !listId ? 1 : !letterSaved ? 2 : 3;
  // Each step's content takes the focus when it opens, so a keyboard or screen-reader user is taken along.
  const stepStart = useRef<HTMLHeadingElement>(null);
  const firstRender = useRef(true);
  useEffect(() => {
    if (firstRender.current) return void (firstRender.current = false);
    stepStart.current?.focus();
  }, [active]);
  if (!practiceId) return null;
  if (!CAN_START.has(me.data?.role ?? ''))
    return <Text>Campaigns are started by the practice's owners and approvers; ask one of them.</Text>;
  const STEP_TITLES = ['Name the campaign', 'Upload the patient list', 'Set up the letter', 'Quote and order'];
  return (
    <Stack>
      <Title order={1} size="h2">
        New campaign{campaign && `: ${campaign.name}`}
      </Title>
      <Title order={2} size="h4" ref={stepStart} tabIndex={-1}>
        Step {active + 1} of 4: {STEP_TITLES[active]}
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
