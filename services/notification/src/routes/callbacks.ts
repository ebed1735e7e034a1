import { Type, type FastifyPluginAsyncTypebox } from '@plh/service-kit';
import type { NotificationDeps } from '../domain/deps';
import { receiveSendgridEvents } from '../domain/callbacks/sendgrid-events';
import { receiveTwilioInbound, receiveTwilioStatus } from '../domain/callbacks/twilio-callbacks';
import { Problem } from './schemas';

const formParams = (body: Buffer): Record<string, string> =>
  Object.fromEntries(new URLSearchParams(body.toString('utf8')));
const header = (value: string | string[] | undefined) => (Array.isArray(value) ? value[0] : value);
const EMPTY_TWIML = '<?xml version="1.0" encoding="UTF-8"?><Response></Response>';

/**
 * The providers' callbacks (public: the gateway lets them through). Each is authenticated by its
 * provider's signature over the exact bytes received, so the body is kept raw and read only after
 * the signature holds.
 */
const callbackRoutes: FastifyPluginAsyncTypebox<{ deps: NotificationDeps }> = async (app, { deps }) => {
  app.removeAllContentTypeParsers();
  app.addContentTypeParser('*', { parseAs: 'buffer' }, (_req, body, done) => done(null, body));
  const raw = Type.Unsafe<Buffer>({});
  app.post(
    '/api/notifications/callbacks/sendgrid/events',
    {
      schema: {
        summary: 'SendGrid Event Webhook (signed ECDSA): delivered, bounce and dropped update the delivery log',
        body: raw,
        response: { 200: Type.Object({ applied: Type.Integer() }), 400: Problem, 401: Problem },
      },
    },
    (req) =>
      receiveSendgridEvents(
        deps,
        {
          signature: header(req.headers['x-twilio-email-event-webhook-signature']),
          timestamp: header(req.headers['x-twilio-email-event-webhook-timestamp']),
        },
        req.body,
      ),
  );
  app.post(
    '/api/notifications/callbacks/twilio/status',
    {
      schema: {
        summary: 'Twilio SMS status callback (X-Twilio-Signature): delivered, undelivered, failed',
        querystring: Type.Object({ m: Type.Optional(Type.String()), t: Type.Optional(Type.String()) }),
        body: raw,
        response: { 204: Type.Null(), 401: Problem },
      },
    },
    async (req, reply) => {
      await receiveTwilioStatus(
        deps,
        header(req.headers['x-twilio-signature']),
        req.url,
        req.query,
        formParams(req.body),
      );
      return reply.status(204).send(null);
    },
  );
  app.post(
    '/api/notifications/callbacks/twilio/inbound',
    {
      schema: {
        summary: 'Texts to our number (X-Twilio-Signature): STOP opts the number out of SMS, START back in',
        body: raw,
        response: { 200: Type.String(), 401: Problem },
      },
    },
    async (req, reply) => {
      await receiveTwilioInbound(deps, header(req.headers['x-twilio-signature']), req.url, formParams(req.body));
      return reply.type('text/xml').send(EMPTY_TWIML);
    },
  );
};
export default callbackRoutes;
