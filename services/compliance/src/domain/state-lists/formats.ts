import { PA_MEDICHECK } from './pa-medicheck';
import type { StateListFormat } from './state-list-format';

/** The state lists this service reads, by source name: one format file each. */
export const STATE_LISTS: Readonly<Record<string, StateListFormat>> = { [PA_MEDICHECK.source]: PA_MEDICHECK };
