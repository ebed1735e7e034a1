import {
  Alert,
  Button,
  FileInput,
  Group,
  Progress,
  Select,
  SimpleGrid,
  Stack,
  Table,
  Text,
  Title,
} from '@mantine/core';
import { useMutation, useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { api, dataOf } from '../api/client';
import type { paths } from '../api/generated/openapi';
import { ProblemAlert } from '../ui/problem-alert';
import { saveBlob } from '../ui/save-blob';

type PatientList =
  paths['/api/tenants/{tenantId}/patient-lists/{listId}']['get']['responses'][200]['content']['application/json'];
type MappingField =
  keyof paths['/api/tenants/{tenantId}/patient-lists/{listId}/mapping']['put']['requestBody']['content']['application/json']['mapping'];

const FIELD_LABELS: Record<string, string> = {
  fullName: 'Full name',
  firstName: 'First name',
  lastName: 'Last name',
  address1: 'Address line 1',
  address2: 'Address line 2',
  city: 'City',
  state: 'State',
  zip: 'ZIP code',
  dateOfBirth: 'Date of birth',
};
const fieldLabel = (field: string | null) => (field ? (FIELD_LABELS[field] ?? field) : 'whole row');

/**
 * Step 2: the patient list. The file is uploaded as it is (any spreadsheet's CSV export); the import runs
 * on the server and is followed here with a progress bar; columns it could not recognise are mapped by
 * hand; then the report: every refused row by line, field and reason, downloadable, before accepting.
 */
export function PatientListStep({
  practiceId,
  projectId,
  onAccepted,
}: {
  practiceId: string;
  projectId: string;
  onAccepted: (list: PatientList) => void;
}) {
  const [file, setFile] = useState<File | null>(null);
  const [listId, setListId] = useState<string | null>(null);
  const path = { tenantId: practiceId, listId: listId ?? '' };

  const upload = useMutation({
    mutationFn: async (f: File) =>
      dataOf(
        await api.POST('/api/tenants/{tenantId}/projects/{projectId}/patient-lists', {
          params: { path: { tenantId: practiceId, projectId } },
          // The browser's own multipart form (what `curl -F file=@list.csv` sends too).
          body: f as never,
          bodySerializer: () => {
            const form = new FormData();
            form.append('file', f);
            return form;
          },
        }),
      ),
    onSuccess: (list) => setListId(list.id),
  });
  const list = useQuery({
    queryKey: ['patient-list', listId],
    enabled: !!listId,
    queryFn: async () => dataOf(await api.GET('/api/tenants/{tenantId}/patient-lists/{listId}', { params: { path } })),
    // Followed while the import runs; still after that.
    refetchInterval: (q) => (q.state.status !== 'error' && q.state.data?.status === 'importing' ? 700 : false),
  });
  const accept = useMutation({
    mutationFn: async () =>
      dataOf(await api.POST('/api/tenants/{tenantId}/patient-lists/{listId}/accept', { params: { path } })),
    onSuccess: () => list.data && onAccepted(list.data),
  });
  const downloadReport = useMutation({
    mutationFn: async () => {
      const answer = await api.GET('/api/tenants/{tenantId}/patient-lists/{listId}/issues.csv', {
        params: { path, query: { severity: 'error' } },
        parseAs: 'blob',
      });
      saveBlob(dataOf(answer) as Blob, `patient-list-${listId!.slice(0, 8)}-errors.csv`);
    },
  });
  const current = list.data;

  return (
    <Stack>
      <Group align="end">
        <FileInput
          label="Patient list"
          description="CSV from your practice system or a spreadsheet (UTF-8 or Windows-1252; comma, semicolon or tab)"
          placeholder="Choose a file"
          accept=".csv,.txt,text/csv,text/plain"
          value={file}
          onChange={setFile}
          w={420}
          clearable
          clearButtonProps={{ 'aria-label': 'Remove the file' }}
        />
        <Button onClick={() => file && upload.mutate(file)} disabled={!file} loading={upload.isPending}>
          Upload
        </Button>
      </Group>
      <ProblemAlert error={upload.error} title="The file was not accepted" />
      <ProblemAlert error={list.error} title="The import could not be followed" />
      {current?.status === 'importing' && (
        <Stack gap={4}>
          <Text size="sm">Checking rows: {current.progress.rowsRead.toLocaleString()} read</Text>
          <Progress value={current.progress.percent} aria-label="Import progress" animated />
        </Stack>
      )}
      {current?.status === 'needs_mapping' && (
        <ColumnMapping list={current} practiceId={practiceId} onMapped={() => void list.refetch()} />
      )}
      {(current?.status === 'rejected' || current?.status === 'failed') && (
        <Alert color="red" role="alert" title="This file could not be imported">
          {current.fileError?.message ?? 'Upload it again.'}
        </Alert>
      )}
      {current && (current.status === 'validated' || current.status === 'accepted') && (
        <Stack>
          <SimpleGrid cols={{ base: 2, md: 5 }}>
            <Figure label="Rows" value={current.summary.totalRows} />
            <Figure label="Will be mailed" value={current.summary.validRows} />
            <Figure label="Refused" value={current.summary.invalidRows} />
            <Figure label="Duplicates" value={current.summary.duplicateRows} />
            <Figure label="With warnings" value={current.summary.warningRows} />
          </SimpleGrid>
          {current.rowErrors.length > 0 && (
            <IssueTable title="Refused rows" caption="Rows that will not be mailed" issues={current.rowErrors} />
          )}
          {current.rowWarnings.length > 0 && (
            <IssueTable
              title="Warnings"
              caption="Imported, with a change worth checking"
              issues={current.rowWarnings}
            />
          )}
          <Group>
            {current.summary.invalidRows > 0 && (
              <Button variant="default" onClick={() => downloadReport.mutate()} loading={downloadReport.isPending}>
                Download refused rows (CSV)
              </Button>
            )}
            <Button
              onClick={() => accept.mutate()}
              loading={accept.isPending}
              disabled={current.status !== 'validated' || current.summary.validRows === 0}
            >
              Accept {current.summary.validRows} patients
            </Button>
          </Group>
          <ProblemAlert error={accept.error ?? downloadReport.error} />
        </Stack>
      )}
    </Stack>
  );
}

function Figure({ label, value }: { label: string; value: number }) {
  return (
    <div>
      <Text size="xs" c="dimmed">
        {label}
      </Text>
      <Text fw={700}>{value.toLocaleString()}</Text>
    </div>
  );
}

function IssueTable({ title, caption, issues }: { title: string; caption: string; issues: PatientList['rowErrors'] }) {
  return (
    <Stack gap="xs">
      <Title order={3} size="h5">
        {title}
      </Title>
      <Table striped withTableBorder aria-label={title}>
        <Table.Caption>{caption}</Table.Caption>
        <Table.Thead>
          <Table.Tr>
            <Table.Th>Line</Table.Th>
            <Table.Th>Field</Table.Th>
            <Table.Th>Reason</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {issues.map((i) => (
            <Table.Tr key={`${i.line}-${i.field}-${i.code}`}>
              <Table.Td>{i.line}</Table.Td>
              <Table.Td>{fieldLabel(i.field)}</Table.Td>
              <Table.Td>{i.reason}</Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Stack>
  );
}

/** The columns the import could not recognise, mapped by hand (headers only: no cell is shown). */
function ColumnMapping({
  list,
  practiceId,
  onMapped,
}: {
  list: PatientList;
  practiceId: string;
  onMapped: () => void;
}) {
  const [mapping, setMapping] = useState<Partial<Record<MappingField, number>>>({});
  const save = useMutation({
    mutationFn: async () =>
      dataOf(
        await api.PUT('/api/tenants/{tenantId}/patient-lists/{listId}/mapping', {
          params: { path: { tenantId: practiceId, listId: list.id } },
          body: { mapping: { ...(list.mapping as Partial<Record<MappingField, number>>), ...mapping } },
        }),
      ),
    onSuccess: onMapped,
  });
  const columns = list.headers.map((h, i) => ({ value: String(i), label: h || `Column ${i + 1}` }));
  return (
    <Stack maw={480}>
      <Alert color="yellow" title="Some columns need you">
        Say which column holds each of these; the rest of the file was recognised.
      </Alert>
      {list.missingFields.map((field) => (
        <Select
          key={field}
          label={fieldLabel(field)}
          data={columns}
          value={mapping[field as MappingField] === undefined ? null : String(mapping[field as MappingField])}
          onChange={(v) => setMapping((m) => ({ ...m, [field]: v === null ? undefined : Number(v) }))}
        />
      ))}
      <ProblemAlert error={save.error} />
      <Button onClick={() => save.mutate()} loading={save.isPending}>
        Import with these columns
      </Button>
    </Stack>
  );
}
