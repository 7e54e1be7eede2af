import { type KeyboardEvent, type PointerEvent, type RefObject, useEffect, useState } from 'react';
import { useT } from '../i18n/i18n';
import { clampSize, loadSizes, type PaneSizes, saveSizes } from './layout';

const MIN = { side: 280, bottom: 120 };
/** What the other panes keep at least (the graph and the top row). */
const KEEP = { side: 480, bottom: 260 };
const STEP = 24;

/** Drag handles (and arrow keys) between the panes: the side column's width and the bottom row's height. */
export function Splitters({ workbench }: { workbench: RefObject<HTMLElement | null> }) {
  const t = useT();
  const [sizes, setSizes] = useState<PaneSizes>(loadSizes);

  useEffect(() => {
    const el = workbench.current;
    if (!el) return;
    el.style.setProperty('--side-w', `${sizes.side}px`);
    el.style.setProperty('--bottom-h', `${sizes.bottom}px`);
  }, [sizes, workbench]);

  const bounded = (s: PaneSizes): PaneSizes => {
    const box = workbench.current?.getBoundingClientRect();
    if (!box) return s;
    return { side: clampSize(s.side, MIN.side, box.width, KEEP.side), bottom: clampSize(s.bottom, MIN.bottom, box.height, KEEP.bottom) };
  };
  const update = (s: PaneSizes, persist: boolean) => {
    const next = bounded(s);
    setSizes(next);
    if (persist) saveSizes(next);
  };

  const drag = (which: keyof PaneSizes) => (e: PointerEvent<HTMLDivElement>) => {
    const box = workbench.current?.getBoundingClientRect();
    if (!box) return;
    const handle = e.currentTarget;
    handle.setPointerCapture(e.pointerId);
    let last = sizes;
    const move = (ev: globalThis.PointerEvent) => {
      last = which === 'side' ? { ...last, side: box.right - 8 - ev.clientX } : { ...last, bottom: box.bottom - 8 - ev.clientY };
      update(last, false);
    };
    const up = () => {
      handle.removeEventListener('pointermove', move);
      handle.removeEventListener('pointerup', up);
      update(last, true);
    };
    handle.addEventListener('pointermove', move);
    handle.addEventListener('pointerup', up);
  };

  const key = (which: keyof PaneSizes) => (e: KeyboardEvent<HTMLDivElement>) => {
    const delta = which === 'side' ? { ArrowLeft: STEP, ArrowRight: -STEP }[e.key] : { ArrowUp: STEP, ArrowDown: -STEP }[e.key];
    if (!delta) return;
    e.preventDefault();
    update({ ...sizes, [which]: sizes[which] + delta }, true);
  };

  return (
    <>
      {/* biome-ignore lint/a11y/useSemanticElements: a focusable splitter is a separator with a value (WAI-ARIA window splitter); <hr> cannot take focus or keys. */}
      <div
        className="splitter vertical"
        role="separator"
        aria-orientation="vertical"
        aria-label={t('layout.side')}
        aria-valuenow={sizes.side}
        aria-valuemin={MIN.side}
        tabIndex={0}
        onPointerDown={drag('side')}
        onKeyDown={key('side')}
      />
      {/* biome-ignore lint/a11y/useSemanticElements: as above, for the bottom row. */}
      <div
        className="splitter horizontal"
        role="separator"
        aria-orientation="horizontal"
        aria-label={t('layout.bottom')}
        aria-valuenow={sizes.bottom}
        aria-valuemin={MIN.bottom}
        tabIndex={0}
        onPointerDown={drag('bottom')}
        onKeyDown={key('bottom')}
      />
    </>
  );
}
