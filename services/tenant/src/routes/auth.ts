import { Type, type FastifyPluginAsyncTypebox } from '@plh/service-kit';
import { acceptInvite } from '../domain/auth/accept-invite';
import { logIn } from '../domain/auth/log-in';
import { logOut } from '../domain/auth/log-out';
import { refreshSession } from '../domain/auth/refresh-session';
import { confirmPasswordReset, requestPasswordReset } from '../domain/auth/reset-password';
import type { TenantDeps } from '../domain/deps';

export const Identity = Type.Object({
  id: Type.String(),
  kind: Type.Union([Type.Literal('user'), Type.Literal('api_key')]),
  email: Type.Union([Type.String(), Type.Null()]),
  role: Type.Union([Type.String(), Type.Null()]),
  scopes: Type.Array(Type.String(), { description: 'An API key’s scopes (empty for a user)' }),
  practice: Type.Union([Type.Object({ id: Type.String(), name: Type.String() }), Type.Null()], {
    description: 'Null for the operations team',
  }),
});
const Session = Type.Object({
  tokenType: Type.Literal('Bearer'),
  accessToken: Type.String(),
  expiresIn: Type.Integer({ description: 'Seconds until the access token expires' }),
  refreshToken: Type.String({ description: 'Opaque; works once; keep it secret' }),
  user: Identity,
});
const Problem = Type.Ref('Problem');
const RefreshBody = Type.Object(
  { refreshToken: Type.String({ minLength: 1, maxLength: 200 }) },
  { additionalProperties: false },
);

/** Password login, refresh-token rotation, logout. */
const authRoutes: FastifyPluginAsyncTypebox<{ deps: TenantDeps }> = async (app, { deps }) => {
  app.post(
    '/api/auth/accept-invite',
    {
      schema: {
        summary: 'Accept an invitation and set a password',
        body: Type.Object(
          {
            token: Type.String({ minLength: 1, maxLength: 200 }),
            password: Type.String({ minLength: 1, maxLength: 1024 }),
          },
          { additionalProperties: false },
        ),
        response: { 200: Session, 400: Problem, 401: Problem },
      },
    },
    async (req) => acceptInvite(deps, req.body),
  );
  app.post(
    '/api/auth/login',
    {
      schema: {
        summary: 'Sign in: access token (15 min) and refresh token',
        body: Type.Object(
          {
            email: Type.String({ minLength: 3, maxLength: 254 }),
            password: Type.String({ minLength: 1, maxLength: 1024 }),
          },
          { additionalProperties: false },
        ),
        response: { 200: Session, 400: Problem, 401: Problem, 429: Problem },
      },
    },
    async (req) => logIn(deps, { email: req.body.email, password: req.body.password, ip: req.ip }),
  );
  app.post(
    '/api/auth/password-reset',
    {
      schema: {
        summary: 'Forgot password: a reset link is emailed if the address belongs to an active user',
        description: 'Always 202, whether or not the address is known; requests per address are throttled.',
        body: Type.Object({ email: Type.String({ minLength: 3, maxLength: 254 }) }, { additionalProperties: false }),
        response: { 202: Type.Object({ message: Type.String() }), 400: Problem, 429: Problem },
      },
    },
    async (req, reply) => {
      await requestPasswordReset(deps, req.body);
      return reply.code(202).send({ message: 'If the address belongs to an active user, a reset link is on its way.' });
    },
  );
  app.post(
    '/api/auth/password-reset/confirm',
    {
      schema: {
        summary: 'Set a new password with the emailed reset link’s token (single use, 30 minutes)',
        body: Type.Object(
          {
            token: Type.String({ minLength: 1, maxLength: 200 }),
            newPassword: Type.String({ minLength: 1, maxLength: 1024 }),
          },
          { additionalProperties: false },
        ),
        response: { 204: Type.Null(), 400: Problem, 401: Problem, 429: Problem },
      },
    },
    async (req, reply) => {
      await confirmPasswordReset(deps, req.body);
      return reply.code(204).send(null);
    },
  );
  app.post(
    '/api/auth/refresh',
    {
      schema: {
        summary: 'Trade a refresh token for new tokens (the old one stops working)',
        body: RefreshBody,
        response: { 200: Session, 400: Problem, 401: Problem },
      },
    },
    async (req) => refreshSession(deps, req.body.refreshToken),
  );
  app.post(
    '/api/auth/logout',
    {
      schema: {
        summary: 'Sign out: revoke the refresh token',
        body: RefreshBody,
        response: { 204: Type.Null(), 400: Problem },
      },
    },
    async (req, reply) => {
      await logOut(deps, req.body.refreshToken);
      return reply.code(204).send(null);
    },
  );
};
export default authRoutes;
