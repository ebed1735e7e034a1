import { Alert, Anchor, Button, Container, Paper, PasswordInput, Stack, TextInput, Title } from '@mantine/core';
import { useMutation } from '@tanstack/react-query';
import { Link, useNavigate } from '@tanstack/react-router';
import { useState, type FormEvent } from 'react';
import { api, dataOf } from '../api/client';
import { session, SESSION_HEADERS } from '../session/session';

/** Email and password; the session stays in this tab's memory. */
export function SignInPage() {
  const navigate = useNavigate();
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const signIn = useMutation({
    mutationFn: async () =>
      dataOf(await api.POST('/api/auth/login', { body: { email, password }, headers: SESSION_HEADERS })),
    onSuccess: async (answer) => {
      session.set(answer.accessToken);
      const next = new URLSearchParams(window.location.search).get('next');
      await navigate({ to: next && next.startsWith('/') && !next.startsWith('//') ? next : '/' });
    },
  });
  const submit = (e: FormEvent) => {
    e.preventDefault();
    signIn.mutate();
  };
  return (
    <Container size={420} py="xl">
      <Title order={1} ta="center" mb="lg">
        PatientLetterHub
      </Title>
      <Paper withBorder p="lg" radius="md" component="form" onSubmit={submit} aria-label="Sign in">
        <Stack>
          {signIn.error && (
            <Alert color="red" role="alert" title="Not signed in">
              {signIn.error.message}
            </Alert>
          )}
          <TextInput
            label="Email"
            type="email"
            autoComplete="username"
            required
            value={email}
            onChange={(e) => setEmail(e.currentTarget.value)}
          />
          <PasswordInput
            label="Password"
            autoComplete="current-password"
            required
            value={password}
            onChange={(e) => setPassword(e.currentTarget.value)}
          />
          <Button type="submit" loading={signIn.isPending}>
            Sign in
          </Button>
          <Anchor renderRoot={(props) => <Link {...props} to="/forgot-password" />} size="sm" ta="center">
            Forgot your password?
          </Anchor>
        </Stack>
      </Paper>
    </Container>
  );
}
