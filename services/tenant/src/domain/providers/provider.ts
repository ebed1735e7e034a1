import { ValidationFailed, type FieldError } from '@plh/service-kit';
import type { ProviderFields, ProviderRecord } from '../../data/provider.repository';
import { isValidNpi } from '../npi';

export interface ProviderInput {
  npi: string;
  firstName: string;
  middleName?: string | null;
  lastName: string;
  /** YYYY-MM-DD */
  dateOfBirth: string;
  licenseState: string;
  licenseNumber: string;
  specialty?: string | null;
}

export interface ProviderView extends ProviderInput {
  id: string;
  middleName: string | null;
  specialty: string | null;
  createdAt: string;
  updatedAt: string;
}

/** Checks what the schema cannot (the NPI's check digit, a real past date) and normalises the rest. */
export function providerFields(input: ProviderInput): ProviderFields {
  const errors: FieldError[] = [];
  if (!isValidNpi(input.npi))
    errors.push({ pointer: '/body/npi', message: 'is not a valid NPI (10 digits, Luhn check digit)' });
  const dob = new Date(`${input.dateOfBirth}T00:00:00Z`);
  if (Number.isNaN(dob.getTime()) || dob > new Date() || dob.getUTCFullYear() < 1900) {
    errors.push({ pointer: '/body/dateOfBirth', message: 'must be a real past date' });
  }
  if (errors.length) throw new ValidationFailed(errors);
  return {
    npi: input.npi,
    firstName: input.firstName.trim(),
    middleName: input.middleName?.trim() || null,
    lastName: input.lastName.trim(),
    dateOfBirth: dob,
    licenseState: input.licenseState.toUpperCase(),
    licenseNumber: input.licenseNumber.trim(),
    specialty: input.specialty?.trim() || null,
  };
}

/**
 * The fields that changed, for the audit record. Names and the date of birth are personal data:
 * the unit of work keeps their names and drops their values.
 */
export function changedFields(before: ProviderFields | null, after: ProviderFields) {
  const value = (fields: ProviderFields, key: keyof ProviderFields) => {
    const v = fields[key];
    return v instanceof Date ? v.toISOString().slice(0, 10) : v;
  };
  return (Object.keys(after) as Array<keyof ProviderFields>)
    .filter((key) => !before || value(before, key) !== value(after, key))
    .map((key) => ({ field: key, ...(before ? { from: value(before, key) } : {}), to: value(after, key) }));
}

export const toProviderView = (row: ProviderRecord): ProviderView => ({
  id: row.id,
  npi: row.npi,
  firstName: row.firstName,
  middleName: row.middleName,
  lastName: row.lastName,
  dateOfBirth: row.dateOfBirth.toISOString().slice(0, 10),
  licenseState: row.licenseState,
  licenseNumber: row.licenseNumber,
  specialty: row.specialty,
  createdAt: row.createdAt.toISOString(),
  updatedAt: row.updatedAt.toISOString(),
});
