import { useRef } from 'react';
import { createKeyKeeper } from './idempotency';

/** One idempotency key per submission, kept across re-renders (see createKeyKeeper). */
export function useKeyKeeper() {
  const ref = useRef<ReturnType<typeof createKeyKeeper> | null>(null);
  if (!ref.current) ref.current = createKeyKeeper();
  return ref.current;
}
