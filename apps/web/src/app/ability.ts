import { useAbility } from '@casl/react';
import { ancestorIdsOfCode, subjectOf } from '@fz/domain';
import type { AppAbility, ScopedRecord, SubjectType } from '@fz/domain';

export function useAppAbility(): AppAbility {
  return useAbility<AppAbility>();
}

/**
 * The attributes CASL conditions look at for something owned by jurisdiction `id`. The numeric
 * id is the division code, so the ancestors follow from its digits.
 */
export function scopedRecord(jurisdictionId: number, extra: Omit<ScopedRecord, keyof ReturnType<typeof ancestorIdsOfCode>> = {}): ScopedRecord {
  return { ...ancestorIdsOfCode(String(jurisdictionId)), jurisdictionId, ...extra };
}

export function subjectIn(type: SubjectType, jurisdictionId: number, extra?: Omit<ScopedRecord, 'provinceId' | 'cityId' | 'countyId' | 'townshipId'>) {
  return subjectOf(type, scopedRecord(jurisdictionId, extra));
}
