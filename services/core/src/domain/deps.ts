import type { ObjectStorage } from '@plh/storage';
import type { CoreUnitOfWork, RunUnitOfWork } from '../data/unit-of-work';
import type { Keyring } from './keyring';

/** A practice's commercial terms, from its settings in the tenant service. */
export interface PracticeTerms {
  /** Negotiated price per letter for printing and handling (postage extra); null: the price list. */
  perLetterCents: number | null;
  cancelWindowMinutes: number;
}

/** What use cases need; built once in app.ts. */
export interface CoreDeps {
  terms: (tenantId: string) => Promise<PracticeTerms>;
  unitOfWork: RunUnitOfWork;
  /** Work across practices (the ops queue), through the system repositories. */
  systemWork: CoreUnitOfWork['system'];
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
