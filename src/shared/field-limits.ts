/**
 * The longest texts the service keeps, in characters after normalisation. The API's zod schemas
 * and the spreadsheet import both read them from here, so a value refused by one is refused by
 * the other (an import once stored a 2,000-character name the form would have refused).
 */
export const householdLimits = {
  code: 32,
  personName: 32,
  relation: 16,
  agreementNo: 64,
  notes: 2000,
  /** Members of one household, the head included. */
  members: 30,
} as const;

export const buildingLimits = {
  zone: 50,
  name: 50,
  /** Flats come only from imports; these fit every 室号 and 户型 seen in real lists with room to spare. */
  room: 16,
  layout: 32,
} as const;
