import { Button, Card, Group, Text, TextInput, Title } from '@mantine/core';
import { useMutation } from '@tanstack/react-query';
import { useState } from 'react';
import { api, dataOf } from '../api/client';
import { ProblemAlert } from '../ui/problem-alert';
import { saveBlob } from '../ui/save-blob';

/** The month's exclusion-screening attestation, for a payer's or an auditor's file (PDF or CSV). */
export function AttestationCard({ tenantId }: { tenantId: string }) {
  const [month, setMonth] = useState(() => new Date().toISOString().slice(0, 7));
  const download = useMutation({
    mutationFn: async (format: 'pdf' | 'csv') => {
      const answer = await api.GET('/api/tenants/{tenantId}/compliance/attestation', {
        params: { path: { tenantId }, query: { month, format } },
        parseAs: 'blob',
      });
      saveBlob(dataOf(answer) as unknown as Blob, `exclusion-screening-attestation-${month}.${format}`);
    },
  });
  return (
    <Card withBorder>
      <Title order={2} size="h4" mb="sm">
        Screening attestation
      </Title>
      <Text size="sm" mb="sm">
        Every provider screened in the month, against which source versions, with the decisions taken and events raised.
      </Text>
      <Group align="end">
        <TextInput label="Month" type="month" value={month} onChange={(e) => setMonth(e.currentTarget.value)} />
        <Button
          variant="default"
          onClick={() => download.mutate('pdf')}
          loading={download.isPending && download.variables === 'pdf'}
        >
          Download PDF
        </Button>
        <Button
          variant="default"
          onClick={() => download.mutate('csv')}
          loading={download.isPending && download.variables === 'csv'}
        >
          Download CSV
        </Button>
      </Group>
      <ProblemAlert error={download.error} />
    </Card>
  );
}
