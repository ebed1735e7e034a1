import { Alert, Button, Code, CopyButton, Group, Modal, Stack, Text } from '@mantine/core';

/** A secret the API shows this once (an API key, a webhook signing secret): copy it now or make a new one. */
export function SecretOnce({ title, secret, onClose }: { title: string; secret: string | null; onClose: () => void }) {
  return (
    <Modal opened={!!secret} onClose={onClose} title={title} size="lg">
      <Stack>
        <Alert color="yellow" title="Shown once">
          Copy it into the system that needs it now: it is stored only as a hash (API keys) or sealed (webhook secrets)
          and cannot be shown again.
        </Alert>
        <Code block data-testid="secret-once">
          {secret}
        </Code>
        <Group>
          <CopyButton value={secret ?? ''}>
            {({ copied, copy }) => <Button onClick={copy}>{copied ? 'Copied' : 'Copy'}</Button>}
          </CopyButton>
          <Button variant="default" onClick={onClose}>
            Done
          </Button>
        </Group>
        <Text size="xs">Treat it like a password: anyone holding it can act for your practice.</Text>
      </Stack>
    </Modal>
  );
}
