import type { ObjectStorage } from '@plh/storage';
import type { CoreMailing } from '../data/core-mailing.client';
import type { ProofUnitOfWork, RunUnitOfWork } from '../data/unit-of-work';

/** What use cases need; built once in app.ts. */
export interface ProofDeps {
  unitOfWork: RunUnitOfWork;
  /** Work across practices (the retention sweep). */
  systemWork: ProofUnitOfWork['system'];
  storage: ObjectStorage;
  core: CoreMailing;
  settings: {
    /** Letters of a proof before the layout-stressing ones are added. */
    proofSampleLetters: number;
    /** Letters per batch file of a production job (the resume point of a retry). */
    partLetters: number;
    /** Pages of the proof rendered as PNG thumbnails; 0: none. */
    thumbnailPages: number;
    downloadTtlSec: number;
    /** Days a production file is kept after its order was mailed. */
    productionRetentionDays: number;
  };
}

export interface Actor {
  id: string;
}
