/**
 * Legacy and renamed IANA identifiers. Keys are what users pass, values are the
 * canonical name. Some ICU builds only know one side of a rename, so resolveZone
 * tries both directions (see resolve.ts).
 */
export const ZONE_ALIASES: Readonly<Record<string, string>> = {
  'Asia/Calcutta': 'Asia/Kolkata',
  'Asia/Katmandu': 'Asia/Kathmandu',
  'Asia/Saigon': 'Asia/Ho_Chi_Minh',
  'Asia/Rangoon': 'Asia/Yangon',
  'Europe/Kiev': 'Europe/Kyiv',
  'America/Buenos_Aires': 'America/Argentina/Buenos_Aires',
  'America/Godthab': 'America/Nuuk',
  'Pacific/Enderbury': 'Pacific/Kanton',
  'US/Eastern': 'America/New_York',
  'US/Central': 'America/Chicago',
  'US/Mountain': 'America/Denver',
  'US/Pacific': 'America/Los_Angeles',
  'US/Alaska': 'America/Anchorage',
  'US/Hawaii': 'Pacific/Honolulu',
  'GB': 'Europe/London',
  'Zulu': 'UTC',
  'Etc/UCT': 'UTC',
  'Etc/Universal': 'UTC',
};

export const REVERSE_ALIASES: Readonly<Record<string, string>> = Object.fromEntries(
  Object.entries(ZONE_ALIASES).map(([legacy, canonical]) => [canonical, legacy]),
);
