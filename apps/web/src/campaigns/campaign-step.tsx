import { Button, NativeSelect, Stack, TextInput } from '@mantine/core';
import { useMutation } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { api, dataOf } from '../api/client';
import { ProblemAlert } from '../ui/problem-alert';
import { LETTER_TYPES, type LetterType } from './letter-types';

export interface Campaign {
  id: string;
  name: string;
  letterType: string;
}

/** Step 1: name the campaign and say which letter it sends. */
export function CampaignStep({ practiceId, onCreated }: { practiceId: string; onCreated: (c: Campaign) => void }) {
  const [name, setName] = useState('');
  const [letterType, setLetterType] = useState<LetterType | null>(null);
  const create = useMutation({
    mutationFn: async () =>
      dataOf(
        await api.POST('/api/tenants/{tenantId}/projects', {
          params: { path: { tenantId: practiceId } },
          body: { name: name.trim(), letterType: letterType! },
        }),
      ),
    onSuccess: onCreated,
  });
  const submit = (e: FormEvent) => {
    e.preventDefault();
    create.mutate();
  };
  return (
    <form onSubmit={submit}>
      <Stack maw={480}>
        <TextInput
          label="Campaign name"
          description="For your own lists, e.g. “Closure of the Salem office”"
          required
          value={name}
          onChange={(e) => setName(e.currentTarget.value)}
        />
        <NativeSelect
          label="Letter type"
          required
          data={[{ value: '', label: 'Choose…' }, ...LETTER_TYPES]}
          value={letterType ?? ''}
          onChange={(e) => setLetterType((e.currentTarget.value || null) as LetterType | null)}
        />
        <ProblemAlert error={create.error} />
        <Button type="submit" loading={create.isPending} disabled={!name.trim() || !letterType}>
          Create campaign
        </Button>
      </Stack>
    </form>
  );
}
