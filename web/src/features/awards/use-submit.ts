import { useCallback, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { errorLine } from '../../api/error-text';
import { useFormat } from '../../i18n/use-format';

/** A form's sending state: busy while it runs, the failure as one line of the page's language. */
export function useSubmit() {
  const { t } = useTranslation();
  const { lang } = useFormat();
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<string | null>(null);
  const describe = useCallback((err: unknown) => errorLine(err, t, lang), [t, lang]);
  const run = useCallback(
    async (f: () => Promise<void>, onError?: (line: string) => void) => {
      setBusy(true);
      setProblem(null);
      try {
        await f();
      } catch (err) {
        const line = describe(err);
        if (onError) onError(line);
        else setProblem(line);
      } finally {
        setBusy(false);
      }
    },
    [describe],
  );
  return { busy, problem, run };
}
