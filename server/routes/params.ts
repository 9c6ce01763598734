/** Descriptions of the path parameters the route table uses. */
export const REGION = { region: 'Region id (the folder name under regions/)' } as const;
export const SERVICE = { ...REGION, service: 'Service id (services/<id>.yaml)' } as const;
export const APPLICATION = { id: 'Application id' } as const;
export const LICENCE = { ...REGION, number: 'Licence number in the region registry' } as const;
