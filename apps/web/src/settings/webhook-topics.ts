/** What a partner system can subscribe to (the notification service's topics that go to webhooks). */
export const WEBHOOK_TOPICS = [
  { value: 'order.proof-ready', label: 'A proof is ready for approval' },
  { value: 'order.approved', label: 'A proof was approved' },
  { value: 'order.status-changed', label: 'An order moved on' },
  { value: 'order.cancelled', label: 'An order was cancelled' },
  { value: 'invoice.issued', label: 'An invoice was issued' },
  { value: 'api-key.created', label: 'An API key was created' },
  { value: 'api-key.revoked', label: 'An API key was revoked' },
  { value: 'compliance.alert', label: 'Compliance alert' },
] as const;
