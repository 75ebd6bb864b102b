import type { Relation } from '@shared/schemas/ledger';

const INVERSE: Record<Relation, Relation> = { spouse: 'spouse', parent: 'child', child: 'parent', grandparent: 'grandchild', grandchild: 'grandparent' };

/**
 * A link's relation is what the relative is to the person who declared it ("my parent").
 * Read from the other side it is the inverse (I am that person's child, so they are my parent).
 */
export function relationFromMyView(link: { userId: string; relation: Relation }, myId: string): Relation {
  return link.userId === myId ? link.relation : INVERSE[link.relation];
}

/** The other person of a link, from my side. */
export function otherUserId(link: { userId: string; relativeUserId: string }, myId: string): string {
  return link.userId === myId ? link.relativeUserId : link.userId;
}

/** Parses `2` hours and `30` minutes (either may be empty) into minutes; null when both are empty. */
export function toMinutes(hours: number | null | undefined, minutes: number | null | undefined): number | null {
  if ((hours === null || hours === undefined) && (minutes === null || minutes === undefined)) return null;
  return Math.round((hours ?? 0) * 60 + (minutes ?? 0));
}
