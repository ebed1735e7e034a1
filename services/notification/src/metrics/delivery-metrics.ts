import { Counter, Histogram, type Registry } from '@plh/service-kit';
import type { DeliveryObserver } from '../domain/deps';

/**
 * Deliveries by channel and what became of each attempt, and the compliance alerts' time from source
 * data to first delivery (the 15-minute SLA: buckets around it), on the service's /metrics.
 */
export function deliveryMetrics(registry: Registry): DeliveryObserver {
  const attempts = new Counter({
    name: 'plh_notification_attempts_total',
    help: 'Delivery attempts by channel and the message status they led to (sent, delivered, queued for a retry, failed, suppressed)',
    labelNames: ['channel', 'status'],
    registers: [registry],
  });
  const alerts = new Histogram({
    name: 'plh_alert_delivery_seconds',
    help: 'Compliance alerts: seconds from the source data (or the raising) to the first delivery, by channel',
    labelNames: ['channel'],
    buckets: [10, 30, 60, 120, 300, 600, 900, 1800, 3600],
    registers: [registry],
  });
  return {
    attempt: (channel, status) => attempts.inc({ channel, status }),
    alertDelivered: (channel, deliveryMs) => alerts.observe({ channel }, deliveryMs / 1000),
  };
}
