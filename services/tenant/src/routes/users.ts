import { TENANT_ACCESS } from '@plh/contracts';
import { principalOf, Type, type FastifyPluginAsyncTypebox } from '@plh/service-kit';
import type { TenantDeps } from '../domain/deps';
import { changeUser } from '../domain/users/change-user';
import { inviteUser, resendInvitation, revokeInvitation, type Invitation } from '../domain/users/invite-user';
import { listUsers } from '../domain/users/list-users';

const Problem = Type.Ref('Problem');
const UserView = Type.Object({
  id: Type.String(),
  email: Type.String(),
  role: Type.String(),
  status: Type.String(),
  createdAt: Type.String({ format: 'date-time' }),
});
const errors = { 400: Problem, 401: Problem, 403: Problem, 404: Problem, 409: Problem };

/** The users of a practice: listed by owners and ops; roles and suspension changed by owners and ops admins. */
const userRoutes: FastifyPluginAsyncTypebox<{ deps: TenantDeps }> = async (app, { deps }) => {
  app.get(
    '/api/tenants/:tenantId/users',
    {
      config: { access: TENANT_ACCESS.listUsers },
      schema: {
        summary: 'List the practice’s users',
        params: Type.Object({ tenantId: Type.String({ format: 'uuid' }) }),
        response: { 200: Type.Object({ items: Type.Array(UserView) }), ...errors },
      },
    },
    async (req) => {
      return { items: await listUsers(deps, req.params.tenantId) };
    },
  );
  app.patch(
    '/api/tenants/:tenantId/users/:userId',
    {
      config: { access: TENANT_ACCESS.manageUsers },
      schema: {
        summary: 'Change a user’s role or status',
        params: Type.Object({ tenantId: Type.String({ format: 'uuid' }), userId: Type.String({ format: 'uuid' }) }),
        body: Type.Object(
          {
            role: Type.Optional(Type.Union([Type.Literal('owner'), Type.Literal('approver'), Type.Literal('viewer')])),
            status: Type.Optional(Type.Union([Type.Literal('active'), Type.Literal('suspended')])),
          },
          { additionalProperties: false, minProperties: 1 },
        ),
        response: { 200: UserView, ...errors },
      },
    },
    async (req) => {
      const principal = principalOf(req);
      return changeUser(deps, {
        tenantId: req.params.tenantId,
        userId: req.params.userId,
        actorId: principal.id,
        ...req.body,
      });
    },
  );
  app.post(
    '/api/tenants/:tenantId/users',
    {
      config: { access: TENANT_ACCESS.manageUsers },
      schema: {
        summary: 'Invite a colleague (email and role): an invited user, and the invitation email to send',
        description:
          'The notification service emails the accept link (`plh.tenant.user.invited`); the one-time token is also ' +
          'answered here, once, for the owner to pass on if no email arrives. Only its hash is kept.',
        params: Type.Object({ tenantId: Type.String({ format: 'uuid' }) }),
        body: Type.Object(
          {
            email: Type.String({ format: 'email', maxLength: 254 }),
            role: Type.Union([Type.Literal('owner'), Type.Literal('approver'), Type.Literal('viewer')]),
          },
          { additionalProperties: false },
        ),
        response: { 201: InvitationView, ...errors },
      },
    },
    async (req, reply) => {
      const invitation = await inviteUser(deps, {
        tenantId: req.params.tenantId,
        actorId: principalOf(req).id,
        ...req.body,
      });
      return reply.code(201).send(toInvitationView(invitation));
    },
  );
  app.post(
    '/api/tenants/:tenantId/users/:userId/invitation',
    {
      config: { access: TENANT_ACCESS.manageUsers },
      schema: {
        summary: 'Send the invitation again: a new link, the old one stops working',
        params: Type.Object({ tenantId: Type.String({ format: 'uuid' }), userId: Type.String({ format: 'uuid' }) }),
        response: { 201: InvitationView, ...errors },
      },
    },
    async (req, reply) => {
      const invitation = await resendInvitation(deps, {
        tenantId: req.params.tenantId,
        actorId: principalOf(req).id,
        userId: req.params.userId,
      });
      return reply.code(201).send(toInvitationView(invitation));
    },
  );
  app.delete(
    '/api/tenants/:tenantId/users/:userId/invitation',
    {
      config: { access: TENANT_ACCESS.manageUsers },
      schema: {
        summary: 'Revoke an invitation not accepted yet: the invited account and its links are gone',
        params: Type.Object({ tenantId: Type.String({ format: 'uuid' }), userId: Type.String({ format: 'uuid' }) }),
        response: { 204: Type.Null(), ...errors },
      },
    },
    async (req, reply) => {
      await revokeInvitation(deps, { tenantId: req.params.tenantId, userId: req.params.userId });
      return reply.code(204).send(null);
    },
  );
};
export default userRoutes;

const InvitationView = Type.Object({
  userId: Type.String(),
  email: Type.String(),
  role: Type.String(),
  inviteToken: Type.String({ description: 'One-time, shown once: for POST /api/auth/accept-invite' }),
  inviteExpiresAt: Type.String({ format: 'date-time' }),
});
const toInvitationView = (i: Invitation) => ({ ...i, inviteExpiresAt: i.inviteExpiresAt.toISOString() });
