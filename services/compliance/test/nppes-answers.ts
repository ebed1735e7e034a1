/** An NPI Registry API v2.1 answer for one individual, as the registry sends it. */
export function registryAnswer(
  npi: string,
  basic: Record<string, unknown> = {},
  taxonomies: Array<Record<string, unknown>> = [],
  enumerationType = 'NPI-1',
) {
  return {
    result_count: 1,
    results: [
      {
        created_epoch: '1117584000000',
        enumeration_type: enumerationType,
        last_updated_epoch: '1183852800000',
        number: npi,
        addresses: [],
        practiceLocations: [],
        basic: {
          first_name: 'ELENA',
          last_name: 'RIVERA',
          middle_name: 'M',
          credential: 'MD',
          sole_proprietor: 'NO',
          sex: 'F',
          enumeration_date: '2005-06-01',
          last_updated: '2007-07-08',
          status: 'A',
          ...basic,
        },
        taxonomies,
        identifiers: [],
        endpoints: [],
        other_names: [],
      },
    ],
  };
}
