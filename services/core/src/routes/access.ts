import type { Principal } from '@plh/service-kit';
import type { Actor } from '../domain/deps';

export function actorOf(principal: Principal): Actor {
  return { id: principal.id, kind: principal.kind, role: principal.role };
}
