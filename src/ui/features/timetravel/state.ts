import { create } from 'zustand';
import type { HistoryState } from '../../../worker/protocol';
import { useSandbox } from '../../state/sandbox';

interface TimeTravelState extends HistoryState {
  busy: boolean;
  /** Ask the worker for the moments kept so far. */
  refresh(): Promise<void>;
  travel(at: number): Promise<void>;
  returnToNow(): Promise<void>;
  branch(): Promise<void>;
}

/** Time travel as the page sees it: the worker's moments and the one shown (the worker is the authority). */
export const useTimeTravel = create<TimeTravelState>((set) => {
  const call = async (fn: (api: NonNullable<ReturnType<typeof useSandbox.getState>['api']>) => Promise<HistoryState>) => {
    const api = useSandbox.getState().api;
    if (!api) return;
    set({ busy: true });
    try {
      const h = await fn(api);
      set({ times: h.times, viewing: h.viewing });
    } finally {
      set({ busy: false });
    }
  };
  return {
    times: [],
    busy: false,
    refresh: () => call((api) => api.history()),
    travel: (at) => call((api) => api.travel(at)),
    returnToNow: () => call((api) => api.returnToNow()),
    branch: () => call((api) => api.branch()),
  };
});

/** The index of the moment shown among `times` (the last one: now, when nothing is shown). */
export function shownIndex(times: number[], viewing?: number): number {
  if (viewing === undefined) return times.length - 1;
  const i = times.indexOf(viewing);
  return i < 0 ? times.length - 1 : i;
}
