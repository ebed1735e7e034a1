import { Button, Grid, Loader, Stack, Text, TextInput, Textarea } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { useMutation, useQuery } from '@tanstack/react-query';
import { useMemo, useState, type FormEvent } from 'react';
import { api, dataOf } from '../api/client';
import { ProblemAlert } from '../ui/problem-alert';
import { useObjectUrl } from '../ui/use-object-url';
import { QueryState } from '../ui/query-state';
import type { LetterType } from './letter-types';

const LETTER_FIELD = 'letter.';

/**
 * Step 3: what the letters say. The letter type's fields, the legally required ones marked, the return
 * address, and a live PDF preview with sample patient data that follows the typing.
 */
export function LetterStep({
  practiceId,
  projectId,
  letterType,
  onSaved,
}: {
  practiceId: string;
  projectId: string;
  letterType: LetterType;
  onSaved: () => void;
}) {
  const library = useQuery({
    queryKey: ['letter-library', practiceId],
    queryFn: async () =>
      dataOf(await api.GET('/api/tenants/{tenantId}/proof/library', { params: { path: { tenantId: practiceId } } })),
    staleTime: Infinity,
  });
  const [values, setValues] = useState<Record<string, string>>({});
  const [returnAddress, setReturnAddress] = useState('');
  // One object per change of the values (not per render), so the debounce settles and the preview waits.
  const filled = useMemo(() => Object.fromEntries(Object.entries(values).filter(([, v]) => v.trim() !== '')), [values]);
  const [previewValues] = useDebouncedValue(filled, 600);

  const preview = useQuery({
    queryKey: ['letter-preview', practiceId, letterType, previewValues],
    queryFn: async () => {
      const answer = await api.POST('/api/tenants/{tenantId}/proof/templates/preview', {
        params: { path: { tenantId: practiceId } },
        body: { letterType, values: previewValues },
        parseAs: 'blob',
      });
      return dataOf(answer) as unknown as Blob;
    },
    placeholderData: (previous) => previous,
  });
  const previewUrl = useObjectUrl(preview.data);

  const save = useMutation({
    mutationFn: async () =>
      dataOf(
        await api.PUT('/api/tenants/{tenantId}/proof/projects/{projectId}/letter', {
          params: { path: { tenantId: practiceId, projectId } },
          body: {
            letterType,
            values: filled,
            returnAddress: returnAddress
              .split('\n')
              .map((l) => l.trim())
              .filter(Boolean),
          },
        }),
      ),
    onSuccess: onSaved,
  });

  const submit = (e: FormEvent) => {
    e.preventDefault();
    save.mutate();
  };
  return (
    <QueryState query={library}>
      {(types) => {
        const type = types.find((t) => t.letterType === letterType);
        if (!type) return <Text>This letter type has no built-in letter.</Text>;
        return (
          <Grid>
            <Grid.Col span={{ base: 12, md: 5 }}>
              {/* A form: the browser holds back a save with a required field empty, and says which. */}
              <Stack component="form" onSubmit={submit} aria-label="Letter">
                <Text size="sm" c="dimmed">
                  Fields marked * are required by law or by the letter; the preview shows sample patient data.
                </Text>
                {type.variables
                  .filter((v) => v.name.startsWith(LETTER_FIELD))
                  .map((v) => {
                    // The library names merge fields (`letter.effectiveDate`); a letter's values are keyed without the prefix.
                    const key = v.name.slice(LETTER_FIELD.length);
                    return (
                      <TextInput
                        key={key}
                        label={v.description}
                        withAsterisk={v.required}
                        required={v.required}
                        value={values[key] ?? ''}
                        onChange={(e) => {
                          const value = e.currentTarget.value;
                          setValues((all) => ({ ...all, [key]: value }));
                        }}
                      />
                    );
                  })}
                <Textarea
                  label="Return address"
                  description="One line per line, as printed in the envelope window"
                  required
                  autosize
                  minRows={3}
                  value={returnAddress}
                  onChange={(e) => setReturnAddress(e.currentTarget.value)}
                />
                <ProblemAlert error={save.error} title="The letter was not saved" />
                <Button type="submit" loading={save.isPending}>
                  Save the letter
                </Button>
              </Stack>
            </Grid.Col>
            <Grid.Col span={{ base: 12, md: 7 }}>
              <Stack gap="xs">
                <Text fw={600}>Preview {preview.isFetching && <Loader size="xs" aria-label="Updating preview" />}</Text>
                <ProblemAlert error={preview.error} title="No preview" />
                {previewUrl && (
                  <iframe
                    title="Letter preview (PDF)"
                    src={previewUrl}
                    style={{ width: '100%', height: 640, border: '1px solid var(--mantine-color-gray-4)' }}
                  />
                )}
              </Stack>
            </Grid.Col>
          </Grid>
        );
      }}
    </QueryState>
  );
}
