import { Alert, Anchor, Button, Container, Paper, PasswordInput, Stack, Text, Title } from '@mantine/core';
import { useMutation } from '@tanstack/react-query';
import { Link, useNavigate } from '@tanstack/react-router';
import { useState, type FormEvent } from 'react';
import { ProblemAlert } from '../ui/problem-alert';
import { takeTokenFromFragment } from './token-from-fragment';

/**
 * Choose a password with a one-time link's token (an invitation or a reset). The new password is checked
 * by the API's policy; then to the sign-in page.
 */
export function SetPasswordForm({
  title,
  intro,
  submitLabel,
  send,
}: {
  title: string;
  intro: string;
  submitLabel: string;
  send: (token: string, password: string) => Promise<unknown>;
}) {
  const navigate = useNavigate();
  const [token] = useState(takeTokenFromFragment);
  const [password, setPassword] = useState('');
  const [repeat, setRepeat] = useState('');
  const save = useMutation({
    mutationFn: () => send(token!, password),
    onSuccess: () => void navigate({ to: '/sign-in' }),
  });
  const submit = (e: FormEvent) => {
    e.preventDefault();
    save.mutate();
  };
  return (
    <Container size={420} py="xl">
      <Title order={1} ta="center" mb="lg">
        {title}
      </Title>
      {!token ? (
        <Alert color="red" role="alert" title="This link is incomplete">
          Open the link from the email again, or{' '}
          <Anchor renderRoot={(props) => <Link {...props} to="/forgot-password" />}>ask for a new one</Anchor>.
        </Alert>
      ) : (
        <Paper withBorder p="lg" radius="md" component="form" onSubmit={submit} aria-label={title}>
          <Stack>
            <Text size="sm">{intro}</Text>
            <ProblemAlert error={save.error} title="The password was not set" />
            <PasswordInput
              label="New password"
              description="At least 12 characters; a passphrase is best"
              autoComplete="new-password"
              required
              value={password}
              onChange={(e) => setPassword(e.currentTarget.value)}
            />
            <PasswordInput
              label="The same password again"
              autoComplete="new-password"
              required
              value={repeat}
              onChange={(e) => setRepeat(e.currentTarget.value)}
              error={repeat && repeat !== password ? 'The two passwords differ' : undefined}
            />
            <Button type="submit" loading={save.isPending} disabled={!password || password !== repeat}>
              {submitLabel}
            </Button>
          </Stack>
        </Paper>
      )}
    </Container>
  );
}
