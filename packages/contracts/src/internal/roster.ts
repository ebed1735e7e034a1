import { Type, type Static } from '@sinclair/typebox';

/**
 * The tenant service's provider roster as the compliance service reads it (service token with
 * `roster:read`): what screening needs, clinicians' data only.
 */
export const RosterProviderSchema = Type.Object({
  id: Type.String(),
  tenantId: Type.String(),
  npi: Type.String(),
  firstName: Type.String(),
  middleName: Type.Union([Type.String(), Type.Null()]),
  lastName: Type.String(),
  /** YYYY-MM-DD */
  dateOfBirth: Type.String(),
  licenseState: Type.String(),
  licenseNumber: Type.String(),
});
export type RosterProviderView = Static<typeof RosterProviderSchema>;

/** A page of every practice's roster, in id order (`next`: the cursor of the next page). */
export const RosterPageSchema = Type.Object({
  items: Type.Array(RosterProviderSchema),
  next: Type.Union([Type.String(), Type.Null()]),
});
export type RosterPage = Static<typeof RosterPageSchema>;

/** A page of the active practices' ids, in id order (every practice sees the regulation bulletins). */
export const PracticePageSchema = Type.Object({
  items: Type.Array(Type.Object({ tenantId: Type.String() })),
  next: Type.Union([Type.String(), Type.Null()]),
});
export type PracticePage = Static<typeof PracticePageSchema>;

/** The scope a service token needs for it. */
export const ROSTER_READ_SCOPE = 'roster:read';
