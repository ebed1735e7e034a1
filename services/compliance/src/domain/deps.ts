import type { KeyObject } from 'node:crypto';
import type { CheckpointSigner } from '@plh/audit-chain';
import type { AuditEntriesReader } from '../data/audit-entries.reader';
import type { RosterProviderView } from '@plh/contracts';
import type { BatchUnitOfWork, ComplianceUnitOfWork, RunUnitOfWork } from '../data/unit-of-work';
import type { NppesClient } from './nppes/nppes-client';

/** The tenant service's rosters and practices (internal API, service token with roster:read). */
export interface Rosters {
  /** Every active practice's providers, a page at a time in id order. */
  page(cursor: string | null, limit: number): Promise<{ items: RosterProviderView[]; next: string | null }>;
  /** Every active practice (with or without providers), a page at a time in id order. */
  practices(cursor: string | null, limit: number): Promise<{ items: Array<{ tenantId: string }>; next: string | null }>;
  /** Many practices' providers in one read, in the order asked (a screening batch's). */
  ofPractices(tenantIds: readonly string[]): Promise<RosterProviderView[][]>;
  /** One practice's providers (empty for a practice the tenant service does not know). */
  ofPractice(tenantId: string): Promise<RosterProviderView[]>;
  close(): Promise<void>;
}

/** Core's projects and the proof engine's letters, for the departure letter a compliance event calls for. */
export interface PracticeLetters {
  createProject(
    tenantId: string,
    body: { name: string; letterType: 'provider_departure'; requestedBy: string; projectId: string },
  ): Promise<{ projectId: string }>;
  setLetter(
    tenantId: string,
    projectId: string,
    body: {
      letterType: 'provider_departure';
      values: Record<string, string>;
      returnAddress: string[];
      requestedBy: string;
    },
  ): Promise<void>;
  close(): Promise<void>;
}

/** What use cases need; built once in app.ts. */
export interface ComplianceDeps {
  unitOfWork: RunUnitOfWork;
  /** Many practices in one transaction (batch screening). */
  batchWork: BatchUnitOfWork;
  /** Platform-wide work: sources, syncs, the LEIE. */
  systemWork: ComplianceUnitOfWork['system'];
  rosters: Rosters;
  letters: PracticeLetters;
  /** The CMS NPI Registry (rate-limited per process). */
  nppes: Pick<NppesClient, 'lookUp'>;
  audit: {
    /** Signs checkpoints (AUDIT_SIGNING_PRIVATE_JWK). */
    signer: CheckpointSigner;
    /** Every published public key by kid: the current one and the retired ones. */
    publicKeys: ReadonlyMap<string, KeyObject>;
    publishedJwks: { keys: Array<{ kty: string; crv: string; x: string; kid: string; use: string; alg: string }> };
    /** Long stretches of a chain, for verification (rows as text, several per transaction). */
    entries: Pick<AuditEntriesReader, 'between'>;
  };
  sources: {
    /** A source file larger than this is refused. */
    maxBytes: number;
    /** Headers, and each chunk of a body, within this. */
    timeoutMs: number;
    /** Whether a source URL's host is one sources may be read from (SOURCE_HOSTS), redirects included. */
    allowedHost: (url: string) => boolean;
  };
}
