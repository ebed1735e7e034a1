import { Alert, Anchor, Button, Container, Paper, Stack, Text, TextInput, Title } from '@mantine/core';
import { useMutation } from '@tanstack/react-query';
import { Link } from '@tanstack/react-router';
import { useState, type FormEvent } from 'react';
import { api, dataOf } from '../api/client';
import { ProblemAlert } from '../ui/problem-alert';

/** Ask for a reset link. The answer is the same whether or not the address has an account. */
export function ForgotPasswordPage() {
  const [email, setEmail] = useState('');
  const ask = useMutation({
    mutationFn: async () => {
      dataOf(await api.POST('/api/auth/password-reset', { body: { email: email.trim() } }));
    },
  });
  const submit = (e: FormEvent) => {
    e.preventDefault();
    ask.mutate();
  };
  return (
    <Container size={420} py="xl">
      <Title order={1} ta="center" mb="lg">
        Forgot your password?
      </Title>
      {ask.isSuccess ? (
        <Alert color="blue" title="Check your email">
          If {email} has an account, a link to choose a new password is on its way. It works for 30 minutes, once.
        </Alert>
      ) : (
        <Paper withBorder p="lg" radius="md" component="form" onSubmit={submit} aria-label="Password reset">
          <Stack>
            <Text size="sm">We will email you a link to choose a new one.</Text>
            <ProblemAlert error={ask.error} />
            <TextInput
              label="Email"
              type="email"
              autoComplete="username"
              required
              value={email}
              onChange={(e) => setEmail(e.currentTarget.value)}
            />
            <Button type="submit" loading={ask.isPending}>
              Email me a link
            </Button>
          </Stack>
        </Paper>
      )}
      <Text ta="center" mt="md" size="sm">
        <Anchor renderRoot={(props) => <Link {...props} to="/sign-in" />}>Back to sign in</Anchor>
      </Text>
    </Container>
  );
}
