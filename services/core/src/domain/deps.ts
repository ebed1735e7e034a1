import type { ObjectStorage } from '@plh/storage';
import type { RunUnitOfWork } from '../data/unit-of-work';
import type { Keyring } from './keyring';

/** What use cases need; built once in app.ts. */
export interface CoreDeps {
  unitOfWork: RunUnitOfWork;
  storage: ObjectStorage;
  keyring: Keyring;
  limits: {
    maxUploadBytes: number;
    maxListRows: number;
    quoteTtlDays: number;
    cancelWindowMinutes: number;
  };
}

/** Who acts, as the domain sees it: an id for the timeline plus the kind/role the state machine needs. */
export interface Actor {
  id: string;
  kind: 'user' | 'api_key' | 'service';
  role: string | null;
}
