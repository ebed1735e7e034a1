import type { Topic } from '../topics';

export interface Rendered {
  subject: string;
  text: string;
  html: string;
  sms: string;
}

type Values = Record<string, unknown>;
interface Template {
  subject: (v: Values) => string;
  /** Paragraphs of the email, the first one also the SMS. */
  lines: (v: Values, link: (path: string) => string) => string[];
  /** Where the button of the email leads. */
  action?: (v: Values, link: (path: string) => string) => { label: string; url: string };
}

const status = (s: unknown) => String(s ?? '').replaceAll('_', ' ');
const dollars = (cents: unknown) => `$${(Number(cents) / 100).toFixed(2)}`;

/**
 * One template per topic: HTML and plain-text email and the SMS text. They show ids, statuses, amounts
 * and links to the app, never a patient's or a clinician's name (events carry none).
 */
const TEMPLATES: Record<Topic, Template> = {
  'user.invited': {
    subject: () => 'You are invited to PatientLetterHub',
    lines: (v) => [
      `You have been invited to your practice's PatientLetterHub account as ${String(v.role)}.`,
      `The link below works once, until ${String(v.expiresAt)}.`,
    ],
    action: (v, link) => ({ label: 'Accept the invitation', url: link(`/invite#token=${String(v.acceptToken)}`) }),
  },
  'user.password-reset': {
    subject: () => 'Reset your PatientLetterHub password',
    lines: (v) => [
      'Someone (we hope you) asked to reset your password.',
      `The link below works once, until ${String(v.expiresAt)}. If it was not you, ignore this email.`,
    ],
    action: (v, link) => ({
      label: 'Choose a new password',
      url: link(`/reset-password#token=${String(v.resetToken)}`),
    }),
  },
  'order.proof-ready': {
    subject: () => 'A proof is ready for your approval',
    lines: (v) => [`The proof of order ${String(v.orderId)} is ready to review and approve.`],
    action: (v, link) => ({ label: 'Review the proof', url: link(`/orders/${String(v.orderId)}`) }),
  },
  'order.approved': {
    subject: () => 'Proof approved: your letters go to production',
    lines: (v) => [`The proof of order ${String(v.orderId)} was approved; production starts now.`],
    action: (v, link) => ({ label: 'Follow the order', url: link(`/orders/${String(v.orderId)}`) }),
  },
  'order.status-changed': {
    subject: (v) => `Order ${status(v.to)}`,
    lines: (v) => [`Order ${String(v.orderId)} is now ${status(v.to)} (was ${status(v.from) || 'new'}).`],
    action: (v, link) => ({ label: 'Follow the order', url: link(`/orders/${String(v.orderId)}`) }),
  },
  'order.cancelled': {
    subject: () => 'An order was cancelled',
    lines: (v) => [`Order ${String(v.orderId)} was cancelled${v.byOps ? ' by our operations team' : ''}.`],
    action: (v, link) => ({ label: 'See the order', url: link(`/orders/${String(v.orderId)}`) }),
  },
  'invoice.issued': {
    subject: (v) => `Invoice ${String(v.number)}: ${dollars(v.totalCents)}`,
    lines: (v) => [`Invoice ${String(v.number)} for order ${String(v.orderId)} was issued: ${dollars(v.totalCents)}.`],
    action: (v, link) => ({ label: 'View the invoice', url: link(`/invoices/${String(v.invoiceId)}`) }),
  },
  'api-key.created': {
    subject: () => 'A new API key was created',
    lines: (v) => [
      `API key ${String(v.apiKeyId)} was created with the scopes ${String(v.scopes)}.`,
      'If nobody at your practice did this, revoke it now.',
    ],
    action: (_v, link) => ({ label: 'Review API keys', url: link('/settings/api-keys') }),
  },
  'api-key.revoked': {
    subject: () => 'An API key was revoked',
    lines: (v) => [`API key ${String(v.apiKeyId)} was revoked; systems using it are refused from now on.`],
    action: (_v, link) => ({ label: 'Review API keys', url: link('/settings/api-keys') }),
  },
  'compliance.alert': {
    subject: (v) => `${v.priority === 'critical' ? 'CRITICAL' : 'High'} compliance alert: ${status(v.eventType)}`,
    lines: (v) => [
      `PatientLetterHub compliance: a ${String(v.priority)} ${status(v.eventType)} alert (source ${String(v.source)}) needs your attention.`,
      'Open it to see the evidence and acknowledge it.',
    ],
    action: (v, link) => ({ label: 'Open the alert', url: link(`/compliance/events/${String(v.complianceEventId)}`) }),
  },
  'compliance.alert-escalated': {
    subject: (v) =>
      `Escalation: practice ${String(v.practiceId)} has not ${v.reason === 'undelivered' ? 'received' : 'acknowledged'} a ${String(v.priority)} alert`,
    lines: (v) => [
      v.reason === 'undelivered'
        ? `A ${String(v.priority)} ${status(v.eventType)} alert of practice ${String(v.practiceId)} reached nobody within ${String(v.minutes)} minutes.`
        : `A ${String(v.priority)} ${status(v.eventType)} alert of practice ${String(v.practiceId)} is unacknowledged after ${String(v.minutes)} minutes.`,
      'Please contact the practice.',
    ],
    action: (_v, link) => ({ label: 'Open the escalations', url: link('/ops/compliance/escalations') }),
  },
  'webhook.endpoint-disabled': {
    subject: () => 'A webhook endpoint was disabled',
    lines: (v) => [
      `Webhook endpoint ${String(v.endpointId)} failed every delivery for ${String(v.hours)} hours and was disabled.`,
      'Fix the receiving system, enable the endpoint again and replay what it missed.',
    ],
    action: (v, link) => ({ label: 'Open the endpoint', url: link(`/settings/webhooks/${String(v.endpointId)}`) }),
  },
  // The send API's own subject and text (ops and services write it; no PHI by contract).
  direct: {
    subject: (v) => String(v.subject ?? ''),
    lines: (v) => [String(v.text ?? '')],
  },
  'notification.test': {
    subject: () => 'PatientLetterHub test message',
    lines: () => ['This is a test message from PatientLetterHub.'],
  },
};

const escapeHtml = (s: string) =>
  s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);

/** The email (HTML and text) and SMS of a notice. `baseUrl`: where people reach the app. */
export function render(topic: Topic, values: Values, baseUrl: string): Rendered {
  const template = TEMPLATES[topic];
  const link = (path: string) => `${baseUrl.replace(/\/$/, '')}${path}`;
  const lines = template.lines(values, link);
  const action = template.action?.(values, link);
  const subject = template.subject(values);
  const text = [...lines, ...(action ? [`${action.label}: ${action.url}`] : []), '— PatientLetterHub'].join('\n\n');
  const ownHtml = topic === 'direct' && typeof values.html === 'string' ? values.html : null;
  const html =
    ownHtml ??
    [
      '<!doctype html><html><body style="font-family:Arial,sans-serif;color:#1f2933">',
      ...lines.map((l) => `<p>${escapeHtml(l)}</p>`),
      ...(action
        ? [
            `<p><a href="${escapeHtml(action.url)}" style="background:#1b5e9e;color:#fff;padding:10px 16px;text-decoration:none;border-radius:4px">${escapeHtml(action.label)}</a></p>`,
          ]
        : []),
      '<p style="color:#616e7c;font-size:12px">PatientLetterHub</p></body></html>',
    ].join('');
  const sms = `${lines[0]}${action ? ` ${action.url}` : ''}`.slice(0, 480);
  return { subject, text, html, sms };
}
